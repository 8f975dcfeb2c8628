import GRDB
import WaiwangAPI
import WaiwangCore

extension RegistryStore {
    /// Routes an agent's command result to the order that queued the command, inside the transaction that stores
    /// the result: `confirmed` counts only when the read-back shows the requested ifAdminStatus. A result for an
    /// order that has moved on is kept on the command and changes nothing. Returns the trigger for the hook.
    func routePortResult(_ result: AgentCommandResult, commandId: String, from agent: AgentIdentity, in db: Database)
        throws -> EscalationTrigger?
    {
        guard
            let link = try Row.fetchOne(
                db, sql: "SELECT * FROM isolationCommand WHERE commandId = ?", arguments: [commandId]),
            let direction = PortDirection(rawValue: link["direction"])
        else { return nil }
        let orderId: String = link["orderId"]
        guard
            let row = try Row.fetchOne(db, sql: "SELECT value FROM isolationOrder WHERE id = ?", arguments: [orderId])
        else { return nil }
        let order = try IncidentCodec.value(IsolationOrder.self, row["value"])
        let outcome = Self.portOutcome(result, direction: direction)
        let step: IsolationStep
        do {
            step = try IsolationWorkflow.next(
                order,
                .reportPort(device: link["device"], ifName: link["ifName"], direction: direction, outcome: outcome),
                by: agent.principal, at: IncidentCodec.instant(now()))
        } catch {
            return nil
        }
        try saveOrder(step.order, before: order, by: agent.principal, in: db)
        return order.incidentId.map { EscalationTrigger(incidentId: $0, orderId: order.id) }
    }

    /// The port's outcome from the agent's result and read-back.
    static func portOutcome(_ result: AgentCommandResult, direction: PortDirection) -> PortOutcome {
        switch result.outcome {
        case .confirmed:
            let expected = direction == .down ? "down" : "up"
            guard let admin = result.adminStatus?.lowercased(), admin != expected else { return .confirmed }
            return .failed(reason: "read-back ifAdminStatus \(admin), expected \(expected)")
        case .failed:
            return .failed(reason: result.message.isEmpty ? "SNMP SET failed" : result.message)
        case .timedOut:
            return .timedOut
        }
    }
}
