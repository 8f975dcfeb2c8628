import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// SIGINT/SIGTERM turned into a flag the poll loop checks, so `--watch` ends cleanly: the rounds in hand finish,
/// the trap listener closes, the statistics are printed.
final class StopSignal: Sendable {
    private let stopped = Mutex(false)

    var isStopped: Bool { stopped.withLock { $0 } }

    func stop() { stopped.withLock { $0 = true } }

    /// Sleeps until `deadline`, or until stopped (seen within 100 ms).
    func sleep(until deadline: ContinuousClock.Instant) async {
        let clock = ContinuousClock()
        while !isStopped, clock.now < deadline {
            try? await Task.sleep(until: min(deadline, clock.now + .milliseconds(100)), clock: clock)
        }
    }

    /// Handles SIGINT and SIGTERM by stopping; keep the returned sources until the run ends.
    func installSignalHandlers() -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in stop() }
            source.resume()
            return source
        }
    }
}
