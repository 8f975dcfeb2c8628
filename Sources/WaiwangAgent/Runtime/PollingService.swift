import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import WaiwangAPI
import WaiwangCore
import WaiwangSNMP

/// Polls the assigned devices every `pollIntervalSeconds` of the assignment with the existing ``PollScheduler``
/// and ``LinkMonitor``, listens for traps if configured (a trap is an observation and re-polls its device at once),
/// and writes what it sees to the outbox through ``ObservationMapper``.
///
/// A new assignment takes effect at the next round: a new scheduler for the new device list (rates resume from its
/// second poll). A graceful stop lets the round in hand finish, so its observations are written before the outbox
/// closes.
public struct PollingService: Service {
    /// SNMP settings of the run.
    public struct Settings: Sendable {
        public var timeout: Duration
        public var retries: Int
        public var deviceBackoffCap: Double
        public var concurrency: Int
        public var policy: LinkHealthPolicy
        /// `udp:HOST:PORT` to listen for traps on, nil for none.
        public var trapAddress: String?
        public var trapCommunities: [String]

        public init(
            timeout: Duration, retries: Int, deviceBackoffCap: Double, concurrency: Int, policy: LinkHealthPolicy,
            trapAddress: String?, trapCommunities: [String]
        ) {
            self.timeout = timeout
            self.retries = retries
            self.deviceBackoffCap = deviceBackoffCap
            self.concurrency = concurrency
            self.policy = policy
            self.trapAddress = trapAddress
            self.trapCommunities = trapCommunities
        }
    }

    let holder: AssignmentHolder
    let outbox: Outbox
    let stats: AgentStats
    let settings: Settings
    let logger: Logger

    public init(holder: AssignmentHolder, outbox: Outbox, stats: AgentStats, settings: Settings, logger: Logger) {
        self.holder = holder
        self.outbox = outbox
        self.stats = stats
        self.settings = settings
        self.logger = logger
    }

    public func run() async throws {
        let listener = try settings.trapAddress.map {
            try TrapListener(address: $0, communities: settings.trapCommunities)
        }
        let current = SchedulerSlot()
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                if let listener {
                    group.addTask {
                        for await event in listener.events {
                            let scheduler = current.scheduler
                            await scheduler?.handle(event)
                        }
                    }
                }
                group.addTask {
                    await rounds(current: current)
                    listener?.stop()
                }
                await group.waitForAll()
            }
        }
        listener?.stop()
    }

    private func rounds(current: SchedulerSlot) async {
        let clock = ContinuousClock()
        var generation = -1
        var scheduler: PollScheduler?
        var interval = 60.0
        while !Task.isCancelled {
            guard let assignment = holder.current else {
                try? await Task.sleep(for: .seconds(1))
                continue
            }
            if holder.generation != generation {
                generation = holder.generation
                interval = Double(max(1, assignment.pollIntervalSeconds))
                await scheduler?.drain()
                scheduler = makeScheduler(assignment, interval: interval)
                current.scheduler = scheduler
            }
            let started = clock.now
            await scheduler?.runRound()
            stats.roundFinished(clock.now - started)
            try? await Task.sleep(until: started + .milliseconds(Int(interval * 1000)), clock: clock)
        }
        await scheduler?.drain()
    }

    private func makeScheduler(_ assignment: AgentAssignment, interval: Double) -> PollScheduler {
        var targets: [SNMPTarget] = []
        for device in assignment.devices {
            do {
                targets.append(try device.target(timeout: settings.timeout, retries: settings.retries))
            } catch {
                logger.error("assigned device left out", metadata: ["device": "\(device.name)", "error": "\(error)"])
            }
        }
        let mapper = ObservationMapper(assignment)
        let outbox = outbox
        let stats = stats
        let logger = logger
        return PollScheduler(
            targets: targets, cycle: PollCycle(concurrency: settings.concurrency),
            monitor: LinkMonitor(policy: settings.policy, interval: interval, backoffCap: settings.deviceBackoffCap),
            emit: { output in
                switch output {
                case .device(let snapshot, _, _):
                    stats.poll(device: snapshot.target, reachable: true)
                case .unreachable(let report):
                    stats.poll(device: report.target, reachable: false)
                case .change, .trap:
                    break
                }
                for (payload, time) in mapper.observations(for: output) {
                    do {
                        try outbox.enqueue(payload, observedAt: time)
                    } catch {
                        logger.error("cannot write to the outbox", metadata: ["error": "\(error)"])
                    }
                }
            })
    }
}

/// The scheduler in force, shared by the round loop and the trap listener.
private final class SchedulerSlot: Sendable {
    private let slot = Mutex<PollScheduler?>(nil)

    var scheduler: PollScheduler? {
        get { slot.withLock { $0 } }
        set { slot.withLock { $0 = newValue } }
    }
}
