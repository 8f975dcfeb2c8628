import Foundation
import Testing
import WaiwangCapture

/// The in-place reader of classic pcap records must give what libpcap gives: the same packets, times
/// and lengths, the same cuts at the snap length, and the same errors after the same packets.
@Suite("Capture files: classic pcap records read in place, as libpcap reads them")
struct InPlaceRecordTests {
    /// What a whole read gives: the packets, and the error's message if it ended in one.
    struct Outcome: Equatable {
        var packets: [CapturedPacket] = []
        var error: String?
    }

    static func read(_ path: String, inPlace: Bool) throws -> (Outcome, readsInPlace: Bool) {
        let reader = try PcapFileReader(path: path, inPlace: inPlace)
        var outcome = Outcome()
        do {
            try reader.forEachPacket { bytes, time, wireLength in
                outcome.packets.append(CapturedPacket(bytes, timestampNanoseconds: time, wireLength: wireLength))
            }
        } catch let error as PcapError {
            #expect(error.code == .readPacket)
            outcome.error = error.message
        }
        #expect(reader.packetsRead == outcome.packets.count)
        return (outcome, reader.readsRecordsInPlace)
    }

    /// Writes `bytes`, reads them both ways, and returns the in-place outcome after checking it equals libpcap's.
    @discardableResult
    static func compare(_ bytes: [UInt8], expectInPlace: Bool = true) throws -> Outcome {
        let path = try CaptureFileBytes.temporaryFile(bytes, suffix: ".pcap")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (mine, inPlace) = try read(path, inPlace: true)
        let (libpcap, libpcapInPlace) = try read(path, inPlace: false)
        #expect(inPlace == expectInPlace)
        #expect(!libpcapInPlace)
        #expect(mine.error == libpcap.error)
        #expect(mine.packets.count == libpcap.packets.count)
        let differing = zip(mine.packets, libpcap.packets).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(differing == nil, "packet \(differing?.offset ?? -1) differs")
        return mine
    }

    /// `count` records of pseudo-random lengths (14 … 1,514 bytes) and times, content from the index.
    static func records(_ count: Int, seed: UInt64 = 7) -> [CaptureFileBytes.Record] {
        var state = seed
        func nextRandom() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        return (0..<count).map { index in
            let length = 14 + Int(nextRandom() % 1501)
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index) }
            return CaptureFileBytes.Record(
                seconds: 1_764_201_600 + UInt32(index / 1000), fraction: UInt32(nextRandom() % 1_000_000),
                wireLength: length + Int(nextRandom() % 3), bytes: bytes)
        }
    }

    @Test(
        "records across many buffer refills, in either byte order, micro- and nanoseconds",
        arguments: [(false, false), (true, false), (false, true), (true, true)])
    func manyRecords(nano: Bool, bigEndian: Bool) throws {
        // ~2,000 records of ~760 bytes: 1.5 MB, more than the 1 MiB buffer, so records straddle refills.
        let outcome = try Self.compare(
            CaptureFileBytes.pcap(linkType: 1, records: Self.records(2000), nano: nano, bigEndian: bigEndian))
        #expect(outcome.packets.count == 2000)
        #expect(outcome.error == nil)
    }

    @Test("a record longer than the snap length is cut to it, keeping its wire length")
    func cutAtSnapLength() throws {
        let outcome = try Self.compare(
            CaptureFileBytes.pcap(linkType: 1, records: Self.records(50), snapshotLength: 200))
        #expect(outcome.packets.allSatisfy { $0.bytes.count <= 200 })
        #expect(outcome.packets.contains { $0.wireLength > 200 })
    }

    @Test("negative and out-of-range times, bare IPv4 frames")
    func oddTimes() throws {
        let frame = [UInt8](repeating: 0x45, count: 40)
        let records = [
            CaptureFileBytes.Record(seconds: 0xFFFF_FFFF, fraction: 0xFFFF_FFFF, wireLength: 40, bytes: frame),
            CaptureFileBytes.Record(seconds: 0x8000_0000, fraction: 2_000_000, wireLength: 40, bytes: frame),
            CaptureFileBytes.Record(seconds: 0, fraction: 0, wireLength: 0, bytes: []),
        ]
        for nano in [false, true] {
            for bigEndian in [false, true] {
                let outcome = try Self.compare(
                    CaptureFileBytes.pcap(linkType: 101, records: records, nano: nano, bigEndian: bigEndian))
                #expect(outcome.packets.count == 3)
            }
        }
    }

    @Test("a file cut anywhere gives the same packets and the same error as libpcap")
    func cutAnywhere() throws {
        let whole = CaptureFileBytes.pcap(linkType: 1, records: Self.records(6), snapshotLength: 600)
        var errors = 0
        for cut in 1..<(whole.count - 24) {
            let outcome = try Self.compare(Array(whole.dropLast(cut)))
            if outcome.error != nil { errors += 1 }
        }
        #expect(errors > 0)
    }

    @Test(
        "a capture length beyond libpcap's maximum, or beyond the snap length and the file, is libpcap's error",
        arguments: [(UInt32(300_000), "invalid packet capture length 300000"), (70_000, "truncated dump file")])
    func absurdCaptureLength(captureLength: UInt32, message: String) throws {
        var file = CaptureFileBytes.pcap(linkType: 1, records: Self.records(3))
        // The third record's caplen field: after the 24-byte header and two whole records.
        let third = 24 + Self.records(3)[0..<2].reduce(0) { $0 + 16 + $1.bytes.count }
        withUnsafeBytes(of: captureLength.littleEndian) { file.replaceSubrange((third + 8)..<(third + 12), with: $0) }
        let outcome = try Self.compare(file)
        #expect(outcome.packets.count == 2)
        #expect(outcome.error?.hasPrefix(message) == true, "\(outcome.error ?? "no error")")
    }

    @Test("hostile record headers: random bytes written over the records give what libpcap gives")
    func hostileHeaders() throws {
        let records = Self.records(40)
        // Where each record header starts: random bytes go there, where they decide lengths and times.
        let headers = records.reduce(into: [24]) { $0.append($0.last! + 16 + $1.bytes.count) }.dropLast()
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func nextRandom(_ bound: Int) -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(bound))
        }
        var errors = 0
        for round in 0..<160 {
            // Both byte orders: libpcap reads a swapped file's times as unsigned, a native one's as signed.
            var file = CaptureFileBytes.pcap(
                linkType: 1, records: records, bigEndian: round % 2 == 0, snapshotLength: 900)
            for _ in 0..<(1 + nextRandom(3)) {
                file[headers[nextRandom(headers.count)] + nextRandom(16)] = UInt8(truncatingIfNeeded: nextRandom(256))
            }
            if try Self.compare(file).error != nil { errors += 1 }
        }
        #expect(errors > 0)
    }

    @Test("a named pipe stays on libpcap's path and reads whole")
    func namedPipe() throws {
        let bytes = CaptureFileBytes.pcap(linkType: 1, records: Self.records(300))
        let file = try CaptureFileBytes.temporaryFile(bytes, suffix: ".pcap")
        let fifo = CaptureFileBytes.temporaryPath(suffix: ".fifo")
        defer {
            try? FileManager.default.removeItem(atPath: file)
            try? FileManager.default.removeItem(atPath: fifo)
        }
        #expect(mkfifo(fifo, 0o600) == 0)
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", "cat \"$0\" > \"$1\"", file, fifo]
        try writer.run()
        defer { writer.waitUntilExit() }
        let (piped, inPlace) = try Self.read(fifo, inPlace: true)
        let (whole, _) = try Self.read(file, inPlace: true)
        #expect(!inPlace)
        #expect(piped.error == nil && piped.packets.count == 300)
        #expect(piped.packets == whole.packets)
    }

    @Test("pcapng, Linux cooked captures and other pcap versions stay on libpcap's path")
    func otherFormats() throws {
        let frame = [UInt8](repeating: 1, count: 64)
        let record = CaptureFileBytes.Record(seconds: 1, fraction: 2, wireLength: 64, bytes: frame)
        try Self.compare(CaptureFileBytes.pcap(linkType: 113, records: [record]), expectInPlace: false)
        var oldVersion = CaptureFileBytes.pcap(linkType: 1, records: [record])
        oldVersion[6] = 3  // version 2.3, whose lengths libpcap may swap
        try Self.compare(oldVersion, expectInPlace: false)
        try Self.compare(
            CaptureFileBytes.pcapng(linkType: 1, records: [(nanoseconds: 5, wireLength: 64, bytes: frame)]),
            expectInPlace: false)
    }
}
