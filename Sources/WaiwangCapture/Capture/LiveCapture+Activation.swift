import CPcap

/// Configuring, activating and filtering a fresh `pcap_t`.
extension LiveCapture {
    /// Sets the options and activates; returns whether timestamps are in nanoseconds and any
    /// warning libpcap gave.
    static func activate(_ handle: OpaquePointer, _ configuration: LiveCaptureConfiguration) throws(PcapError)
        -> (fractionIsNano: Bool, warning: String?)
    {
        func check(_ status: Int32, _ option: String) throws(PcapError) {
            guard status == 0 else {
                throw PcapError(
                    code: .configure, message: "\(option): \(String(cString: pcap_statustostr(status)))",
                    suggestion: "the capture was already active; this is a bug")
            }
        }
        try check(pcap_set_snaplen(handle, Int32(clamping: max(configuration.snapshotLength, 64))), "snap length")
        try check(pcap_set_promisc(handle, configuration.promiscuous ? 1 : 0), "promiscuous mode")
        try check(pcap_set_timeout(handle, Int32(clamping: max(configuration.readTimeoutMilliseconds, 1))), "timeout")
        try check(pcap_set_buffer_size(handle, Int32(clamping: configuration.bufferSize)), "buffer size")
        try check(pcap_set_immediate_mode(handle, configuration.immediateMode ? 1 : 0), "immediate mode")
        let nano = pcap_set_tstamp_precision(handle, Int32(PCAP_TSTAMP_PRECISION_NANO)) == 0

        let status = pcap_activate(handle)
        if status < 0 {
            let detail = String(cString: pcap_geterr(handle))
            throw PcapError(
                code: .activate, message: detail.isEmpty ? String(cString: pcap_statustostr(status)) : detail,
                suggestion: activationAdvice(status, configuration.interface))
        }
        let warning = status > 0 ? String(cString: pcap_statustostr(status)) : nil
        return (nano, warning)
    }

    /// What to do about a failed `pcap_activate`.
    static func activationAdvice(_ status: Int32, _ interface: String) -> String {
        switch status {
        case PCAP_ERROR_PERM_DENIED, PCAP_ERROR_PROMISC_PERM_DENIED:
            "run as root, or give the binary CAP_NET_RAW and CAP_NET_ADMIN (setcap or the systemd unit)"
        case PCAP_ERROR_NO_SUCH_DEVICE:
            "there is no interface \(interface): check `ip link` and the agent's configuration"
        case PCAP_ERROR_IFACE_NOT_UP:
            "bring \(interface) up (`ip link set \(interface) up`)"
        case PCAP_ERROR_RFMON_NOTSUP:
            "monitor mode is not supported on \(interface)"
        default:
            "check the interface \(interface) and the buffer size"
        }
    }

    /// Compiles `filter` and installs it.
    static func install(filter: String, on handle: OpaquePointer) throws(PcapError) {
        var program = bpf_program()
        guard pcap_compile(handle, &program, filter, 1, PCAP_NETMASK_UNKNOWN) == 0 else {
            throw PcapError(
                code: .compileFilter, message: String(cString: pcap_geterr(handle)),
                suggestion: "fix the BPF filter \"\(filter)\" (tcpdump syntax; `tcpdump -d '…'` checks one)")
        }
        defer { pcap_freecode(&program) }
        guard pcap_setfilter(handle, &program) == 0 else {
            throw PcapError(
                code: .setFilter, message: String(cString: pcap_geterr(handle)),
                suggestion: "the kernel refused the filter; try a simpler expression")
        }
    }
}
