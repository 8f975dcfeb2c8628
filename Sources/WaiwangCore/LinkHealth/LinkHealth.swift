/// The health of one link as the authority sees it; a device that does not answer is `unknown`, never `down`.
public enum LinkHealth: String, Sendable, Hashable, Codable, CaseIterable {
    /// Operationally up, within the utilisation and error thresholds.
    case up
    /// Operationally down while administratively up: a fault.
    case down
    /// Shut on purpose (ifAdminStatus down), e.g. by an isolation order.
    case adminDown
    /// Up, but utilisation or errors and discards are over their thresholds.
    case degraded
    /// Changing oper status so often that its flap penalty is above the suppress threshold.
    case flapping
    /// Nothing conclusive: the device does not answer, or the interface is testing or in an unknown state.
    case unknown
}
