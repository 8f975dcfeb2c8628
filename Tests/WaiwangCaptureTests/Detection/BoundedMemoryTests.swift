import Testing
import WaiwangCapture
import WaiwangCore

@Suite("bounded memory under a flood of spoofed sources")
struct BoundedMemoryTests {
    @Test("a million forged sources: tables stay at their caps, evictions show, one syn_flood alert")
    func millionSpoofedSources() throws {
        var policy = DetectionPolicy()
        policy.tables.contacts = 65_536
        policy.tables.sources = 4_096
        policy.tables.pairs = 4_096
        policy.tables.doorkeeperBits = 1 << 20
        var traffic = Traffic(policy: policy)
        var random = SplitMix64(seed: 42)
        let before = traffic.engine.statistics.tableMemoryBytes
        let target = IPAddress("10.50.0.80")!
        for index in 0..<1_000_000 {
            let source = IPAddress.v4(0x6400_0000 | UInt32(truncatingIfNeeded: random.next()) & 0x03FF_FFFF)
            traffic.send(
                .ip(
                    source: source, destination: target,
                    transport: .tcp(sourcePort: UInt16(truncatingIfNeeded: index), destinationPort: 80, flags: [.syn]),
                    payloadLength: 20))
            traffic.now += 10_000
        }
        traffic.finish()
        let stats = traffic.engine.statistics
        #expect(stats.tableMemoryBytes == before)
        for table in stats.tables {
            #expect(table.count <= table.capacity, "\(table.name)")
        }
        let contacts = stats.tables.first { $0.name == "contacts" }!
        #expect(contacts.evictions > 0)
        #expect(stats.doorkeeperRejected > 800_000)
        #expect(stats.tables.first { $0.name == "doorkeeper" }!.evictions > 0)
        #expect(traffic.opened.map(\.kind) == [.synFlood])
        #expect(traffic.opened.first?.spoofedSource == true)
        #expect((traffic.latest.first?.sources?.count ?? 0) > 500_000)
        #expect(stats.alertsByKind == ["syn_flood": 1])
    }

    @Test("the default tables fit well under 256 MB")
    func defaultFootprint() throws {
        let engine = try DetectionEngine(watch: Traffic.watch, link: "L1")
        #expect(engine.statistics.tableMemoryBytes < 128 << 20)
    }
}
