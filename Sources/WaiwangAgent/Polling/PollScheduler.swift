import Foundation
import WaiwangSNMP

/// Polls a set of devices on a schedule and at once when a trap comes from one, and reports what it sees.
///
/// Rounds poll every device not backing off (``DeviceBackoff``), at most `concurrency` at a time, each result
/// reported as soon as it is in; a device still being polled is left out of the next round, so a slow device
/// never delays the others. A linkDown/linkUp trap is applied to its link at once and re-polls its device
/// (after the poll in flight, if there is one). Everything observed goes to `emit`, in order.
public actor PollScheduler {
    /// What the scheduler reports.
    public enum Output: Sendable {
        /// A device answered: its snapshot and, from its second poll on, its links' rates and health.
        case device(DeviceSnapshot, links: [LinkReport]?, trigger: Trigger)
        /// A device did not answer.
        case unreachable(UnreachableReport)
        /// A link's health changed.
        case change(LinkChangeReport)
        /// A trap was received.
        case trap(TrapReport)
    }

    /// Why a device was polled.
    public enum Trigger: String, Sendable, Codable { case schedule, trap }

    public let targets: [SNMPTarget]
    private let cycle: PollCycle
    private let router: TrapRouter
    private var monitor: LinkMonitor
    private let emit: @Sendable (Output) -> Void
    private var inFlight: Set<SNMPTarget> = []
    private var pollAgain: Set<SNMPTarget> = []
    private var repolls: [Int: Task<Void, Never>] = [:]
    private var nextRepoll = 0

    public init(
        targets: [SNMPTarget], cycle: PollCycle, monitor: LinkMonitor, emit: @escaping @Sendable (Output) -> Void
    ) {
        self.targets = targets
        self.cycle = cycle
        router = TrapRouter(targets: targets)
        self.monitor = monitor
        self.emit = emit
    }

    /// One scheduled round; returns when every device polled in it has answered or timed out.
    public func runRound() async {
        let now = Date().timeIntervalSince1970
        let due = targets.filter { monitor.isDue($0, at: now) && !inFlight.contains($0) }
        inFlight.formUnion(due)
        await cycle.run(due) { outcome in await self.finish(outcome, trigger: .schedule) }
    }

    /// A received trap: reported, applied to its link, and its device re-polled now.
    public func handle(_ event: TrapEvent) {
        let now = Date().timeIntervalSince1970
        let matched = router.targets(for: event)
        emit(.trap(TrapReport(event, targets: matched, receivedAt: now)))
        for target in matched {
            for change in monitor.record(event, of: target, at: now) { emit(.change(change)) }
            repoll(target)
        }
    }

    /// Waits for the trap-driven polls still running.
    public func drain() async {
        while let (key, task) = repolls.first {
            await task.value
            repolls[key] = nil
        }
    }

    private func repoll(_ target: SNMPTarget) {
        guard !inFlight.contains(target) else {
            pollAgain.insert(target)
            return
        }
        inFlight.insert(target)
        let key = nextRepoll
        nextRepoll += 1
        let cycle = cycle
        repolls[key] = Task {
            let outcome = await cycle.poll(target)
            self.finish(outcome, trigger: .trap)
            self.forget(key)
        }
    }

    private func forget(_ key: Int) { repolls[key] = nil }

    private func finish(_ outcome: PollOutcome, trigger: Trigger) {
        inFlight.remove(outcome.target)
        switch outcome.result {
        case .success(let snapshot):
            let (links, changes) = monitor.record(snapshot, of: outcome.target, startedAt: outcome.startedAt)
            emit(.device(snapshot, links: links, trigger: trigger))
            for change in changes { emit(.change(change)) }
        case .failure(let error):
            let (report, changes) = monitor.recordFailure(
                error, of: outcome.target, startedAt: outcome.startedAt, at: Date().timeIntervalSince1970)
            emit(.unreachable(report))
            for change in changes { emit(.change(change)) }
        }
        if pollAgain.remove(outcome.target) != nil { repoll(outcome.target) }
    }
}
