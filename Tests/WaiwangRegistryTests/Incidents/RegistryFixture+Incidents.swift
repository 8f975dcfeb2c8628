import Foundation
import Logging
import Synchronization
import Testing
import WaiwangAPI
import WaiwangCore
import WaiwangRegistry
import WaiwangStore

/// People who act on orders through the store in tests, distinct from the callers' token names, so any caller
/// may take the next step without tripping four eyes.
enum Staff {
    static let proposer = Principal(name: "proposer", role: .security)
    static let approver = Principal(name: "approver", role: .security)
    static let lead = Principal(name: "lead", role: .admin)
    static let remediator = Principal(name: "remediator", role: .county, divisionCode: "530402")
    static let verifier = Principal(name: "verifier", role: .security)
}

/// Records what the escalation hook was called with.
final class EscalationLog: Sendable {
    private let calls = Mutex<[(EscalationCase, IncidentReportInput)]>([])

    var cases: [EscalationCase] { calls.withLock { $0.map(\.0) } }
    var inputs: [IncidentReportInput] { calls.withLock { $0.map(\.1) } }

    /// The hook to set on a store.
    var hook: EscalationHook { { [self] escalation, input in calls.withLock { $0.append((escalation, input)) } } }
}

extension RegistryFixture {
    /// A port scan from 10.1.2.77 (红塔区's prefix) on the 红塔区 link, as the fixture's agent reports it.
    static func scan(_ key: String, link: Int64, attacker: String = "10.1.2.77", kind: String = "port_scan",
                     at: String = Sample.time(0), targets: [String] = ["10.53.0.1"]) -> Observation {
        Sample.alert(key, link: link, at: at, kind: kind, attacker: attacker, targets: targets)
    }

    /// Stores an alert as the fixture's agent and folds it, returning the incident it landed in.
    func incident(kind: String = "port_scan", attacker: String = "10.1.2.77", hub: String = "HT",
                  port: String = samplePort, targets: [String] = ["10.53.0.1"]) async throws -> IncidentView {
        let link = try await link(hub: hub, port: port).id
        let agent = try await fixtureAgent()
        _ = try await store.ingest(
            ObservationBatch(observations: [Self.scan("alert-\(kind)-\(attacker)", link: link, attacker: attacker,
                                                      kind: kind, targets: targets)]), from: agent)
        try await store.foldNewAlerts()
        let incidents = try await store.listIncidents(IncidentFilter(), as: .system).items
        return try #require(incidents.first { $0.attackers.contains(attacker) }, "no incident for \(attacker)")
    }

    /// The order of a fresh 红塔区 incident, driven to `state` through the store by `Staff`.
    func order(in state: IsolationState, emergency: Bool = false) async throws -> OrderView {
        let incident = try await incident(kind: "port_scan")
        var order: OrderView
        if emergency {
            order = try await store.isolateNow(IsolateNowInput(incidentId: incident.id), as: Staff.lead)
        } else {
            order = try await store.proposeOrder(OrderProposal(incidentId: incident.id), as: Staff.proposer)
            if state == .proposed { return order }
            order = try await store.actOnOrder(order.id, .approve, as: Staff.approver)
            if state == .approved { return order }
            order = try await store.actOnOrder(order.id, .execute, as: Staff.approver)
        }
        if state == .executing { return order }
        order = try await answerCommands(adminStatus: "down")
        if state == .isolated { return order }
        order = try await store.remediateOrder(order.id, RemediationInput(summary: "已清除木马，更换口令"), as: Staff.remediator)
        if state == .verifying { return order }
        order = try await store.actOnOrder(order.id, .verify(accepted: true, note: "复核通过"), as: Staff.verifier)
        order = try await store.actOnOrder(order.id, .restore, as: Staff.verifier)
        order = try await answerCommands(adminStatus: "up")
        return order
    }

    /// Answers every pending command of the fixture's agent as the agent would, and returns the order they belong to.
    @discardableResult
    func answerCommands(outcome: AgentCommandOutcome = .confirmed, adminStatus: String) async throws -> OrderView {
        let agent = try await fixtureAgent()
        let commands = try await store.pendingAgentCommands(for: agent)
        #expect(!commands.isEmpty, "no pending command")
        for command in commands {
            _ = try await store.recordAgentCommandResult(
                AgentCommandResult(id: command.id, outcome: outcome, adminStatus: adminStatus, operStatus: adminStatus,
                                   message: outcome == .failed ? "SNMP SET refused" : "",
                                   finishedAt: Sample.time(5, from: Date())),
                commandId: command.id, from: agent)
        }
        let orders = try await store.listOrders(OrderFilter(), as: .system).items
        return try #require(orders.first)
    }

    /// Two 红塔区 units at one address on one link (GigabitEthernet0/0/5), the first owning 10.1.5.0/24.
    func sharedLink() async throws -> (owner: UnitView, neighbour: UnitView, link: Int64) {
        let codeA = Self.creditCode(division: "530402", serial: 40)
        let codeB = Self.creditCode(division: "530402", serial: 41)
        let a = try await store.createUnit(Self.unit("红塔区商务局", code: codeA, address: "玉溪市红塔区玉兴路9号"), as: .system)
        let b = try await store.createUnit(Self.unit("红塔区科技局", code: codeB, address: "红塔区玉兴路9号"), as: .system)
        let link = try await store.createLink(Self.link(units: [codeA, codeB], port: "GigabitEthernet0/0/5"), as: .system)
        _ = try await store.createPrefix(PrefixCreate(unit: codeA, cidr: "10.1.5.0/24"), as: .system)
        return (a, b, link.id)
    }

    /// Runs `body` against the router with the incident service folding alerts beside it; its fallback poll is
    /// `pollInterval`, so a long one shows the ingest's wake-up alone is fast.
    func withIncidentService<Value: Sendable>(pollInterval: Duration = .seconds(1),
                                              _ body: @Sendable (RegistryAPI) async throws -> Value) async throws
        -> Value
    {
        var logger = Logger(label: "waiwang-incidents-test")
        logger.logLevel = .warning
        let service = IncidentService(store: store, logger: logger, pollInterval: pollInterval)
        let task = Task { try await service.run() }
        defer { task.cancel() }
        return try await withAPI(body)
    }

    /// Polls the store until an incident matches, for at most `timeout`.
    func waitForIncident(timeout: Duration = .seconds(2), _ matches: @Sendable (IncidentView) -> Bool) async throws
        -> IncidentView?
    {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let found = try await store.listIncidents(IncidentFilter(), as: .system).items.first(where: matches) {
                return found
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }
}

extension RegistryFixture {
    /// An order in the state where `action` (as the API spells it) is possible for any security or admin caller.
    func orderReady(for action: String) async throws -> OrderView {
        switch action {
        case "approve", "reject", "cancel": return try await order(in: .proposed)
        case "acknowledge-collateral":
            _ = try await sharedLink()
            let incident = try await incident(attacker: "10.1.5.9", port: "GigabitEthernet0/0/5")
            return try await store.proposeOrder(OrderProposal(incidentId: incident.id), as: Staff.proposer)
        case "execute": return try await order(in: .approved)
        case "retry":
            let order = try await order(in: .approved)
            _ = try await store.actOnOrder(order.id, .execute, as: Staff.approver)
            return try await answerCommands(adminStatus: "up")
        case "remediate": return try await order(in: .isolated)
        case "verify": return try await order(in: .verifying)
        case "restore":
            let order = try await order(in: .verifying)
            return try await store.actOnOrder(order.id, .verify(accepted: true, note: "复核通过"), as: Staff.verifier)
        case "close": return try await order(in: .restored)
        case "approve-retrospectively": return try await order(in: .executing, emergency: true)
        default:
            Issue.record("no order state for action \(action)")
            return try await order(in: .proposed)
        }
    }
}
