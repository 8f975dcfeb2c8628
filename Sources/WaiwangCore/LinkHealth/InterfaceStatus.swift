/// ifAdminStatus (IF-MIB): what the operator asked of the interface.
public enum AdminStatus: Int, Sendable, Hashable, Codable {
    case up = 1
    case down = 2
    case testing = 3
}

/// ifOperStatus (IF-MIB): what the interface is actually doing.
public enum OperStatus: Int, Sendable, Hashable, Codable {
    case up = 1
    case down = 2
    case testing = 3
    case unknown = 4
    case dormant = 5
    case notPresent = 6
    case lowerLayerDown = 7

    /// Whether the link carries (or can carry) traffic: `up`, and `dormant` (waiting for traffic, e.g. dial on
    /// demand) count as up; `down`, `lowerLayerDown` and `notPresent` as down; `testing` and `unknown` say
    /// nothing (nil).
    public var isUp: Bool? {
        switch self {
        case .up, .dormant: return true
        case .down, .lowerLayerDown, .notPresent: return false
        case .testing, .unknown: return nil
        }
    }
}
