/// What one poll (or trap) said about one link: the device did not answer, or its statuses and latest rates.
public enum LinkObservation: Sendable, Hashable {
    /// The device did not answer: the link's health is unknown, never down.
    case unreachable
    /// ifAdminStatus, ifOperStatus and the rates since the previous sample (nil on the first sample).
    case polled(admin: AdminStatus, oper: OperStatus, rates: InterfaceRates?)
}
