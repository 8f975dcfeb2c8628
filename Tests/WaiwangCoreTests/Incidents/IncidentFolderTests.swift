import Testing
import WaiwangCore

/// Alerts of one subject and kind that overlap in time, or lie within the gap, fold into one incident.
@Suite("Incident folding")
struct IncidentFolderTests {
    static let t0 = IncidentFixture.at("2025-11-27", 9)

    static func signal(
        _ id: String, _ kind: IncidentKind = .portScan, unit: String? = "U1", units: [String]? = nil,
        link: String = "L1", from start: Int, to end: Int
    ) -> IncidentSignal {
        IncidentSignal(
            alertId: id, kind: kind, unit: unit, units: units, link: link, hub: "HT", attacker: "10.77.1.5",
            firstSeen: t0.adding(seconds: start), lastSeen: t0.adding(seconds: end))
    }

    /// I1: U1 port scans 0…600 s. I2: U1 floods 0…60 s. I3: spoofed source on shared link L2.
    static let open: [IncidentFolder.Footprint] = [
        .init(
            incidentId: "I1", subject: .unit("U1"), kind: .portScan, firstSeen: t0, lastSeen: t0.adding(seconds: 600),
            alertIds: ["A1"]),
        .init(
            incidentId: "I2", subject: .unit("U1"), kind: .synFlood, firstSeen: t0, lastSeen: t0.adding(seconds: 60),
            alertIds: ["A2"]),
        .init(
            incidentId: "I3", subject: .link("L2", units: ["U2", "U3"]), kind: .udpFlood, firstSeen: t0,
            lastSeen: t0.adding(seconds: 60), alertIds: ["A3"]),
    ]

    static let cases: [(String, IncidentSignal, IncidentFolder.Decision)] = [
        ("overlapping, same unit and kind", signal("B1", from: 300, to: 900), .join(incidentId: "I1")),
        ("a later report of a known alert", signal("A1", from: 0, to: 99_999), .join(incidentId: "I1")),
        ("within the 1 h gap after the end", signal("B2", from: 600 + 3600, to: 5000), .join(incidentId: "I1")),
        ("one second past the gap", signal("B3", from: 600 + 3601, to: 5000), .new),
        ("before the start, within the gap", signal("B4", from: -3600, to: -3000), .join(incidentId: "I1")),
        ("same unit, another kind", signal("B5", .hostSweep, from: 100, to: 200), .new),
        ("another unit, same kind", signal("B6", unit: "U9", from: 100, to: 200), .new),
        ("the flood of the same unit", signal("B7", .synFlood, from: 30, to: 90), .join(incidentId: "I2")),
        (
            "spoofed on the shared link, same units in another order",
            signal("B8", .udpFlood, unit: nil, units: ["U3", "U2"], link: "L2", from: 10, to: 20),
            .join(incidentId: "I3")
        ),
        (
            "spoofed on another link",
            signal("B9", .udpFlood, unit: nil, units: ["U2", "U3"], link: "L3", from: 10, to: 20),
            .new
        ),
    ]

    @Test("new incident or join", arguments: cases)
    func fold(name: String, signal: IncidentSignal, decision: IncidentFolder.Decision) {
        #expect(IncidentFolder().fold(signal, into: Self.open) == decision, "\(name)")
        #expect(
            IncidentFolder().fold(signal, into: Self.open.reversed()) == decision, "order of open incidents: \(name)")
    }

    @Test("gap 0 folds only overlapping alerts")
    func zeroGap() {
        let folder = IncidentFolder(gapSeconds: 0)
        #expect(folder.fold(Self.signal("C1", from: 600, to: 700), into: Self.open) == .join(incidentId: "I1"))
        #expect(folder.fold(Self.signal("C2", from: 601, to: 700), into: Self.open) == .new)
    }

    @Test("two candidates: the one seen last wins")
    func latest() {
        var open = Self.open
        open.append(
            .init(
                incidentId: "I0", subject: .unit("U1"), kind: .portScan, firstSeen: Self.t0.adding(seconds: 700),
                lastSeen: Self.t0.adding(seconds: 800)))
        #expect(IncidentFolder().fold(Self.signal("D1", from: 650, to: 660), into: open) == .join(incidentId: "I0"))
    }

    @Test("an incident aggregates its alerts; a later report replaces, a new alert is recorded")
    func aggregate() {
        var incident = Incident(
            id: "I1", opening: Self.signal("A1", from: 0, to: 60), division: "530402",
            detectedAt: Self.t0.adding(seconds: 61))
        var update = Self.signal("A1", from: 0, to: 120)
        update.packets = 100
        update.targetCount = 3
        incident.absorb(update, at: Self.t0.adding(seconds: 121))
        var second = Self.signal("A0", from: 200, to: 260)
        second.packets = 50
        second.targetCount = 2
        second.packetsPerSecond = 7.5
        incident.absorb(second, at: Self.t0.adding(seconds: 261))
        #expect(incident.signals.map(\.alertId) == ["A0", "A1"])
        #expect(incident.packets == 150)
        #expect(incident.targetCount == 3)
        #expect(incident.durationSeconds == 260)
        #expect(incident.peakPacketsPerSecond == 7.5)
        #expect(incident.timeline.map(\.event) == [.opened(alertId: "A1"), .alertJoined(alertId: "A0")])
        #expect(
            IncidentFolder().fold(Self.signal("A1", from: 0, to: 1), into: [incident.footprint])
                == .join(incidentId: "I1"))
    }
}
