import Foundation
import Synchronization
import Testing
import WaiwangAPI
import WaiwangCore
import WaiwangStore

extension RegistryFixture {
    /// Makes an agent at `hub` and enrols it at once, as `waiwangctl agents create` and `waiwang-agent enroll` do.
    static func enrollAgent(hub: String, in store: RegistryStore) async throws -> AgentCredential {
        let ticket = try await store.createAgent(AgentEnrollmentCreate(hub: hub), as: .system)
        return try await store.enrollAgent(AgentEnrollRequest(token: ticket.token, hostname: "probe-\(hub.lowercased())",
                                                              version: "test"))
    }

    /// The enrolled agent the fixture's `.agent` caller is (at the 红塔区 hub).
    func fixtureAgent() async throws -> AgentIdentity {
        let token = try #require(tokens[.agent])
        return try #require(try await store.enrolledAgent(forToken: token))
    }
}

/// A clock a test moves by hand, for ticket expiry and agent staleness.
final class TestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_795_000_000)) { current = Mutex(start) }

    var now: Date { current.withLock { $0 } }

    func advance(_ seconds: TimeInterval) { current.withLock { $0 += seconds } }

    /// The closure a store takes as its clock.
    var function: @Sendable () -> Date { { [self] in self.now } }
}
