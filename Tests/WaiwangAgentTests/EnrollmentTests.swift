import Foundation
import Testing
import WaiwangAPI

@testable import WaiwangAgent

@Suite("Enrolment: the credential on disk")
struct EnrollmentTests {
    @Test("the credential is stored with mode 0600 and never silently replaced")
    func credentialFile() async throws {
        try await withTemporaryDirectory { dir in
            let store = CredentialStore(stateDirectory: dir + "/state")
            let credential = AgentCredential(agentId: 3, hub: "JC", secret: "s3cret")
            try store.save(credential, replacing: false)
            let mode = try FileManager.default.attributesOfItem(atPath: store.path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            #expect(try store.load() == credential)
            #expect(throws: UplinkError.self) {
                try store.save(AgentCredential(agentId: 4, hub: "JC", secret: "other"), replacing: false)
            }
            #expect(try store.load() == credential)
            try store.save(AgentCredential(agentId: 4, hub: "JC", secret: "other"), replacing: true)
            #expect(try store.load().agentId == 4)
        }
    }

    @Test("enrol refuses to spend a token when a credential is already there")
    func refusesOverwrite() async throws {
        try await withTemporaryDirectory { dir in
            try CredentialStore(stateDirectory: dir).save(
                AgentCredential(agentId: 1, hub: "YX", secret: "x"), replacing: false)
            let endpoint = try UplinkEndpoint(url: "http://127.0.0.1:9", caFile: nil, allowInsecureLoopback: true)
            await #expect(throws: UplinkError.self) {
                try await Enrollment.enroll(
                    endpoint: endpoint, token: "t", stateDirectory: dir, hostname: "h", force: false)
            }
        }
    }

    @Test(
        "plain http only to loopback and only when allowed",
        arguments: [
            ("http://127.0.0.1:8080", true, true), ("http://localhost:8080", true, true),
            ("http://[::1]:8080", true, true),
            ("http://127.0.0.1:8080", false, false), ("http://10.0.0.1:8080", true, false),
            ("https://waiwang.example.org", false, true), ("ftp://x", true, false),
        ])
    func endpoint(url: String, allow: Bool, accepted: Bool) {
        #expect(
            (try? UplinkEndpoint(url: url, caFile: nil, allowInsecureLoopback: allow)) != nil ? accepted : !accepted)
    }
}
