/// A watch file or detection policy that cannot be used: names the field at fault and says why.
public struct DetectionConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The field at fault as a path, e.g. `units[2].prefixes[0]` or `portScan.distinctPorts`.
    public var field: String
    /// A sentence for the operator: what is wrong and what to do.
    public var message: String

    /// Creates an error for `field`.
    public init(field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}
