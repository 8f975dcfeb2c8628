/// Slow scans: the threshold random walk (Jung, Paxson, Berger, Balakrishnan 2004) over first contacts.
///
/// Each failed or unanswered first contact multiplies the likelihood ratio by `failureRatio`
/// ((1−θ1)/(1−θ0) = 0.8/0.2 = 4), each success by `successRatio` (θ1/θ0 = 0.2/0.8 = 0.25); the source is a
/// scanner at `upperThreshold` (P_D/P_F = 0.99/0.01 = 99) and benign, the walk restarted, at `lowerThreshold`.
public struct SlowScanPolicy: Sendable, Hashable, Codable {
    public var enabled = true
    public var failureRatio = 4.0
    public var successRatio = 0.25
    public var upperThreshold = 99.0
    /// (1−P_D)/(1−P_F) = 0.01/0.99.
    public var lowerThreshold = 0.0101
    /// A first contact with no answer within this time counts as failed.
    public var contactTimeoutSeconds = 5.0

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.value(.enabled, or: enabled)
        failureRatio = try c.value(.failureRatio, or: failureRatio)
        successRatio = try c.value(.successRatio, or: successRatio)
        upperThreshold = try c.value(.upperThreshold, or: upperThreshold)
        lowerThreshold = try c.value(.lowerThreshold, or: lowerThreshold)
        contactTimeoutSeconds = try c.value(.contactTimeoutSeconds, or: contactTimeoutSeconds)
    }
}
