import CPcap

/// The process-wide libpcap library: version and the capture devices it can see.
public enum PcapLibrary {
    /// libpcap's own version string, for example `libpcap version 1.10.3 (with TPACKET_V3)`.
    public static var version: String {
        String(cString: pcap_lib_version())
    }

    /// The names of the devices libpcap can capture on (on Linux this includes `any` and `lo`).
    ///
    /// Unprivileged callers see the devices too; opening one for capture is what needs
    /// `CAP_NET_RAW`.
    public static func interfaceNames() throws(PcapError) -> [String] {
        var devices: UnsafeMutablePointer<pcap_if_t>?
        let status = withErrorBuffer { errbuf in pcap_findalldevs(&devices, errbuf) }
        guard status.result == 0 else {
            throw PcapError(code: .findAllDevices, message: status.message)
        }
        guard let first = devices else { return [] }
        defer { pcap_freealldevs(first) }

        var names: [String] = []
        var device: UnsafeMutablePointer<pcap_if_t>? = first
        while let current = device {
            names.append(String(cString: current.pointee.name))
            device = current.pointee.next
        }
        return names
    }

    /// Calls `body` with a zeroed libpcap error buffer of `PCAP_ERRBUF_SIZE` bytes and returns
    /// its result together with the message libpcap left in the buffer.
    static func withErrorBuffer<Result>(
        _ body: (UnsafeMutablePointer<CChar>) -> Result
    ) -> (result: Result, message: String) {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: Int(PCAP_ERRBUF_SIZE)) { buffer in
            let errbuf = buffer.baseAddress!
            buffer.initialize(repeating: 0)
            let result = body(errbuf)
            errbuf[buffer.count - 1] = 0
            return (result, String(cString: errbuf))
        }
    }
}
