import WaiwangSNMP

/// What polling one device gave: its snapshot, or why it could not be had (the device is unreachable —
/// never "all its links down").
public struct PollOutcome: Sendable {
    public var target: SNMPTarget
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
        await withTaskGroup(of: (Int, PollOutcome).self) { group in
            var outcomes = [PollOutcome?](repeating: nil, count: targets.count)
            var next = 0
            func launch() {
                guard next < targets.count else { return }
                let (index, target) = (next, targets[next])
                next += 1
                group.addTask { (index, await poll(target)) }
            }
            for _ in 0..<min(concurrency, targets.count) { launch() }
            while let (index, outcome) = await group.next() {
                outcomes[index] = outcome
                launch()
            }
            return outcomes.compactMap { $0 }
        }
    }

    private func poll(_ target: SNMPTarget) async -> PollOutcome {
        do {
            let session = try await SNMPSession(target)
            return PollOutcome(target: target, result: .success(try await poller.poll(session)))
        } catch let error as SNMPError {
            return PollOutcome(target: target, result: .failure(error))
        } catch {
            return PollOutcome(
                target: target, result: .failure(SNMPError(code: .protocol, message: "\(error)")))
        }
    }
}
