import Foundation
import WaiwangAPI

/// The agent's credential on disk: `credential.json` in the state directory, mode 0600, written atomically.
public struct CredentialStore: Sendable {
    public let path: String

    public init(stateDirectory: String) {
        path = (stateDirectory as NSString).appendingPathComponent("credential.json")
    }

    public var exists: Bool { FileManager.default.fileExists(atPath: path) }

    /// The stored credential; throws when it is missing or unreadable (the agent is not enrolled).
    public func load() throws -> AgentCredential {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UplinkError(
                code: .configuration,
                message: "no credential at \(path): enrol first with waiwang-agent enroll --registry URL --token T "
                    + "--state-dir DIR")
        }
        do {
            return try JSONDecoder().decode(AgentCredential.self, from: data)
        } catch {
            throw UplinkError(code: .configuration, message: "credential \(path) is unreadable: \(error)")
        }
    }

    /// Stores `credential` (mode 0600); refuses to replace an existing one unless `replacing`.
    public func save(_ credential: AgentCredential, replacing: Bool) throws {
        if exists && !replacing {
            throw UplinkError(
                code: .configuration,
                message: "\(path) already holds a credential; enrolling again would orphan it (use --force)")
        }
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try AtomicFile.write(try encoder.encode(credential), to: path, mode: 0o600)
    }
}
