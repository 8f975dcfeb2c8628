import WaiwangCore

/// One interface's rates and health between two polls, as `waiwang-agent poll --count 2` prints it.
public struct LinkReport: Sendable, Codable {
    /// A rate or utilisation: its value, or why there is none (never a spike, never a silent zero).
    public struct Measure: Sendable, Codable {
        public var value: Double?
        public var missing: String?

        init(_ measure: IntervalMeasure) {
            value = measure.value
            missing = measure.gap?.rawValue
        }
    }

    public var ifIndex: Int
    public var ifName: String
    public var health: String
    public var reason: String
    public var seconds: Double?
    public var inBitsPerSecond: Measure
    public var outBitsPerSecond: Measure
    public var inUtilisation: Measure
    public var outUtilisation: Measure
    public var errorsAndDiscardsPerSecond: Measure

    /// Compares two snapshots of a device, keyed by port name so a renumbered ifIndex keeps its history.
    ///
    /// Each link's health starts afresh from the earlier snapshot; ``LinkMonitor`` keeps it across polls instead.
    public static func compare(_ earlier: DeviceSnapshot, _ later: DeviceSnapshot, policy: LinkHealthPolicy)
        -> [LinkReport]
    {
        let before = Dictionary(earlier.interfaces.map { ($0.portName, $0) }, uniquingKeysWith: { first, _ in first })
        return later.interfaces.map { interface in
            var evaluator = LinkHealthEvaluator(policy: policy)
            if let previous = before[interface.portName] {
                _ = evaluator.observe(observation(previous, rates: nil), at: earlier.polledAt)
            }
            return report(
                interface, in: later, previous: before[interface.portName].map { ($0, earlier) },
                evaluator: &evaluator
            ).report
        }
    }

    /// One interface's report from the later snapshot (and the earlier one, for rates), advancing `evaluator`.
    static func report(
        _ interface: InterfaceSnapshot, in later: DeviceSnapshot, previous: (InterfaceSnapshot, DeviceSnapshot)?,
        status override: (admin: AdminStatus, oper: OperStatus)? = nil, evaluator: inout LinkHealthEvaluator
    ) -> (report: LinkReport, changes: [LinkHealthChange]) {
        var rates: InterfaceRates?
        if let (earlierInterface, earlier) = previous {
            rates = InterfaceRates(
                from: earlierInterface.sample(sysUpTime: earlier.sysUpTime, polledAt: earlier.polledAt),
                to: interface.sample(sysUpTime: later.sysUpTime, polledAt: later.polledAt))
        }
        let observed: LinkObservation =
            override.map { .polled(admin: $0.admin, oper: $0.oper, rates: rates) }
            ?? observation(interface, rates: rates)
        let changes = evaluator.observe(observed, at: later.polledAt)
        let missing = IntervalMeasure.missing(.counterAbsent)
        let report = LinkReport(
            ifIndex: interface.ifIndex, ifName: interface.portName, health: evaluator.health.rawValue,
            reason: evaluator.reason?.text ?? "",
            seconds: rates?.seconds, inBitsPerSecond: Measure(rates?.inBitsPerSecond ?? missing),
            outBitsPerSecond: Measure(rates?.outBitsPerSecond ?? missing),
            inUtilisation: Measure(rates?.inUtilisation ?? missing),
            outUtilisation: Measure(rates?.outUtilisation ?? missing),
            errorsAndDiscardsPerSecond: Measure(rates?.errorsAndDiscardsPerSecond ?? missing))
        return (report, changes)
    }

    static func observation(_ interface: InterfaceSnapshot, rates: InterfaceRates?) -> LinkObservation {
        .polled(
            admin: interface.ifAdminStatus.flatMap(AdminStatus.init) ?? .testing,
            oper: interface.ifOperStatus.flatMap(OperStatus.init) ?? .unknown, rates: rates)
    }
}
