import CPcap

/// Writes chosen packets with their capture times to a pcap file (nanosecond precision), the
/// evidence an alert carries so the unit's trace-back and the authority's report have the packets.
///
/// The writer owns its libpcap handles and is used from one thread at a time.
public final class PcapEvidenceWriter {
    private let deadHandle: OpaquePointer
    private var dumper: OpaquePointer?
    /// The file being written.
    public let path: String
    /// The link type written in the file's header; frames must start with that header.
    public let linkType: LinkType
    /// Frames longer than this are cut to it (the wire length is kept).
    public let snapshotLength: Int
    /// Packets written so far.
    public private(set) var packetsWritten = 0

    /// Creates (or truncates) `path` for frames of `linkType`.
    public init(path: String, linkType: LinkType, snapshotLength: Int = 262_144) throws(PcapError) {
        let snap = Int32(clamping: max(snapshotLength, 1))
        guard
            let dead = pcap_open_dead_with_tstamp_precision(
                linkType.rawValue, snap, UInt32(PCAP_TSTAMP_PRECISION_NANO))
        else {
            throw PcapError(
                code: .openDead, message: "no handle for link type \(linkType)",
                suggestion: "use the link type of the capture the packets came from")
        }
        guard let dumper = pcap_dump_open(dead, path) else {
            let message = String(cString: pcap_geterr(dead))
            pcap_close(dead)
            throw PcapError(
                code: .openDump, message: message,
                suggestion: "check that the directory of \(path) exists and is writable")
        }
        self.deadHandle = dead
        self.dumper = dumper
        self.path = path
        self.linkType = linkType
        self.snapshotLength = Int(snap)
    }

    deinit {
        if let dumper { pcap_dump_close(dumper) }
        pcap_close(deadHandle)
    }

    /// Appends one frame; `wireLength` below the byte count is raised to it. Does nothing after
    /// `close()`.
    public func write(_ bytes: UnsafeRawBufferPointer, timestampNanoseconds: Int64, wireLength: Int) {
        guard let dumper else { return }
        let captured = min(bytes.count, snapshotLength)
        var header = pcap_pkthdr()
        header.ts = PcapTimestamp.makeTimeval(nanoseconds: timestampNanoseconds)
        header.caplen = UInt32(captured)
        header.len = UInt32(clamping: max(wireLength, bytes.count))
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            var empty: UInt8 = 0
            pcap_dump(UnsafeMutableRawPointer(dumper).assumingMemoryBound(to: UInt8.self), &header, &empty)
            packetsWritten &+= 1
            return
        }
        pcap_dump(UnsafeMutableRawPointer(dumper).assumingMemoryBound(to: UInt8.self), &header, base)
        packetsWritten &+= 1
    }

    /// Appends a copied packet.
    public func write(_ packet: CapturedPacket) {
        packet.bytes.withUnsafeBytes { raw in
            write(raw, timestampNanoseconds: packet.timestampNanoseconds, wireLength: packet.wireLength)
        }
    }

    /// Pushes buffered packets to the file.
    public func flush() throws(PcapError) {
        guard let dumper else { return }
        guard pcap_dump_flush(dumper) == 0 else {
            throw PcapError(
                code: .flushDump, message: "cannot write \(path)",
                suggestion: "check the free space and permissions of the evidence directory")
        }
    }

    /// Flushes and closes the file; later writes are ignored. Closing twice is harmless.
    public func close() throws(PcapError) {
        guard let dumper else { return }
        defer {
            pcap_dump_close(dumper)
            self.dumper = nil
        }
        try flush()
    }
}

@available(*, unavailable, message: "a writer owns its pcap handles and stays on one thread")
extension PcapEvidenceWriter: Sendable {}
