import WaiwangCore
import GRDB

extension IsolationState {
    /// `'closed', 'rejected', 'cancelled'`: the final states, for `state NOT IN (…)` (an order still open).
    static let finalSQL = sqlList(allCases.filter(\.isFinal))
    /// The states that cut the unit (`cutsUnit`), for `state IN (…)`.
    static let cutsUnitSQL = sqlList(allCases.filter(\.cutsUnit))

    private static func sqlList(_ states: [IsolationState]) -> String {
        states.map { "'\($0.rawValue)'" }.joined(separator: ", ")
    }
}

extension RegistryStore {
    /// The incident's order still in progress, if any (one at a time).
    func openOrderId(ofIncident incidentId: String, in db: Database) throws -> String? {
        try String.fetchOne(
            db,
            sql: "SELECT id FROM isolationOrder WHERE incidentId = ? AND state NOT IN (\(IsolationState.finalSQL))",
            arguments: [incidentId])
    }
}
