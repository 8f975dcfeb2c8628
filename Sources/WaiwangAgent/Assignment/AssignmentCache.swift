import Foundation
import WaiwangAPI

/// The last good assignment on disk (`assignment.json` in the state directory), so an agent that starts while the
/// registry is unreachable polls what it polled before. Written atomically with mode 0600 (it holds SNMP secrets).
public struct AssignmentCache: Sendable {
    public let path: String

    public init(stateDirectory: String) {
        path = (stateDirectory as NSString).appendingPathComponent("assignment.json")
    }

    /// The cached assignment, nil when there is none or it does not decode.
    public func load() -> AgentAssignment? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(AgentAssignment.self, from: data)
    }

    /// Replaces the cached assignment.
    public func save(_ assignment: AgentAssignment) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        try AtomicFile.write(try encoder.encode(assignment), to: path, mode: 0o600)
    }
}
