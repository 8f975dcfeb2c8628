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
    public static func compare(_ earlier: DeviceSnapshot, _ later: DeviceSnapshot, policy: LinkHealthPolicy)
        -> [LinkReport]
    {
        let before = Dictionary(earlier.interfaces.map { ($0.portName, $0) }, uniquingKeysWith: { first, _ in first })
        return later.interfaces.map { interface in
            var evaluator = LinkHealthEvaluator(policy: policy)
            var rates: InterfaceRates?
            if let previous = before[interface.portName] {
                _ = evaluator.observe(observation(previous, rates: nil), at: earlier.polledAt)
                rates = InterfaceRates(
                    from: previous.sample(sysUpTime: earlier.sysUpTime, polledAt: earlier.polledAt),
                    to: interface.sample(sysUpTime: later.sysUpTime, polledAt: later.polledAt))
            }
            _ = evaluator.observe(observation(interface, rates: rates), at: later.polledAt)
            let missing = IntervalMeasure.missing(.counterAbsent)
            return LinkReport(
                ifIndex: interface.ifIndex, ifName: interface.portName, health: evaluator.health.rawValue,
                reason: evaluator.reason.map { "\($0)" } ?? "",
                seconds: rates?.seconds, inBitsPerSecond: Measure(rates?.inBitsPerSecond ?? missing),
                outBitsPerSecond: Measure(rates?.outBitsPerSecond ?? missing),
                inUtilisation: Measure(rates?.inUtilisation ?? missing),
                outUtilisation: Measure(rates?.outUtilisation ?? missing),
                errorsAndDiscardsPerSecond: Measure(rates?.errorsAndDiscardsPerSecond ?? missing))
        }
    }

    private static func observation(_ interface: InterfaceSnapshot, rates: InterfaceRates?) -> LinkObservation {
        .polled(
            admin: interface.ifAdminStatus.flatMap(AdminStatus.init) ?? .testing,
            oper: interface.ifOperStatus.flatMap(OperStatus.init) ?? .unknown, rates: rates)
    }
}
