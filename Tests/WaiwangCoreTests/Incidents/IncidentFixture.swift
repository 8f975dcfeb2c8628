import Foundation
import WaiwangCore

/// Shared values for the incident, order and escalation tests: people, moments, ports, the shipped Config files.
enum IncidentFixture {
    static let configFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Incidents
        .deletingLastPathComponent()  // WaiwangCoreTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()
        .appending(path: "Config")

    /// A file of `Config/` decoded as `T`.
    static func shipped<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(contentsOf: configFolder.appending(path: name)))
    }

    static let alice = Principal(name: "alice", role: .security)
    static let bob = Principal(name: "bob", role: .security)
    static let lead = Principal(name: "lead", role: .security)
    static let admin = Principal(name: "root", role: .admin)
    static let hongta = Principal(name: "hongta-op", role: .county, divisionCode: "530402")
    static let jiangchuan = Principal(name: "jiangchuan-op", role: .county, divisionCode: "530403")
    static let auditor = Principal(name: "audit", role: .auditor)
    static let agent = Principal(name: "agent-HT", role: .agent)

    /// `YYYY-MM-DD` at `hour:minute` China time.
    static func at(_ day: String, _ hour: Int = 10, _ minute: Int = 0) -> Instant {
        Instant(startOf: CivilDate(day)!).adding(seconds: hour * 3600 + minute * 60)
    }

    /// U1's own port on its link L1.
    static let ownPort = IsolationPort(device: "HT-SW1", ifName: "Gi0/1", link: "L1", carries: ["U1"])
    /// The shared link L2 of U1, U2 and U3.
    static let sharedPort = IsolationPort(device: "HT-SW1", ifName: "Gi0/2", link: "L2", carries: ["U1", "U2", "U3"])
    /// U1's own VLAN sub-interface on the shared link: cutting it cuts no one else.
    static let vlanPort = IsolationPort(
        device: "HT-SW1", ifName: "Gi0/2.101", link: "L2", carries: ["U1", "U2", "U3"], ownSubinterface: true)

    /// A proposed order for U1 in 红塔区 by alice.
    static func proposed(
        ports: [IsolationPort] = [ownPort, vlanPort], at now: Instant = at("2025-11-27")
    ) throws -> IsolationOrder {
        try IsolationWorkflow.propose(
            id: "O1", incidentId: "I1", unit: "U1", division: "530402", reason: "端口扫描", ports: ports, by: alice,
            at: now
        ).order
    }

    /// Takes `actions` in turn (each by its principal) from `order`.
    static func run(
        _ order: IsolationOrder, _ actions: [(IsolationAction, Principal)], at now: Instant = at("2025-11-27")
    ) throws -> IsolationOrder {
        var current = order
        for (action, actor) in actions {
            current = try IsolationWorkflow.next(current, action, by: actor, at: now).order
        }
        return current
    }

    static func down(_ port: IsolationPort, _ outcome: PortOutcome = .confirmed) -> (IsolationAction, Principal) {
        (.reportPort(device: port.device, ifName: port.ifName, direction: .down, outcome: outcome), agent)
    }

    static func up(_ port: IsolationPort, _ outcome: PortOutcome = .confirmed) -> (IsolationAction, Principal) {
        (.reportPort(device: port.device, ifName: port.ifName, direction: .up, outcome: outcome), agent)
    }

    /// An order of U1 (own port and VLAN port) brought to `state` along the ordinary path.
    static func order(in state: IsolationState) throws -> IsolationOrder {
        let start = try proposed()
        let path: [(IsolationAction, Principal)] = [
            (.approve, bob), (.execute, bob), down(ownPort), down(vlanPort), (.startRemediation, hongta),
            (.submitRemediation(summary: "已查杀蠕虫，修补 445 端口", attachments: ["整改报告.pdf"]), hongta),
            (.verify(accepted: true, note: "复测无异常"), alice), (.restore, alice), up(ownPort), up(vlanPort),
            (.close, alice),
        ]
        let reached: [IsolationState: Int] = [
            .proposed: 0, .approved: 1, .executing: 2, .isolated: 4, .remediating: 5, .verifying: 6, .restored: 10,
            .closed: 11,
        ]
        if state == .rejected { return try run(start, [(.reject(reason: "证据不足"), bob)]) }
        if state == .cancelled { return try run(start, [(.cancel(reason: "误报"), alice)]) }
        return try run(start, Array(path.prefix(reached[state]!)))
    }
}
