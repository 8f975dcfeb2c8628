import CNetSNMP

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The raw net-snmp calls of trap reception: a server transport (`netsnmp_transport_open_server`) added as a
/// single session (`snmp_sess_add`) whose callback gets every parsed PDU.
///
/// Not `Sendable`: opened by ``TrapListener`` and then owned by its reading thread alone, which reads with
/// ``readWaiting()`` and closes it with ``close()``. The C callbacks reach the Swift side through
/// `callback_magic`, a pointer to this object, which outlives the session.
final class NetSNMPTrapSession {
    private var handle: UnsafeMutableRawPointer?
    /// The UDP socket net-snmp reads; -1 once closed.
    private(set) var socket: Int32 = -1
    /// The local port the socket is bound to.
    private(set) var port: UInt16 = 0
    private let sink: TrapSink

    /// Opens `address` (`udp:HOST:PORT`, `udp6:[ADDRESS]:PORT`) for reading notifications into `sink`.
    init(address: String, sink: TrapSink) throws(SNMPError) {
        SNMPLibrary.initialize()
        self.sink = sink
        guard let transport = netsnmp_transport_open_server(SNMPLibrary.applicationName, address) else {
            throw SNMPError(
                code: .transport,
                message: "cannot listen on \(address): \(String(cString: strerror(errno))) (in use, or not local?)")
        }
        var session = netsnmp_session()
        snmp_sess_init(&session)
        session.peername = nil
        // SNMP_DEFAULT_VERSION: take v1 and v2c alike; the community is judged in Swift.
        session.version = Int(SNMP_DEFAULT_VERSION)
        session.community_len = Int(SNMP_DEFAULT_COMMUNITY_LEN)
        session.retries = 0
        session.timeout = Int(SNMP_DEFAULT_TIMEOUT)
        session.isAuthoritative = u_char(SNMP_SESS_UNKNOWNAUTH)
        session.callback = { op, _, _, pdu, magic in
            guard op == NETSNMP_CALLBACK_OP_RECEIVED_MESSAGE, let pdu, let magic else { return 1 }
            Unmanaged<NetSNMPTrapSession>.fromOpaque(magic).takeUnretainedValue().received(pdu)
            return 1
        }
        session.callback_magic = Unmanaged.passUnretained(self).toOpaque()
        // Called for every datagram before parsing, and after with the parse result: the only place a datagram
        // net-snmp cannot parse is seen at all.
        let preParse:
            @convention(c) (
                UnsafeMutablePointer<netsnmp_session>?, UnsafeMutablePointer<netsnmp_transport>?,
                UnsafeMutableRawPointer?,
                Int32
            ) -> Int32 = { session, _, _, _ in
                if let magic = session?.pointee.callback_magic {
                    Unmanaged<NetSNMPTrapSession>.fromOpaque(magic).takeUnretainedValue().sink.count(\.received)
                }
                return 1
            }
        let postParse:
            @convention(c) (UnsafeMutablePointer<netsnmp_session>?, UnsafeMutablePointer<netsnmp_pdu>?, Int32)
                -> Int32 = { session, _, result in
                    if result != 0, let magic = session?.pointee.callback_magic {
                        Unmanaged<NetSNMPTrapSession>.fromOpaque(magic).takeUnretainedValue().sink.count(\.malformed)
                    }
                    return 1
                }
        // Takes ownership of the transport, also on failure.
        guard let opened = snmp_sess_add(&session, transport, preParse, postParse) else {
            throw SNMPError(
                code: .transport,
                message: "snmp_sess_add failed: \(NetSNMPSession.libraryMessage(session.s_snmp_errno))")
        }
        handle = opened
        socket = snmp_sess_transport(opened)?.pointee.sock ?? -1
        port = Self.localPort(socket)
    }

    deinit { close() }

    /// Reads the datagram waiting on the socket: net-snmp parses it and calls back (on this thread).
    func readWaiting() {
        guard let handle, socket >= 0, socket < Int32(FD_SETSIZE) else { return }
        var readable = fd_set()
        withUnsafeMutableBytes(of: &readable) { raw in
            raw.initializeMemory(as: UInt8.self, repeating: 0)
            let word = MemoryLayout<Int>.size * 8
            let words = raw.bindMemory(to: Int.self)
            words[Int(socket) / word] |= 1 << (Int(socket) % word)
        }
        _ = snmp_sess_read(handle, &readable)
    }

    /// Closes the session and its socket.
    func close() {
        if let handle { snmp_sess_close(handle) }
        handle = nil
        socket = -1
    }

    /// One parsed PDU: converted, answered if an inform, judged and handed to the sink.
    private func received(_ pdu: UnsafeMutablePointer<netsnmp_pdu>) {
        let notification = Self.convert(pdu.pointee)
        let outcome = notification.decode(communities: sink.communities)
        if case .success(let event) = outcome, event.isInform { reply(to: pdu) }
        sink.deliver(outcome)
    }

    /// Answers an inform with a response carrying the same varbinds (RFC 3416 §4.2.7).
    private func reply(to pdu: UnsafeMutablePointer<netsnmp_pdu>) {
        guard let handle, let response = snmp_clone_pdu(pdu) else { return }
        response.pointee.command = waiwang_SNMP_MSG_RESPONSE
        response.pointee.errstat = 0
        response.pointee.errindex = 0
        if snmp_sess_send(handle, response) == 0 { snmp_free_pdu(response) }
    }

    static func convert(_ pdu: netsnmp_pdu) -> ReceivedNotification {
        let kind: ReceivedNotification.PDUKind =
            switch pdu.command {
            case waiwang_SNMP_MSG_TRAP: .v1Trap
            case waiwang_SNMP_MSG_TRAP2: .v2Trap
            case waiwang_SNMP_MSG_INFORM: .inform
            default: .other
            }
        let version: SNMPTarget.Version? =
            switch pdu.version {
            case Int(SNMP_VERSION_1): .v1
            case Int(SNMP_VERSION_2c): .v2c
            case Int(SNMP_VERSION_3): .v3
            default: nil
            }
        var community: [UInt8] = []
        if let bytes = pdu.community, pdu.community_len > 0, pdu.community_len <= 4096 {
            community = Array(UnsafeBufferPointer(start: bytes, count: pdu.community_len))
        }
        var bindings: [VarBind] = []
        var cursor = pdu.variables
        var malformedNames = 0
        while let variable = cursor, bindings.count + malformedNames < 1024 {
            if let binding = try? NetSNMPSession.decode(variable.pointee) {
                bindings.append(binding)
            } else {
                malformedNames += 1
            }
            cursor = variable.pointee.next_variable
        }
        let (address, port) = source(pdu)
        var notification = ReceivedNotification(
            kind: kind, version: version, community: community, sourceAddress: address, sourcePort: port,
            varBinds: bindings)
        notification.hasUndecodableVarBind = malformedNames > 0
        if kind == .v1Trap {
            if let enterprise = pdu.enterprise, pdu.enterprise_length > 0, pdu.enterprise_length <= OID.maximumLength {
                let arcs = (0..<pdu.enterprise_length).compactMap { UInt32(exactly: enterprise[$0]) }
                notification.enterprise = arcs.count == pdu.enterprise_length ? OID(components: arcs) : nil
            }
            notification.genericTrap = Int(pdu.trap_type)
            notification.specificTrap = Int(pdu.specific_type)
            notification.v1AgentAddress = pdu.agent_addr
            notification.v1TimeStamp = UInt32(truncatingIfNeeded: pdu.time)
        }
        return notification
    }

    /// The UDP source of a received PDU from the address pair net-snmp's UDP transports keep in
    /// `transport_data` (its first member is the remote `sockaddr`).
    private static func source(_ pdu: netsnmp_pdu) -> (String, UInt16) {
        guard let data = pdu.transport_data, Int(pdu.transport_data_length) >= MemoryLayout<sockaddr_in>.size else {
            return ("", 0)
        }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let family = Int32(data.loadUnaligned(fromByteOffset: 0, as: sockaddr.self).sa_family)
        if family == AF_INET {
            var address = data.loadUnaligned(as: sockaddr_in.self)
            guard inet_ntop(AF_INET, &address.sin_addr, &text, socklen_t(text.count)) != nil else { return ("", 0) }
            return (
                String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self),
                UInt16(bigEndian: address.sin_port)
            )
        }
        if family == AF_INET6, Int(pdu.transport_data_length) >= MemoryLayout<sockaddr_in6>.size {
            var address = data.loadUnaligned(as: sockaddr_in6.self)
            guard inet_ntop(AF_INET6, &address.sin6_addr, &text, socklen_t(text.count)) != nil else { return ("", 0) }
            return (
                String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self),
                UInt16(bigEndian: address.sin6_port)
            )
        }
        return ("", 0)
    }

    private static func localPort(_ socket: Int32) -> UInt16 {
        guard socket >= 0 else { return 0 }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let ok = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) == 0 }
        }
        guard ok else { return 0 }
        return withUnsafeBytes(of: storage) { raw in
            switch Int32(storage.ss_family) {
            case AF_INET: UInt16(bigEndian: raw.loadUnaligned(as: sockaddr_in.self).sin_port)
            case AF_INET6: UInt16(bigEndian: raw.loadUnaligned(as: sockaddr_in6.self).sin6_port)
            default: 0
            }
        }
    }
}
