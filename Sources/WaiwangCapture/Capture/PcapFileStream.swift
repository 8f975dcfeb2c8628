#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A capture file opened through stdio with a 256 KiB read buffer, for libpcap to read from
/// (`pcap_fopen_offline…`): libpcap reads each record with two `fread`s, and stdio's default buffer of
/// one file-system block (4 KiB) made that one `read` system call per 36 packets of a snaplen-128 capture.
///
/// The stream is libpcap's once it is handed over (`pcap_close` closes it); the buffer is not, and is
/// freed by the reader after `pcap_close`.
struct PcapFileStream {
    static let bufferSize = 256 << 10

    let file: UnsafeMutablePointer<FILE>
    let buffer: UnsafeMutableRawPointer

    /// Opens `path` for reading, or nil when stdio cannot (the caller then lets libpcap open it, which
    /// says why it cannot).
    init?(path: String) {
        guard let file = fopen(path, "rb") else { return nil }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: Self.bufferSize, alignment: 4096)
        guard setvbuf(file, buffer.assumingMemoryBound(to: CChar.self), _IOFBF, Self.bufferSize) == 0 else {
            fclose(file)
            buffer.deallocate()
            return nil
        }
        self.file = file
        self.buffer = buffer
    }

    /// Closes a stream libpcap did not take.
    func close() {
        fclose(file)
        buffer.deallocate()
    }
}
