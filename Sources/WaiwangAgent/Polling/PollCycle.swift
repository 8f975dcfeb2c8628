import Foundation
import WaiwangSNMP

/// What polling one device gave: its snapshot, or why it could not be had (the device is unreachable —
/// never "all its links down").
public struct PollOutcome: Sendable {
    public var target: SNMPTarget
    /// When the poll began, seconds since 1970 (backoff counts from here).
    public var startedAt: Double
    public var result: Result<DeviceSnapshot, SNMPError>
}

/// Polls many devices at once with a bound on polls in flight, so one slow or dead device never delays
/// the others beyond its own timeout.
public struct PollCycle: Sendable {
    public var poller: DevicePoller
    /// Devices polled at the same time.
    public var concurrency: Int

    public init(poller: DevicePoller = DevicePoller(), concurrency: Int = 32) {
        self.poller = poller
        self.concurrency = max(1, concurrency)
    }

    /// Polls every target once; outcomes come back in the targets' order.
    public func run(_ targets: [SNMPTarget]) async -> [PollOutcome] {
        let collected = OutcomeBox()
        await run(targets) { outcome in await collected.append(outcome) }
        var remaining = await collected.outcomes
        return targets.compactMap { target in
            remaining.firstIndex { $0.target == target }.map { remaining.remove(at: $0) }
        }
    }

    /// Polls every target once and hands each outcome to `each` as soon as it is in, so a slow or dead device
    /// holds back nobody's result but its own.
    public func run(_ targets: [SNMPTarget], each: @Sendable (PollOutcome) async -> Void) async {
        await withTaskGroup(of: PollOutcome.self) { group in
            var next = 0
            func launch() {
                guard next < targets.count else { return }
                let target = targets[next]
                next += 1
                group.addTask { await poll(target) }
            }
            for _ in 0..<min(concurrency, targets.count) { launch() }
            while let outcome = await group.next() {
                await each(outcome)
                launch()
            }
        }
    }

    /// Polls one device: a fresh session, the snapshot or the error.
    public func poll(_ target: SNMPTarget) async -> PollOutcome {
        let startedAt = Date().timeIntervalSince1970
        do {
            let session = try await SNMPSession(target)
            return PollOutcome(target: target, startedAt: startedAt, result: .success(try await poller.poll(session)))
        } catch let error as SNMPError {
            return PollOutcome(target: target, startedAt: startedAt, result: .failure(error))
        } catch {
            return PollOutcome(
                target: target, startedAt: startedAt, result: .failure(SNMPError(code: .protocol, message: "\(error)")))
        }
    }
}

/// Collects outcomes for ``PollCycle/run(_:)``.
private actor OutcomeBox {
    var outcomes: [PollOutcome] = []
    func append(_ outcome: PollOutcome) { outcomes.append(outcome) }
}
