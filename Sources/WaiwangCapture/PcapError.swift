/// A libpcap call failed; `message` is what libpcap wrote into its error buffer.
public struct PcapError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Which libpcap operation failed. New codes are added as static members, so adding one
    /// breaks no caller's `switch`.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Operation: String, Sendable, Hashable {
            case findAllDevices = "pcap_findalldevs"
        }

        private let operation: Operation

        private init(_ operation: Operation) {
            self.operation = operation
        }

        /// Listing the capture devices (`pcap_findalldevs`).
        public static let findAllDevices = Code(.findAllDevices)

        /// The name of the libpcap function that failed.
        public var description: String { operation.rawValue }
    }

    /// Which operation failed.
    public let code: Code
    /// libpcap's error message, as written into its error buffer.
    public let message: String

    /// Creates an error for `code` with libpcap's `message`.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String {
        message.isEmpty ? "\(code) failed" : "\(code) failed: \(message)"
    }
}
