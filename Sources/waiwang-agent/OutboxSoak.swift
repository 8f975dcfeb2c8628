import ArgumentParser
import Foundation
import WaiwangAPI
import WaiwangAgent

extension WaiwangAgentCommand {
    /// `waiwang-agent outbox-soak` (hidden): writes observations to an outbox in a loop and acknowledges some,
    /// printing `w KEY` after each committed write, `p KEY` before an acknowledgement and `a KEY` after it commits — the child the
    /// crash test kills with SIGKILL.
    struct OutboxSoak: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "outbox-soak", abstract: "Write to an outbox in a loop (crash tests).", shouldDisplay: false)

        @Option(help: "The outbox database.") var db: String
        @Option(help: "Observations kept at most.") var capacity = 1_000_000
        @Option(help: "Stop after this many writes (0: never).") var count = 0

        func run() throws {
            let outbox = try Outbox(path: db, capacity: capacity, keyPrefix: "soak")
            var written = 0
            var pending: [String] = []
            while count == 0 || written < count {
                written += 1
                let payload: ObservationPayload =
                    written % 5 == 0
                    ? .healthChange(
                        HealthChangeObservation(
                            device: "hub", ifName: "ge-0/0/\(written % 48)", linkId: Int64(written % 48), from: "up",
                            to: "down", reason: "operDown(down)"))
                    : .linkSample(
                        LinkSampleObservation(
                            device: "hub", ifName: "ge-0/0/\(written % 48)", linkId: Int64(written % 48), health: "up",
                            inBitsPerSecond: Double(written), outBitsPerSecond: Double(written) * 2))
                guard let key = try outbox.enqueue(payload).observation?.key else { continue }
                FileHandle.standardOutput.write(Data("w \(key)\n".utf8))
                pending.append(key)
                if pending.count == 10 {
                    let acked = Array(pending.prefix(5))
                    FileHandle.standardOutput.write(Data(acked.map { "p \($0)\n" }.joined().utf8))
                    try outbox.acknowledge(acked)
                    FileHandle.standardOutput.write(Data(acked.map { "a \($0)\n" }.joined().utf8))
                    pending.removeFirst(5)
                }
            }
            try outbox.close()
        }
    }
}
