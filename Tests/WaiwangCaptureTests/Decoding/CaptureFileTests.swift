import Foundation
import Testing
import WaiwangCapture
import WaiwangCore

@Suite("Capture files: reading pcap and pcapng, writing evidence")
struct CaptureFileTests {
    typealias F = FrameBuilder

    static let frames: [[UInt8]] = [
        F.ethernet(0x0800, F.ipv4(6, F.tcp())),
        F.ethernet(0x0806, F.arp()),
        F.ethernet(0x86DD, F.ipv6(17, F.udp()), tags: [(0x8100, 30)]),
    ]

    /// Reads every packet of `path` as copies.
    static func readAll(_ path: String) throws -> (LinkType, [CapturedPacket]) {
        let reader = try PcapFileReader(path: path)
        var packets: [CapturedPacket] = []
        try reader.forEachPacket { bytes, time, wireLength in
            packets.append(CapturedPacket(bytes, timestampNanoseconds: time, wireLength: wireLength))
        }
        return (reader.linkType, packets)
    }

    @Test("evidence written with nanosecond times reads back byte for byte")
    func evidenceRoundTrip() throws {
        let path = CaptureFileBytes.temporaryPath(suffix: ".pcap")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let times: [Int64] = [1_764_201_600_123_456_789, 1_764_201_600_123_456_790, 1_764_201_601_000_000_001]
        let writer = try PcapEvidenceWriter(path: path, linkType: .ethernet)
        for (frame, time) in zip(Self.frames, times) {
            writer.write(CapturedPacket(timestampNanoseconds: time, wireLength: frame.count + 100, bytes: frame))
        }
        try writer.close()
        try writer.close()
        #expect(writer.packetsWritten == 3)

        let (linkType, packets) = try Self.readAll(path)
        #expect(linkType == .ethernet)
        #expect(packets.map(\.bytes) == Self.frames)
        #expect(packets.map(\.timestampNanoseconds) == times)
        #expect(packets.map(\.wireLength) == Self.frames.map { $0.count + 100 })
    }

    @Test("the evidence writer cuts frames to its snap length and keeps the wire length")
    func evidenceSnapLength() throws {
        let path = CaptureFileBytes.temporaryPath(suffix: ".pcap")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try PcapEvidenceWriter(path: path, linkType: .ethernet, snapshotLength: 20)
        writer.write(CapturedPacket(timestampNanoseconds: -1, bytes: Self.frames[0]))
        try writer.close()
        let (_, packets) = try Self.readAll(path)
        #expect(packets.first?.bytes == Array(Self.frames[0].prefix(20)))
        #expect(packets.first?.wireLength == Self.frames[0].count)
        #expect(packets.first?.timestampNanoseconds == -1)
    }

    @Test(
        "classic pcap in either byte order, micro- and nanoseconds",
        arguments: [(false, false), (true, false), (false, true), (true, true)])
    func classicPcap(nano: Bool, bigEndian: Bool) throws {
        let records = Self.frames.enumerated().map { index, frame in
            CaptureFileBytes.Record(
                seconds: 1_764_201_600 + UInt32(index), fraction: 999, wireLength: frame.count, bytes: frame)
        }
        let path = try CaptureFileBytes.temporaryFile(
            CaptureFileBytes.pcap(linkType: 1, records: records, nano: nano, bigEndian: bigEndian), suffix: ".pcap")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (_, packets) = try Self.readAll(path)
        #expect(packets.map(\.bytes) == Self.frames)
        let first = try #require(packets.first)
        let expected: Int64 = 1_764_201_600_000_000_000 + (nano ? 999 : 999_000)
        #expect(first.timestampNanoseconds == expected)
    }

    @Test("pcapng with nanosecond if_tsresol, decoded through the reader")
    func pcapng() throws {
        let records = Self.frames.enumerated().map { index, frame in
            (nanoseconds: 1_764_201_600_000_000_000 + UInt64(index), wireLength: frame.count, bytes: frame)
        }
        let path = try CaptureFileBytes.temporaryFile(
            CaptureFileBytes.pcapng(linkType: 1, records: records), suffix: ".pcapng")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try PcapFileReader(path: path)
        var decoder = reader.makeDecoder()
        var packets: [DecodedPacket] = []
        try reader.forEachDecodedPacket(using: &decoder) { packet, _ in packets.append(packet) }
        #expect(packets.map(\.timestampNanoseconds) == records.map { Int64($0.nanoseconds) })
        let arp = try #require(F.decode(Self.frames[1]).packet?.arpMessage)
        #expect(packets[1].network == .arp(arp))
        #expect(packets[2].outerVLAN == 30)
        #expect(decoder.statistics.decoded == 3)
    }

    @Test("a Linux cooked (SLL2) file, as `-i any` writes it, decodes")
    func sll2File() throws {
        let frame = F.linuxSLL2(0x0800, F.ipv4(17, F.udp()))
        let path = try CaptureFileBytes.temporaryFile(
            CaptureFileBytes.pcap(
                linkType: 276, records: [.init(seconds: 1, fraction: 0, wireLength: frame.count, bytes: frame)]),
            suffix: ".pcap")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try PcapFileReader(path: path)
        #expect(reader.linkType == .linuxSLL2)
        var decoder = reader.makeDecoder()
        var count = 0
        try reader.forEachDecodedPacket(using: &decoder) { _, _ in count += 1 }
        #expect(count == 1)
    }

    @Test("a file cut short delivers the packets before the damage, then throws readPacket")
    func truncatedFile() throws {
        let records = Self.frames.map {
            CaptureFileBytes.Record(seconds: 1, fraction: 0, wireLength: $0.count, bytes: $0)
        }
        let whole = CaptureFileBytes.pcap(linkType: 1, records: records)
        let path = try CaptureFileBytes.temporaryFile(Array(whole.dropLast(5)), suffix: ".pcap")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try PcapFileReader(path: path)
        var count = 0
        #expect {
            try reader.forEachPacket { _, _, _ in count += 1 }
        } throws: { error in
            (error as? PcapError)?.code == .readPacket
        }
        #expect(count == 2)
    }

    @Test("a missing or foreign file is an openOffline error that says what to check")
    func unreadableFile() throws {
        let error = #expect(throws: PcapError.self) { try PcapFileReader(path: "/nonexistent/waiwang.pcap") }
        #expect(error?.code == .openOffline)
        #expect(error?.description.contains("/nonexistent/waiwang.pcap") == true)
        let path = try CaptureFileBytes.temporaryFile(Array("not a capture".utf8), suffix: ".txt")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: PcapError.self) { try PcapFileReader(path: path) }
    }

    @Test(
        "tcpdump reads the evidence file with the same nanosecond times", .enabled(if: ToolPath.find("tcpdump") != nil))
    func tcpdumpReadsEvidence() throws {
        let path = CaptureFileBytes.temporaryPath(suffix: ".pcap")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try PcapEvidenceWriter(path: path, linkType: .ethernet)
        writer.write(CapturedPacket(timestampNanoseconds: 1_764_201_600_123_456_789, bytes: Self.frames[0]))
        try writer.close()
        let output = try ToolPath.run(
            ToolPath.find("tcpdump")!, ["-r", path, "-nn", "-tt", "--time-stamp-precision=nano"])
        #expect(output.contains("1764201600.123456789"), "tcpdump said: \(output)")
        #expect(output.contains("10.77.1.5.40000 > 10.0.0.1.22"), "tcpdump said: \(output)")
    }
}

extension DecodedPacket {
    /// The ARP message, if the packet is ARP.
    var arpMessage: ARPMessage? {
        if case .arp(let message) = network { return message }
        return nil
    }
}
