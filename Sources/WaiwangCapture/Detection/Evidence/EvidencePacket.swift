/// A raw packet kept as evidence of one alert; the caller writes it to that alert's evidence pcap.
public struct EvidencePacket: Sendable, Hashable {
    /// The alert this packet is evidence of.
    public var alertID: String
    /// Capture time, nanoseconds since the Unix epoch.
    public var timestampNanoseconds: Int64
    /// The frame's length on the wire (the pcap record's original length).
    public var wireLength: Int
    /// The captured bytes kept, at most the policy's snap length (the pcap record's captured length).
    public var bytes: [UInt8]

    public init(alertID: String, timestampNanoseconds: Int64, wireLength: Int, bytes: [UInt8]) {
        self.alertID = alertID
        self.timestampNanoseconds = timestampNanoseconds
        self.wireLength = wireLength
        self.bytes = bytes
    }
}
