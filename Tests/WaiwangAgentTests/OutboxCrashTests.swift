import Foundation
import GRDB
import Testing
import WaiwangAPI

@testable import WaiwangAgent

/// A writer killed with SIGKILL mid-loop, three times over one outbox: after each kill the database is intact,
/// every record decodes, the depth counter matches, and every observation whose write returned is still there
/// unless its acknowledgement had begun.
@Suite("Outbox durability under SIGKILL")
struct OutboxCrashTests {
    @Test("a SIGKILLed writer leaves no torn record and loses nothing it wrote", .timeLimit(.minutes(2)))
    func sigkill() async throws {
        let binary = try agentExecutable()
        try await withTemporaryDirectory { dir in
            let path = dir + "/outbox.sqlite"
            var written: Set<String> = []
            var acknowledging: Set<String> = []
            for round in 1...3 {
                let lines = try await runAndKill(binary, database: path, after: .milliseconds(600 + 300 * round))
                for line in lines {
                    let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
                    guard parts.count == 2 else { continue }
                    switch parts[0] {
                    case "w": written.insert(parts[1])
                    case "p", "a": acknowledging.insert(parts[1])
                    default: break
                    }
                }
                #expect(written.count > 20 * round, "the child wrote too little before being killed (round \(round))")
                let queue = try DatabaseQueue(path: path)
                let (integrity, depth, rows) = try queue.read { db in
                    (
                        try String.fetchOne(db, sql: "PRAGMA integrity_check"),
                        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE name = 'depth'"),
                        try Row.fetchAll(db, sql: "SELECT key, body FROM observation")
                    )
                }
                try queue.close()
                #expect(integrity == "ok")
                #expect(Int(depth ?? "") == rows.count, "depth counter and rows disagree")
                var present: Set<String> = []
                for row in rows {
                    let key: String = row["key"]
                    let observation = try JSONDecoder().decode(Observation.self, from: row["body"] as Data)
                    #expect(observation.key == key)
                    present.insert(key)
                }
                let lost = written.subtracting(acknowledging).subtracting(present)
                #expect(lost.isEmpty, "lost after SIGKILL in round \(round): \(lost.sorted().prefix(5))")
                print(
                    "outbox crash round \(round): written \(written.count), acknowledged \(acknowledging.count), "
                        + "present \(present.count), lost \(lost.count)")
            }
            // The outbox opens normally after the kills and its keys keep going without a clash.
            let outbox = try Outbox(path: path, capacity: 1_000_000, keyPrefix: "soak")
            let key = try outbox.enqueue(Samples.health(1)).observation?.key
            #expect(key.map { !written.contains($0) } == true)
        }
    }

    /// Starts `outbox-soak`, kills it with SIGKILL after `delay`, and returns its complete output lines.
    private func runAndKill(_ binary: URL, database: String, after delay: Duration) async throws -> [String] {
        // Output to a file, not a pipe: the writer never blocks on a full pipe, so it is killed mid-write.
        let log = database + ".out-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        let process = Process()
        process.executableURL = binary
        process.arguments = ["outbox-soak", "--db", database]
        process.standardOutput = output
        try process.run()
        try await Task.sleep(for: delay)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try output.close()
        #expect(process.terminationReason == .uncaughtSignal)
        var text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        if !text.hasSuffix("\n"), let last = text.lastIndex(of: "\n") { text = String(text[...last]) }
        return text.split(separator: "\n").map(String.init)
    }
}
