/// A libpcap call failed: which operation, libpcap's own message, and what to do about it.
public struct PcapError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Which libpcap operation failed. New codes are added as static members, so adding one
    /// breaks no caller's `switch`.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Operation: String, Sendable, Hashable {
            case findAllDevices = "pcap_findalldevs"
            case openOffline = "pcap_open_offline"
            case readPacket = "pcap_next_ex"
            case create = "pcap_create"
            case configure = "pcap_set_option"
            case activate = "pcap_activate"
            case compileFilter = "pcap_compile"
            case setFilter = "pcap_setfilter"
            case dispatch = "pcap_dispatch"
            case statistics = "pcap_stats"
            case openDead = "pcap_open_dead"
            case openDump = "pcap_dump_open"
            case flushDump = "pcap_dump_flush"
            case startCapture = "capture_thread"
        }

        private let operation: Operation

        private init(_ operation: Operation) {
            self.operation = operation
        }

        /// Listing the capture devices (`pcap_findalldevs`).
        public static let findAllDevices = Code(.findAllDevices)
        /// Opening a pcap or pcapng file (`pcap_open_offline_with_tstamp_precision`).
        public static let openOffline = Code(.openOffline)
        /// Reading the next packet of a file (`pcap_next_ex`): the file is corrupt or cut short.
        public static let readPacket = Code(.readPacket)
        /// Creating a live capture handle (`pcap_create`).
        public static let create = Code(.create)
        /// Setting a capture option before activation (snap length, buffer size, immediate mode…).
        public static let configure = Code(.configure)
        /// Activating a live capture (`pcap_activate`): permissions, interface, buffer size.
        public static let activate = Code(.activate)
        /// Compiling a BPF filter expression (`pcap_compile`): the filter is not valid.
        public static let compileFilter = Code(.compileFilter)
        /// Installing a compiled filter (`pcap_setfilter`).
        public static let setFilter = Code(.setFilter)
        /// Reading packets from a live capture (`pcap_dispatch`): the interface went away.
        public static let dispatch = Code(.dispatch)
        /// Reading the capture counters (`pcap_stats`).
        public static let statistics = Code(.statistics)
        /// Creating a handle for writing (`pcap_open_dead`).
        public static let openDead = Code(.openDead)
        /// Creating an evidence file (`pcap_dump_open`).
        public static let openDump = Code(.openDump)
        /// Writing buffered packets to an evidence file (`pcap_dump_flush`).
        public static let flushDump = Code(.flushDump)
        /// Starting the capture thread: the capture was already started.
        public static let startCapture = Code(.startCapture)

        /// The name of the libpcap function (or step) that failed.
        public var description: String { operation.rawValue }
    }

    /// Which operation failed.
    public let code: Code
    /// libpcap's error message, as written into its error buffer.
    public let message: String
    /// What the operator can do about it, or empty.
    public let suggestion: String

    /// Creates an error for `code` with libpcap's `message` and an optional `suggestion`.
    public init(code: Code, message: String, suggestion: String = "") {
        self.code = code
        self.message = message
        self.suggestion = suggestion
    }

    public var description: String {
        var text = message.isEmpty ? "\(code) failed" : "\(code) failed: \(message)"
        if !suggestion.isEmpty { text += " (\(suggestion))" }
        return text
    }
}
