import WaiwangCore
import WaiwangSNMP

/// The health of every link of every device across polls and traps: the agent's memory between two observations.
///
/// A value type with no clock and no I/O (times are passed in): ``PollScheduler`` owns one and feeds it poll
/// outcomes and trap events. Per device it keeps the last snapshot (for rates), one ``LinkHealthEvaluator`` per
/// port name (so flap dampening sees every transition and a renumbered ifIndex keeps its history), the
/// ``DeviceBackoff``, and the link status the latest linkDown/linkUp trap gave.
public struct LinkMonitor: Sendable {
    public let policy: LinkHealthPolicy
    public let interval: Double
    public let backoffCap: Double
    private var devices: [SNMPTarget: DeviceState] = [:]

    /// A trap younger than this (agent clock) outranks a poll whose interface has not changed since: snmpd serves
    /// its ifTable from a cache a few seconds old.
    static let trapPrecedenceTicks: UInt32 = 15 * 100

    private struct DeviceState: Sendable {
        var last: DeviceSnapshot?
        var evaluators: [String: LinkHealthEvaluator] = [:]
        var backoff: DeviceBackoff
        /// Port name → the status its latest link trap gave, with the agent's sysUpTime then.
        var trapStatus: [String: (admin: AdminStatus, oper: OperStatus, upTime: UInt32)] = [:]
    }

    public init(policy: LinkHealthPolicy, interval: Double, backoffCap: Double) {
        self.policy = policy
        self.interval = interval
        self.backoffCap = backoffCap
    }

    /// Whether a scheduled poll of `target` at `time` should go ahead, or the device is backing off.
    public func isDue(_ target: SNMPTarget, at time: Double) -> Bool {
        devices[target]?.backoff.isDue(at: time) ?? true
    }

    /// A successful poll: the links with rates (from the second poll on) and health, and the changes of health.
    public mutating func record(_ snapshot: DeviceSnapshot, of target: SNMPTarget, startedAt: Double)
        -> (links: [LinkReport]?, changes: [LinkChangeReport])
    {
        var state = devices[target] ?? DeviceState(backoff: DeviceBackoff(interval: interval, cap: backoffCap))
        state.backoff.recordSuccess(at: startedAt)
        let before = Dictionary(
            (state.last?.interfaces ?? []).map { ($0.portName, $0) }, uniquingKeysWith: { first, _ in first })
        var links: [LinkReport] = []
        var changes: [LinkChangeReport] = []
        for interface in snapshot.interfaces {
            let name = interface.portName
            var evaluator = state.evaluators[name] ?? LinkHealthEvaluator(policy: policy)
            var override: (admin: AdminStatus, oper: OperStatus)?
            if let trap = state.trapStatus[name] {
                let polledAdmin = interface.ifAdminStatus.flatMap(AdminStatus.init)
                let polledOper = interface.ifOperStatus.flatMap(OperStatus.init)
                let unchangedSinceTrap = (interface.ifLastChange ?? 0) < trap.upTime
                let trapIsRecent =
                    snapshot.sysUpTime >= trap.upTime && snapshot.sysUpTime - trap.upTime < Self.trapPrecedenceTicks
                if (polledAdmin != trap.admin || polledOper != trap.oper) && unchangedSinceTrap && trapIsRecent {
                    override = (trap.admin, trap.oper)
                } else {
                    state.trapStatus[name] = nil
                }
            }
            let previous = before[name].map { ($0, state.last!) }
            let (report, found) = LinkReport.report(
                interface, in: snapshot, previous: previous, status: override, evaluator: &evaluator)
            state.evaluators[name] = evaluator
            if previous != nil { links.append(report) }
            changes += found.map {
                LinkChangeReport(
                    target: target.address, ifIndex: interface.ifIndex, ifName: name, change: $0, cause: .poll)
            }
        }
        let hadPrevious = state.last != nil
        state.last = snapshot
        devices[target] = state
        return (hadPrevious ? links : nil, changes)
    }

    /// A failed poll: the device is unreachable, its known links `unknown` (never down), and when it is tried next.
    public mutating func recordFailure(_ error: SNMPError, of target: SNMPTarget, startedAt: Double, at time: Double)
        -> (report: UnreachableReport, changes: [LinkChangeReport])
    {
        var state = devices[target] ?? DeviceState(backoff: DeviceBackoff(interval: interval, cap: backoffCap))
        let next = state.backoff.recordFailure(at: startedAt)
        var links: [UnreachableReport.Link] = []
        var changes: [LinkChangeReport] = []
        for interface in state.last?.interfaces ?? [] {
            let name = interface.portName
            var evaluator = state.evaluators[name] ?? LinkHealthEvaluator(policy: policy)
            changes += evaluator.observe(.unreachable, at: time).map {
                LinkChangeReport(
                    target: target.address, ifIndex: interface.ifIndex, ifName: name, change: $0, cause: .poll)
            }
            state.evaluators[name] = evaluator
            links.append(.init(ifIndex: interface.ifIndex, ifName: name, health: evaluator.health.rawValue))
        }
        state.trapStatus = [:]
        devices[target] = state
        let report = UnreachableReport(
            target: target.address, error: "\(error)", advice: error.advice,
            consecutiveFailures: state.backoff.consecutiveFailures, nextAttemptAt: next,
            nextAttemptInSeconds: max(0, next - time), links: links)
        return (report, changes)
    }

    /// A linkDown/linkUp trap from `target`: its status is applied to the port at once (known from the last poll's
    /// ifIndex → ifName), so a link that went down is `down` before the re-poll answers.
    public mutating func record(_ trap: TrapEvent, of target: SNMPTarget, at time: Double) -> [LinkChangeReport] {
        guard trap.kind != .other, let ifIndex = trap.ifIndex, var state = devices[target],
            let interface = state.last?.interfaces.first(where: { $0.ifIndex == ifIndex })
        else { return [] }
        let admin = trap.ifAdminStatus.flatMap(AdminStatus.init) ?? (trap.kind == .linkUp ? .up : nil)
        let oper = trap.ifOperStatus.flatMap(OperStatus.init) ?? (trap.kind == .linkUp ? .up : .down)
        guard let admin else { return [] }
        let name = interface.portName
        var evaluator = state.evaluators[name] ?? LinkHealthEvaluator(policy: policy)
        let changes = evaluator.observe(.polled(admin: admin, oper: oper, rates: nil), at: time).map {
            LinkChangeReport(target: target.address, ifIndex: ifIndex, ifName: name, change: $0, cause: .trap)
        }
        state.evaluators[name] = evaluator
        if let upTime = trap.upTime { state.trapStatus[name] = (admin, oper, upTime) }
        devices[target] = state
        return changes
    }
}

/// A device that did not answer, as `waiwang-agent poll` prints it: the error, the backoff, its links `unknown`.
public struct UnreachableReport: Sendable, Codable, Hashable {
    /// One known link of the device, whose health is now `unknown`.
    public struct Link: Sendable, Codable, Hashable {
        public var ifIndex: Int
        public var ifName: String
        public var health: String
    }

    public var target: String
    public var unreachable = true
    public var error: String
    public var advice: String
    /// Failed polls in a row.
    public var consecutiveFailures: Int
    /// When the next scheduled poll is due (seconds since 1970); a trap from the device polls it sooner.
    public var nextAttemptAt: Double
    public var nextAttemptInSeconds: Double
    /// The links known from earlier polls (none if the device never answered).
    public var links: [Link]
}

/// One change of a link's health, as printed and (later) sent to the registry.
public struct LinkChangeReport: Sendable, Codable, Hashable {
    /// What caused the observation: a poll, or a trap applied before its re-poll.
    public enum Cause: String, Sendable, Codable { case poll, trap }

    public var target: String
    public var ifIndex: Int
    public var ifName: String
    public var from: String
    public var to: String
    public var reason: String
    public var at: Double
    public var cause: Cause

    init(target: String, ifIndex: Int, ifName: String, change: LinkHealthChange, cause: Cause) {
        self.target = target
        self.ifIndex = ifIndex
        self.ifName = ifName
        from = change.from.rawValue
        to = change.to.rawValue
        reason = change.reason.text
        at = change.at
        self.cause = cause
    }
}
