import Foundation
import Testing
import WaiwangCapture

@Suite("alert episodes, JSON and evidence")
struct EpisodeTests {
    /// A port scan of 100 ports at one a second: 100 s of attack.
    static func longScan(_ traffic: inout Traffic, ports: ClosedRange<Int> = 1...100) {
        for port in ports {
            traffic.tcp("10.77.1.5", "10.50.0.9", 40000, UInt16(port), [.syn])
            traffic.wait(1)
        }
    }

    @Test("one alert per episode: opened once, updated while it lasts, closed after the idle timeout")
    func oneAlertPerEpisode() throws {
        var traffic = Traffic(policy: Traffic.only(.portScan))
        Self.longScan(&traffic)
        #expect(traffic.alerts.map(\.state) == [.open, .updated])
        traffic.wait(298)
        traffic.flush()
        #expect(traffic.alerts.last?.state == .updated)
        traffic.wait(2)
        traffic.flush()
        let closed = try #require(traffic.alerts.last)
        #expect(closed.state == .closed)
        #expect(Set(traffic.alerts.map(\.id)).count == 1)
        #expect(closed.packets == 100)
        #expect(abs(closed.ports.count - 100) <= 8)  // exact to 64, HyperLogLog beyond
        #expect(closed.rate > 0.9 && closed.rate < 1.1)

        // The same source scanning again after the close is a new episode.
        Self.longScan(&traffic, ports: 200...220)
        traffic.finish()
        #expect(traffic.opened.count == 2)
        #expect(Set(traffic.alerts.map(\.id)).count == 2)
    }

    @Test("the alert JSON has snake_case keys and RFC 3339 UTC timestamps with a fraction, and decodes back")
    func json() throws {
        var traffic = Traffic(policy: Traffic.only(.portScan))
        traffic.now += 123_456_789
        Self.longScan(&traffic, ports: 1...15)
        traffic.finish()
        let alert = try #require(traffic.opened.first)
        let line = try alert.jsonLine()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        for key in [
            "id", "kind", "state", "attacker", "unit", "units", "link", "spoofed_source", "method", "targets", "ports",
            "first_seen", "last_seen", "packets", "bytes", "rate", "evidence_packets",
        ] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(object["kind"] as? String == "port_scan")
        #expect(object["first_seen"] as? String == "2026-11-27T00:00:00.123456789Z")
        #expect(object["last_seen"] as? String == "2026-11-27T00:00:14.123456789Z")
        #expect(try JSONDecoder().decode(Alert.self, from: Data(line.utf8)) == alert)
    }

    @Test("evidence: the triggering first contacts from the ring, then the first packets, after the open alert, capped")
    func evidence() throws {
        var traffic = Traffic(
            policy: Traffic.only(.portScan) {
                $0.evidence.firstPackets = 20
                $0.evidence.sampleEvery = 10
                $0.evidence.maxPacketsPerAlert = 40
            })
        Self.longScan(&traffic, ports: 1...400)
        traffic.finish()
        let alert = try #require(traffic.latest.first)
        let kept = traffic.evidence.filter { $0.alertID == alert.id }
        #expect(kept.count == 40)
        #expect(alert.evidencePackets == 40)
        // The ring held the 8 probes before the 15th; they come first, in time order.
        #expect(kept.first!.timestampNanoseconds < kept.last!.timestampNanoseconds)
        #expect(kept.map(\.timestampNanoseconds) == kept.map(\.timestampNanoseconds).sorted())
        let firstNumber = kept.first!.bytes.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
        #expect(firstNumber == 6)  // packet #6 of 0-based numbering: port 7, the 7th unanswered probe
        // The open alert precedes its evidence.
        let openIndex = traffic.events.firstIndex { if case .alert(let a) = $0 { a.state == .open } else { false } }!
        let evidenceIndex = traffic.events.firstIndex { if case .evidence = $0 { true } else { false } }!
        #expect(openIndex < evidenceIndex)
    }

    @Test("RFC 3339 formatting round-trips, before and after the epoch")
    func timestamps() throws {
        for nanoseconds: Int64 in [0, 1, 1_764_201_600_123_456_789, -1, 951_782_400_000_000_000] {
            let text = AlertTimestamp(nanoseconds: nanoseconds).description
            #expect(AlertTimestamp(rfc3339: text)?.nanoseconds == nanoseconds, "\(text)")
        }
        #expect(AlertTimestamp(nanoseconds: 951_782_400_000_000_000).description == "2000-02-29T00:00:00.000000000Z")
    }
}

@Suite("the cap on open episodes")
struct EpisodeCapTests {
    @Test("with room for 8 episodes, 40 scanners each get one alert, opened and closed once; the idlest close early")
    func capEvictsIdlest() throws {
        var traffic = Traffic(policy: Traffic.only(.hostSweep) { $0.episodes.maxOpen = 8 })
        for round in 0..<3 {
            for scanner in 1...40 {
                for host in 1...25 { traffic.ping("10.77.1.\(scanner)", "10.60.\(round).\(host)") }
                traffic.wait(1)
            }
        }
        traffic.finish()
        let byID = Dictionary(grouping: traffic.alerts, by: \.id)
        #expect(traffic.engine.statistics.episodeEvictions > 0)
        #expect(traffic.engine.statistics.openEpisodes == 0)
        for (_, reports) in byID {
            #expect(reports.filter { $0.state == .open }.count == 1)
            #expect(reports.filter { $0.state == .closed }.count == 1)
            #expect(reports.last?.state == .closed)
        }
        // Each round re-opens the 40 scanners' episodes the cap closed: 3 × 40 alerts.
        #expect(traffic.opened.count == 120)
        #expect(Set(traffic.opened.map(\.attacker)).count == 40)
    }
}
