import Foundation
import Testing
import WaiwangAPI

@testable import WaiwangAgent

@Suite("Commands: at most once, even across a restart")
struct CommandJournalTests {
    static func command(_ id: String) -> AgentCommand {
        AgentCommand(
            id: id, kind: .portShutdown, device: "ht-core", ifName: "ge-0/0/1", issuedAt: "t", deadlineSeconds: 5)
    }

    @Test("a command id is admitted once; after a restart an interrupted one is reported failed, never re-run")
    func atMostOnce() async throws {
        try await withTemporaryDirectory { dir in
            let path = dir + "/outbox.sqlite"
            do {
                let outbox = try Outbox(path: path, capacity: 100, keyPrefix: "a1")
                let journal = CommandJournal(outbox)
                #expect(try journal.admit(Self.command("c1")) == .execute)
                #expect(try journal.admit(Self.command("c1")) == .seen(state: "started"))
                #expect(try journal.admit(Self.command("c2")) == .execute)
                try journal.finish(
                    AgentCommandResult(
                        id: "c2", outcome: .confirmed, adminStatus: "down", operStatus: "down", message: "ok",
                        finishedAt: "t"))
                // The process dies here: c1 started, never finished.
            }
            let outbox = try Outbox(path: path, capacity: 100, keyPrefix: "a1")
            let journal = CommandJournal(outbox)
            let recovered = try journal.recoverInterrupted()
            #expect(recovered.map(\.id) == ["c1"])
            #expect(recovered.first?.outcome == .failed)
            #expect(recovered.first?.message.contains("unknown") == true)
            // The registry delivers both again: neither is executed.
            #expect(try journal.admit(Self.command("c1")) == .seen(state: "finished"))
            #expect(try journal.admit(Self.command("c2")) == .seen(state: "finished"))
            #expect(Set(try journal.unreportedResults().map(\.id)) == ["c1", "c2"])
            try journal.markReported("c1")
            try journal.markReported("c2")
            #expect(try journal.unreportedResults().isEmpty)
            #expect(try journal.recoverInterrupted().isEmpty)
            #expect(try journal.admit(Self.command("c1")) == .seen(state: "reported"))
        }
    }

    @Test("a command for a device outside the assignment fails without touching anything")
    func unknownDevice() async {
        let result = await PortCommandExecutor().execute(Self.command("c3"), assignment: nil)
        #expect(result.outcome == .failed)
        #expect(result.id == "c3")
    }
}
