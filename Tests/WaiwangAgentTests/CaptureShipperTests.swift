import Foundation
import Logging
import Testing
import WaiwangAPI
import WaiwangCapture

@testable import WaiwangAgent

@Suite("Capture alerts into the outbox: every change, evidence on close, capped")
struct CaptureShipperTests {
    static func alert(_ state: AlertState, id: String = "3-1-1") -> Alert {
        Alert(
            id: id, kind: .portScan, state: state, attacker: "10.77.1.10", unit: "7", units: ["7"], link: "3",
            spoofedSource: false, method: .window, targets: Tally(count: 1, sample: ["10.252.77.1"]),
            ports: Tally(count: 200, sample: [22, 80]), sources: nil,
            firstSeen: AlertTimestamp(nanoseconds: 1_795_000_000_000_000_000),
            lastSeen: AlertTimestamp(nanoseconds: 1_795_000_001_500_000_000), packets: 400, bytes: 24_000, rate: 266.7,
            evidencePackets: 2)
    }

    static func evidence(_ n: Int, id: String = "3-1-1", size: Int = 60) -> DetectionEvent {
        .evidence(
            EvidencePacket(
                alertID: id, timestampNanoseconds: 1_795_000_000_000_000_000 + Int64(n), wireLength: size,
                bytes: [UInt8](repeating: UInt8(n & 0xFF), count: size)))
    }

    static func shipper(_ dir: String, outbox: Outbox, cap: Int = 256 << 10) -> AlertShipper {
        AlertShipper(
            outbox: outbox,
            evidence: EvidenceArchive(
                directory: URL(fileURLWithPath: dir + "/evidence"), linkType: .ethernet, snapshotLength: 1518, cap: cap,
                logger: Logger(label: "test")),
            logger: Logger(label: "test"))
    }

    static func alerts(_ outbox: Outbox) throws -> [AlertObservation] {
        try outbox.nextBatch(limit: 100).compactMap(\.alert)
    }

    @Test("open, updated and closed each reach the outbox; the closed one carries the episode's pcap, whole")
    func everyChange() async throws {
        try await withTemporaryDirectory { dir in
            let outbox = try Outbox(path: dir + "/o.sqlite", capacity: 100, keyPrefix: "a1")
            let shipper = Self.shipper(dir, outbox: outbox)
            #expect(shipper.ship([.alert(Self.alert(.open)), Self.evidence(1), Self.evidence(2)]) == 1)
            #expect(shipper.ship([.alert(Self.alert(.updated)), .alert(Self.alert(.closed))]) == 2)
            let alerts = try Self.alerts(outbox)
            #expect(alerts.map(\.state) == ["open", "updated", "closed"])
            let closed = try #require(alerts.last)
            #expect(closed.kind == "port_scan" && closed.attacker == "10.77.1.10" && closed.unitId == "7")
            #expect(closed.linkId == "3" && closed.targetCount == 1 && closed.ports == [22, 80])
            #expect(closed.firstSeen.hasSuffix("Z") && closed.packets == 400)
            #expect(alerts.dropLast().allSatisfy { $0.evidencePcapBase64 == nil })
            let pcap = try #require(closed.evidencePcapBase64.flatMap { Data(base64Encoded: $0) })
            #expect([UInt8](pcap.prefix(4)) == [0x4D, 0x3C, 0xB2, 0xA1])  // nanosecond pcap, little-endian
            #expect(pcap.count == 24 + 2 * (16 + 60))
            let left = try FileManager.default.contentsOfDirectory(atPath: dir + "/evidence")
            #expect(left.isEmpty, "a file shipped whole is deleted")
        }
    }

    @Test("evidence over the cap: whole leading packets go up, the full file stays on disk")
    func capped() async throws {
        try await withTemporaryDirectory { dir in
            let outbox = try Outbox(path: dir + "/o.sqlite", capacity: 100, keyPrefix: "a1")
            let shipper = Self.shipper(dir, outbox: outbox, cap: 1024)
            shipper.ship([.alert(Self.alert(.open))] + (0..<20).map { Self.evidence($0, size: 100) })
            shipper.ship([.alert(Self.alert(.closed))])
            let closed = try #require(try Self.alerts(outbox).last)
            let pcap = try #require(closed.evidencePcapBase64.flatMap { Data(base64Encoded: $0) })
            #expect(pcap.count == 24 + 8 * 116)
            let kept = try FileManager.default.contentsOfDirectory(atPath: dir + "/evidence")
            #expect(kept == ["3-1-1.pcap"])
            let full = try #require(FileManager.default.contents(atPath: dir + "/evidence/3-1-1.pcap"))
            #expect(full.count == 24 + 20 * 116)
        }
    }

    @Test("the cap keeps a valid pcap of whole packets, and refuses what is not a pcap")
    func cap() {
        var data = Data([0xD4, 0xC3, 0xB2, 0xA1] + [UInt8](repeating: 0, count: 20))
        for size in [10, 20, 30] {
            data.append(contentsOf: [UInt8](repeating: 0, count: 8) + [UInt8(size), 0, 0, 0, UInt8(size), 0, 0, 0])
            data.append(contentsOf: [UInt8](repeating: 1, count: size))
        }
        #expect(EvidencePcap.capped(data, cap: 1 << 20)?.omitted == 0)
        let cut = EvidencePcap.capped(data, cap: 24 + 26 + 36 + 10)
        #expect(cut?.data.count == 24 + 26 + 36 && cut?.omitted == 1)
        #expect(EvidencePcap.capped(Data(repeating: 7, count: 100), cap: 50) == nil)
    }
}
