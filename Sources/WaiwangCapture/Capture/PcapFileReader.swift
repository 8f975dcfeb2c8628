import CPcap

/// Reads a pcap or pcapng file, with nanosecond timestamps.
///
/// libpcap opens every file and reads pcapng, standard input and the rarer formats; the records of a
/// classic pcap file of Ethernet or bare IP frames are read in place by `PcapRecordReader`, with the
/// same results and errors, at a fraction of the cost (`readsRecordsInPlace` says which).
///
/// The reader owns its `pcap_t` and is used from one thread at a time (it is not `Sendable`).
/// `forEachPacket` lends each frame's bytes to a closure without copying or allocating.
public final class PcapFileReader {
    private let handle: OpaquePointer
    /// The read buffer of the stream libpcap reads, freed after `pcap_close` (nil for standard input).
    private let streamBuffer: UnsafeMutableRawPointer?
    /// The in-place reader of a classic pcap file's records, or nil when libpcap reads them.
    private var records: PcapRecordReader?
    /// The file that was opened.
    public let path: String
    /// The link type of the file's frames (for pcapng, of its first interface).
    public let linkType: LinkType
    /// The snap length the file was written with.
    public let snapshotLength: Int
    /// Packets read so far.
    public private(set) var packetsRead = 0

    /// Whether the records are read in place rather than through libpcap's `pcap_next_ex`.
    public var readsRecordsInPlace: Bool { records != nil }

    /// Opens `path` (pcap or pcapng); throws `PcapError` with code `.openOffline` when it cannot.
    /// `inPlace: false` keeps every record on libpcap's path (to compare the two).
    public init(path: String, inPlace: Bool = true) throws(PcapError) {
        // A file goes through a stream with a large buffer; standard input ("-"), and any file stdio or
        // libpcap refuses that way, through libpcap's own open, which also names what is wrong.
        if path != "-", let stream = PcapFileStream(path: path) {
            let opened = PcapLibrary.withErrorBuffer { errbuf in
                pcap_fopen_offline_with_tstamp_precision(stream.file, UInt32(PCAP_TSTAMP_PRECISION_NANO), errbuf)
            }
            if let handle = opened.result {
                self.handle = handle
                streamBuffer = stream.buffer
            } else {
                stream.close()
                handle = try Self.open(path)
                streamBuffer = nil
            }
        } else {
            handle = try Self.open(path)
            streamBuffer = nil
        }
        self.path = path
        self.linkType = LinkType(rawValue: pcap_datalink(handle))
        self.snapshotLength = Int(pcap_snapshot(handle))
        if inPlace, path != "-" {
            records = PcapRecordReader(path: path, linkType: linkType, snapshotLength: snapshotLength)
        }
    }

    deinit {
        records?.release()
        pcap_close(handle)
        streamBuffer?.deallocate()
    }

    /// `pcap_open_offline` with nanosecond timestamps; throws `.openOffline` with libpcap's reason.
    private static func open(_ path: String) throws(PcapError) -> OpaquePointer {
        let opened = PcapLibrary.withErrorBuffer { errbuf in
            pcap_open_offline_with_tstamp_precision(path, UInt32(PCAP_TSTAMP_PRECISION_NANO), errbuf)
        }
        guard let handle = opened.result else {
            throw PcapError(
                code: .openOffline, message: opened.message,
                suggestion: "check that \(path) exists, is readable, and is a pcap or pcapng capture")
        }
        return handle
    }

    /// Calls `body` for every remaining packet with the captured bytes (valid only during the
    /// call), the capture time in nanoseconds since the epoch, and the length on the wire.
    ///
    /// Throws `PcapError` (`.readPacket`) when the file is corrupt or cut short — after the
    /// packets before the damage were delivered — or whatever `body` throws.
    public func forEachPacket(
        _ body: (_ bytes: UnsafeRawBufferPointer, _ timestampNanoseconds: Int64, _ wireLength: Int) throws -> Void
    ) throws {
        try readPackets(body)
    }

    /// The read loop behind `forEachPacket` and `analyze`; inlined into each so that the per-packet
    /// closure is too (one module, no call through a closure context per packet).
    @inline(__always)
    private func readPackets(
        _ body: (_ bytes: UnsafeRawBufferPointer, _ timestampNanoseconds: Int64, _ wireLength: Int) throws -> Void
    ) throws {
        if var reader = records {
            // A local copy keeps the loop free of the class's exclusivity checks; its state goes back after.
            defer { records = reader }
            var count = packetsRead
            defer { packetsRead = count }
            while true {
                let next: PcapRecordReader.Record?
                do { next = try reader.next() } catch {
                    throw PcapError.damagedFile(error.message, path: path, after: count)
                }
                guard let record = next else { return }
                count &+= 1
                try body(record.bytes, record.timestampNanoseconds, record.wireLength)
            }
        }
        var header: UnsafeMutablePointer<pcap_pkthdr>?
        var data: UnsafePointer<UInt8>?
        while true {
            let status = pcap_next_ex(handle, &header, &data)
            if status == 1, let header, let data {
                packetsRead &+= 1
                let bytes = UnsafeRawBufferPointer(start: data, count: Int(header.pointee.caplen))
                let time = PcapTimestamp.nanoseconds(header.pointee.ts, fractionIsNano: true)
                try body(bytes, time, Int(header.pointee.len))
            } else if status == PCAP_ERROR_BREAK {
                return  // end of file
            } else if status == 0 {
                continue  // only live captures time out
            } else {
                throw PcapError.damagedFile(String(cString: pcap_geterr(handle)), path: path, after: packetsRead)
            }
        }
    }

    /// Runs `engine` over every remaining packet: decodes each with `decoder` (skipped frames are
    /// counted in `decoder.statistics`), processes those that decode with their borrowed bytes, and
    /// calls `events` with what the engine reports as soon as it reports it. `wireBytes` grows by
    /// every frame's length on the wire, decoded or not.
    ///
    /// The same work as a `forEachPacket` closure calling `decode`, `process` and `takeEvents`, done
    /// inside this module so that the whole per-packet path is compiled together: a caller's closure
    /// would copy the engine to ask `hasEvents` and reach every step through a call.
    ///
    /// Throws like `forEachPacket`, after the packets before the damage were processed (and
    /// `wireBytes` counts them), or whatever `events` throws. Does not call `engine.finish()`.
    public func analyze(
        decoder: inout PacketDecoder, engine: inout DetectionEngine, wireBytes: inout UInt64,
        events: ([DetectionEvent]) throws -> Void
    ) throws {
        try readPackets { bytes, time, wireLength in
            wireBytes &+= UInt64(truncatingIfNeeded: wireLength)
            guard let packet = decoder.decode(bytes, timestampNanoseconds: time, wireLength: wireLength)
            else { return }
            engine.process(packet, raw: bytes)
            if engine.hasEvents { try events(engine.takeEvents()) }
        }
    }

    /// Decodes every remaining packet with `decoder` and calls `body` with each packet that
    /// decodes, together with its borrowed bytes (for evidence); skipped frames are counted in
    /// `decoder.statistics`.
    public func forEachDecodedPacket(
        using decoder: inout PacketDecoder,
        _ body: (_ packet: DecodedPacket, _ bytes: UnsafeRawBufferPointer) throws -> Void
    ) throws {
        try forEachPacket { bytes, time, wireLength in
            if let packet = decoder.decode(bytes, timestampNanoseconds: time, wireLength: wireLength) {
                try body(packet, bytes)
            }
        }
    }

    /// A decoder for this file's link type.
    public func makeDecoder() -> PacketDecoder {
        PacketDecoder(linkType: linkType)
    }
}

extension PcapError {
    /// A capture file that cannot be read past packet `packets` (`.readPacket`), with the reason in `message`.
    static func damagedFile(_ message: String, path: String, after packets: Int) -> PcapError {
        PcapError(
            code: .readPacket, message: message,
            suggestion: "\(path) is damaged or cut short after packet \(packets); the packets before it were read")
    }
}

@available(*, unavailable, message: "a reader owns its pcap_t and stays on one thread")
extension PcapFileReader: Sendable {}
