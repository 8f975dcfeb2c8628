import Foundation
import Logging
import ServiceLifecycle
import WaiwangAPI

/// Takes commands from the registry by long poll, executes each id at most once (``CommandJournal``), and reports
/// every result until the registry takes it.
///
/// At start, a command the journal shows as started but not finished (the agent died during its SET) becomes a
/// failed result with the port state unknown; it is reported, never executed again. A graceful stop waits for the
/// command in hand: its SET and read-back run to their deadline in a task the stop does not cancel, so the result
/// is journaled before the process exits.
public struct CommandService: Service {
    let uplink: RegistryUplink
    let journal: CommandJournal
    let executor: PortCommandExecutor
    let holder: AssignmentHolder
    let waitSeconds: Int
    let backoffCap: Double
    let stats: AgentStats
    let logger: Logger

    public init(
        uplink: RegistryUplink, journal: CommandJournal, executor: PortCommandExecutor, holder: AssignmentHolder,
        waitSeconds: Int, backoffCap: Double, stats: AgentStats, logger: Logger
    ) {
        self.uplink = uplink
        self.journal = journal
        self.executor = executor
        self.holder = holder
        self.waitSeconds = waitSeconds
        self.backoffCap = backoffCap
        self.stats = stats
        self.logger = logger
    }

    public func run() async throws {
        for interrupted in try journal.recoverInterrupted() {
            logger.warning(
                "command interrupted by a stop; reported as failed, not re-run", metadata: ["id": "\(interrupted.id)"])
        }
        try await cancelWhenGracefulShutdown {
            var backoff = UplinkBackoff(base: 1, cap: backoffCap)
            while !Task.isCancelled {
                do {
                    try await reportPending()
                    for command in try await uplink.commands(wait: waitSeconds) {
                        try await handle(command)
                    }
                    backoff.reset()
                } catch is CancellationError {
                    return
                } catch {
                    stats.metrics.uplinkErrors.increment()
                    let delay = backoff.nextDelay()
                    if backoff.failures == 1 {
                        logger.warning("cannot take or report commands", metadata: ["error": "\(error)"])
                    }
                    try await Task.sleep(for: .milliseconds(Int(delay * 1000)))
                }
            }
        }
    }

    /// Executes a command the journal has never seen; a seen one is only (re)reported.
    func handle(_ command: AgentCommand) async throws {
        switch try journal.admit(command) {
        case .seen(let state):
            logger.info(
                "command already taken; not executed again", metadata: ["id": "\(command.id)", "state": "\(state)"])
            if state == "reported", let result = try journal.result(of: command.id) {
                try await uplink.report(result)
            }
        case .execute:
            logger.notice(
                "executing command",
                metadata: [
                    "id": "\(command.id)", "kind": "\(command.kind.rawValue)", "device": "\(command.device)",
                    "ifName": "\(command.ifName)",
                ])
            let executor = executor
            let assignment = holder.current
            let journal = journal
            // Not cancelled by a graceful stop: the SET in hand runs to its read-back and is journaled.
            let result = await Task {
                let result = await executor.execute(command, assignment: assignment)
                try? journal.finish(result)
                return result
            }.value
            stats.metrics.commandsExecuted.increment()
            logger.notice(
                "command finished", metadata: ["id": "\(command.id)", "outcome": "\(result.outcome.rawValue)"])
        }
        try await reportPending()
    }

    /// Reports every journaled result the registry has not taken yet.
    func reportPending() async throws {
        for result in try journal.unreportedResults() {
            do {
                try await uplink.report(result)
            } catch let error as UplinkError
                where error.code == .refused && [400, 404, 409, 410, 422].contains(error.status ?? 0)
            {
                // The registry will never take it (unknown or already closed command): stop offering it.
                logger.error(
                    "registry refuses a command result", metadata: ["id": "\(result.id)", "error": "\(error)"])
            }
            try journal.markReported(result.id)
        }
    }
}
