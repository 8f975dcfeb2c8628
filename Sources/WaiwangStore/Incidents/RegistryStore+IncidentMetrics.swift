import GRDB
import WaiwangCore

/// What `/metrics` shows of incidents and orders.
public struct IncidentMetrics: Sendable, Equatable {
    /// Open incidents by grade (every grade present, zero when none).
    public var openIncidents: [IncidentGrade: Int]
    /// Orders by state (every state present).
    public var orders: [IsolationState: Int]
    /// Orders in progress with a clock past due, by step.
    public var overdueOrders: [String: Int]
}

extension RegistryStore {
    /// Counts for the metrics endpoint.
    public func incidentMetrics() async throws -> IncidentMetrics {
        let orders = try await writer.read { db in
            var incidents = Dictionary(uniqueKeysWithValues: IncidentGrade.allCases.map { ($0, 0) })
            for row in try Row.fetchAll(
                db, sql: "SELECT grade, COUNT(*) AS n FROM incident WHERE state = 'open' GROUP BY grade")
            {
                if let grade = IncidentGrade(rawValue: row["grade"]) { incidents[grade] = row["n"] }
            }
            var states = Dictionary(uniqueKeysWithValues: IsolationState.allCases.map { ($0, 0) })
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM isolationOrder GROUP BY state") {
                if let state = IsolationState(rawValue: row["state"]) { states[state] = row["n"] }
            }
            let live = try String.fetchAll(
                db, sql: "SELECT value FROM isolationOrder WHERE state NOT IN (\(IsolationState.finalSQL))"
            ).map { try IncidentCodec.value(IsolationOrder.self, $0) }
            return (incidents, states, live)
        }
        var overdue = Dictionary(uniqueKeysWithValues: IsolationDeadline.Step.allCases.map { ($0.rawValue, 0) })
        for order in orders.2 {
            for deadline in deadlines(of: order) where deadline.overdue { overdue[deadline.step, default: 0] += 1 }
        }
        return IncidentMetrics(openIncidents: orders.0, orders: orders.1, overdueOrders: overdue)
    }
}
