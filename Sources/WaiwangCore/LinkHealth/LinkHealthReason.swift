/// Why a link has the health it has; carried on every `LinkHealthChange`.
public enum LinkHealthReason: Sendable, Hashable {
    /// Which way traffic flows, seen from the hub device's interface.
    public enum Direction: String, Sendable, Hashable, Codable {
        case inbound
        case outbound
    }

    /// The device did not answer the poll.
    case deviceUnreachable
    /// ifAdminStatus is down.
    case administrativelyDown
    /// ifAdminStatus or ifOperStatus is testing, or ifOperStatus is unknown.
    case statusIndeterminate(admin: AdminStatus, oper: OperStatus)
    /// ifOperStatus is down, lowerLayerDown or notPresent while ifAdminStatus is up.
    case operDown(OperStatus)
    /// ifOperStatus is up (or dormant) and nothing is over a threshold.
    case operUp
    /// Utilisation in one direction is over the threshold.
    case utilisation(Direction, value: Double, threshold: Double)
    /// Errors and discards, both directions together, per second over the threshold.
    case errorsAndDiscards(perSecond: Double, threshold: Double)
    /// The flap penalty is above the suppress threshold.
    case flapPenalty(Double)
}
