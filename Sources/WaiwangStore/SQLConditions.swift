import GRDB
import WaiwangCore

/// The WHERE conditions of a list query and their arguments, built up one filter at a time.
struct SQLConditions {
    private(set) var clauses: [String] = []
    private(set) var arguments = StatementArguments()

    /// Adds a condition with its `?` values.
    mutating func add(_ clause: String, _ values: (any DatabaseValueConvertible)?...) {
        clauses.append(clause)
        arguments += StatementArguments(values)
    }

    /// Confines a county principal to its division, through the given division column; others see everything.
    mutating func confine(_ principal: Principal, column: String) {
        if principal.role == .county { add("\(column) = ?", principal.divisionCode) }
    }

    /// ` WHERE a AND b`, or nothing.
    var whereClause: String { clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ") }

    /// `?,?,?` for an `IN (...)` list of `count` values.
    static func marks(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ",") }
}
