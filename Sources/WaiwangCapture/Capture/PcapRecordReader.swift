#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads the records of a classic pcap file (version 2.4, either byte order, micro- or nanosecond
/// times) in place from a large buffer filled by `read(2)`, for `PcapFileReader`: libpcap reads each
/// record with two `fread`s into its own buffer, which was a fifth of `analyze`'s time; here a record
/// costs a few loads and one bounds check, and the packet's bytes are lent straight from the buffer.
///
/// libpcap still opens the file (it checks the header and says what is wrong with a foreign one) and
/// reads everything this reader does not take: pcapng, other pcap versions and magic numbers, and link
/// types with a pseudo-header libpcap byte-swaps (SLL, USB, NFLOG …). The records are treated as
/// libpcap treats them — a record longer than the snap length is cut to it, one longer than libpcap's
/// maximum (256 KiB) or cut short by the end of the file is an error with libpcap's wording.
///
/// A copyable state over a buffer and a file it owns: a copy is only taken to run a read loop on a local
/// variable and is stored back after it; the owner calls `release()` once.
struct PcapRecordReader {
    /// One record: the bytes (valid until the next call to `next`), its time and its length on the wire.
    struct Record {
        let bytes: UnsafeRawBufferPointer
        let timestampNanoseconds: Int64
        let wireLength: Int
    }

    /// Why the file cannot be read further, in libpcap's words; the owner names the file and the packet.
    struct Damage: Error {
        let message: String
    }

    /// libpcap's `MAXIMUM_SNAPLEN`, its largest sane record for the link types read here.
    static let maximumCaptureLength = 262_144
    static let fileHeaderLength = 24
    static let recordHeaderLength = 16
    static let defaultBufferSize = 1 << 20

    private let descriptor: Int32
    private let buffer: UnsafeMutableRawPointer
    private let capacity: Int
    private let swapped: Bool
    private let nanosecondFractions: Bool
    private let snapshotLength: Int
    /// The first unread byte of the buffer and the end of what it holds.
    private var start = 0
    private var end = 0
    private var reachedEndOfFile = false

    /// Opens `path` for in-place reading when its header is one this reader takes, positioned after
    /// the header; nil otherwise (the caller keeps libpcap's reading). `snapshotLength` is the one
    /// libpcap settled on for the file (`pcap_snapshot`), which records are cut to as libpcap cuts them.
    init?(path: String, linkType: LinkType, snapshotLength: Int, bufferSize: Int = defaultBufferSize) {
        guard Self.hasNoPseudoHeader(linkType), snapshotLength > 0 else { return nil }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        // Regular files only: a pipe or a device (/dev/stdin, /dev/fd/N) is libpcap's, which has already
        // read its header from it.
        var status = stat()
        var header = [UInt8](repeating: 0, count: Self.fileHeaderLength)
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
            header.withUnsafeMutableBytes({ pread(descriptor, $0.baseAddress, $0.count, 0) }) == Self.fileHeaderLength,
            let format = Self.format(of: header),
            lseek(descriptor, off_t(Self.fileHeaderLength), SEEK_SET) == off_t(Self.fileHeaderLength)
        else {
            close(descriptor)
            return nil
        }
        posix_fadvise(descriptor, 0, 0, POSIX_FADV_SEQUENTIAL)
        let capacity = max(bufferSize, Self.recordHeaderLength + Self.maximumCaptureLength)
        self.descriptor = descriptor
        self.buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 4096)
        self.capacity = capacity
        self.swapped = format.swapped
        self.nanosecondFractions = format.nanosecondFractions
        self.snapshotLength = snapshotLength
    }

    /// Frees the buffer and closes the file; called once by the owner.
    func release() {
        close(descriptor)
        buffer.deallocate()
    }

    /// Ethernet and bare IP frames: libpcap hands them over exactly as written, in either byte order.
    private static func hasNoPseudoHeader(_ linkType: LinkType) -> Bool {
        switch Framing(linkType) {
        case .ethernet, .rawIP: true
        case .linuxSLL, .linuxSLL2, .unsupported: false
        }
    }

    /// The byte order and time unit of a version 2.4 classic pcap header, or nil for anything else.
    static func format(of header: [UInt8]) -> (swapped: Bool, nanosecondFractions: Bool)? {
        guard header.count >= fileHeaderLength else { return nil }
        let magic = header.withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }
        let (swapped, nano): (Bool, Bool)
        switch magic {
        case 0xA1B2_C3D4: (swapped, nano) = (false, false)
        case 0xA1B2_3C4D: (swapped, nano) = (false, true)
        case 0xD4C3_B2A1: (swapped, nano) = (true, false)
        case 0x4D3C_B2A1: (swapped, nano) = (true, true)
        default: return nil
        }
        let (major, minor) = header.withUnsafeBytes {
            ($0.loadUnaligned(fromByteOffset: 4, as: UInt16.self), $0.loadUnaligned(fromByteOffset: 6, as: UInt16.self))
        }
        let version = swapped ? (major.byteSwapped, minor.byteSwapped) : (major, minor)
        guard version == (2, 4) else { return nil }
        return (swapped, nano)
    }

    /// The next record, or nil at the end of the file. Throws for a record cut short, an absurd capture
    /// length, or a failing read; the records before were all delivered.
    @inline(__always)
    mutating func next() throws(Damage) -> Record? {
        if end - start < Self.recordHeaderLength {
            try fill(Self.recordHeaderLength)
            let available = end - start
            if available == 0 { return nil }
            if available < Self.recordHeaderLength {
                throw Damage(
                    message: "truncated dump file; tried to read \(Self.recordHeaderLength) header bytes, "
                        + "only got \(available)")
            }
        }
        let header = UnsafeRawPointer(buffer + start)
        var seconds = header.loadUnaligned(as: UInt32.self)
        var fraction = header.loadUnaligned(fromByteOffset: 4, as: UInt32.self)
        var captured = header.loadUnaligned(fromByteOffset: 8, as: UInt32.self)
        var wire = header.loadUnaligned(fromByteOffset: 12, as: UInt32.self)
        if swapped {
            seconds = seconds.byteSwapped
            fraction = fraction.byteSwapped
            captured = captured.byteSwapped
            wire = wire.byteSwapped
        }
        let capturedLength = Int(captured)
        if capturedLength > Self.maximumCaptureLength {
            throw Damage(
                message: capturedLength > snapshotLength
                    ? "invalid packet capture length \(captured), bigger than snaplen of \(snapshotLength)"
                    : "invalid packet capture length \(captured), bigger than maximum of \(Self.maximumCaptureLength)")
        }
        let recordLength = Self.recordHeaderLength + capturedLength
        if end - start < recordLength {
            try fill(recordLength)
            let available = end - start - Self.recordHeaderLength
            if available < capturedLength {
                // libpcap first reads up to the snap length, then discards the rest of a longer record.
                let wanted = available < snapshotLength ? min(capturedLength, snapshotLength) : capturedLength
                throw Damage(
                    message: "truncated dump file; tried to read \(wanted) captured bytes, only got \(available)")
            }
        }
        let bytes = UnsafeRawBufferPointer(
            start: buffer + start + Self.recordHeaderLength, count: min(capturedLength, snapshotLength))
        start &+= recordLength
        // As libpcap 1.10 reads the times: signed 32-bit fields, except that its byte swap makes a swapped file's
        // unsigned; microseconds are scaled up as it scales them.
        let secondsValue = swapped ? Int(seconds) : Int(Int32(bitPattern: seconds))
        let fractionValue = swapped ? Int(fraction) : Int(Int32(bitPattern: fraction))
        let time = timeval(tv_sec: secondsValue, tv_usec: nanosecondFractions ? fractionValue : fractionValue &* 1000)
        return Record(
            bytes: bytes, timestampNanoseconds: PcapTimestamp.nanoseconds(time, fractionIsNano: true),
            wireLength: Int(wire))
    }

    /// Moves what is left to the front of the buffer and reads until it holds `needed` bytes or the
    /// file ends.
    private mutating func fill(_ needed: Int) throws(Damage) {
        if start > 0 {
            let left = end - start
            if left > 0 { buffer.copyMemory(from: buffer + start, byteCount: left) }
            start = 0
            end = left
        }
        while end < needed, !reachedEndOfFile {
            let count = read(descriptor, buffer + end, capacity - end)
            if count > 0 {
                end += count
            } else if count == 0 {
                reachedEndOfFile = true
            } else if errno != EINTR {
                throw Damage(message: "error reading dump file: \(String(cString: strerror(errno)))")
            }
        }
    }
}
