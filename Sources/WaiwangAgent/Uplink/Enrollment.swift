import Foundation
import WaiwangAPI

/// `waiwang-agent enroll`: trades a one-time enrolment token for the agent's credential and stores it.
public enum Enrollment {
    /// Enrols at `endpoint` with `token` and stores the credential under `stateDirectory`.
    ///
    /// Checks first that no credential is there (unless `force`), so a token is never spent for nothing.
    public static func enroll(
        endpoint: UplinkEndpoint, token: String, stateDirectory: String, hostname: String, force: Bool
    ) async throws -> AgentCredential {
        let store = CredentialStore(stateDirectory: stateDirectory)
        if store.exists && !force {
            throw UplinkError(
                code: .configuration,
                message: "\(store.path) already holds a credential; enrolling again would orphan it (use --force)")
        }
        let uplink = try RegistryUplink(endpoint: endpoint, secret: nil)
        do {
            let credential = try await uplink.enroll(
                AgentEnrollRequest(token: token, hostname: hostname, version: AgentInfo.version))
            try store.save(credential, replacing: force)
            await uplink.shutdown()
            return credential
        } catch {
            await uplink.shutdown()
            throw error
        }
    }
}
