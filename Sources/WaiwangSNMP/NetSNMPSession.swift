import CNetSNMP

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// net-snmp's `oid`, one arc of an object identifier (an `unsigned long` on Debian's build).
typealias NetSNMPArc = CNetSNMP.oid

/// The raw net-snmp calls: one `snmp_sess_open` handle, requests, and value conversion.
///
/// Not thread-safe and not `Sendable`: ``SNMPSession`` keeps it in a `Mutex` and calls it only from its own serial
/// queue. Every C type is converted here; nothing of net-snmp leaves this file.
final class NetSNMPSession {
    /// The opaque handle from `snmp_sess_open`; closed in `deinit`.
    private let handle: UnsafeMutableRawPointer
    let version: SNMPTarget.Version

    /// The kinds of request this file knows how to build.
    enum Request {
        case get, getNext, set
        case getBulk(nonRepeaters: Int, maxRepetitions: Int)
    }

    init(target: SNMPTarget) throws(SNMPError) {
        SNMPLibrary.initialize()
        version = target.version
        var session = netsnmp_session()
        snmp_sess_init(&session)
        var owned: [UnsafeMutablePointer<CChar>] = []
        defer { for copy in owned { free(copy) } }
        func keep(_ text: String) -> UnsafeMutablePointer<CChar> {
            let copy = strdup(text)!
            owned.append(copy)
            return copy
        }
        session.peername = keep(target.address)
        let micros =
            target.timeout.components.seconds * 1_000_000 + target.timeout.components.attoseconds / 1_000_000_000_000
        session.timeout = Int(clamping: max(micros, 1))
        session.retries = Int32(clamping: target.retries)
        switch target.credentials {
        case .v1(let community), .v2c(let community):
            session.version = target.version == .v1 ? Int(SNMP_VERSION_1) : Int(SNMP_VERSION_2c)
            let copy = keep(community)
            session.community = UnsafeMutableRawPointer(copy).assumingMemoryBound(to: u_char.self)
            session.community_len = community.utf8.count
        case .v3(let user):
            let auth: Int32 =
                switch user.authProtocol {
                case nil: 0
                case .sha: 1
                case .sha256: 2
                }
            let priv: Int32 =
                switch user.privProtocol {
                case nil: 0
                case .aes128: 1
                case .aes256: 2
                }
            let status = waiwang_session_set_usm(
                &session, keep(user.name), auth, keep(user.authPassphrase), priv, keep(user.privPassphrase))
            guard status == SNMPERR_SUCCESS else {
                throw SNMPError(code: .invalidTarget, message: Self.libraryMessage(status))
            }
        }
        guard let opened = snmp_sess_open(&session) else {
            var libcError: Int32 = 0
            var snmpError: Int32 = 0
            var text: UnsafeMutablePointer<CChar>?
            snmp_error(&session, &libcError, &snmpError, &text)
            defer { free(text) }
            let message = text.map { String(cString: $0) } ?? "snmp_sess_open failed"
            throw SNMPError(code: Self.code(forLibraryError: snmpError, fallback: .transport), message: message)
        }
        handle = opened
    }

    deinit {
        snmp_sess_close(handle)
    }

    /// Sends one request and waits for its answer (at most timeout × (retries + 1)).
    ///
    /// Throws an agent error-status as an ``SNMPError`` naming the blamed OID.
    func send(_ request: Request, _ bindings: [(OID, SNMPValue?)]) throws(SNMPError) -> [VarBind] {
        let command: Int32
        switch request {
        case .get: command = waiwang_SNMP_MSG_GET
        case .getNext: command = waiwang_SNMP_MSG_GETNEXT
        case .set: command = waiwang_SNMP_MSG_SET
        case .getBulk:
            guard version != .v1 else {
                throw SNMPError(code: .protocol, message: "GETBULK does not exist in SNMPv1")
            }
            command = waiwang_SNMP_MSG_GETBULK
        }
        guard let pdu = snmp_pdu_create(command) else {
            throw SNMPError(code: .protocol, message: "snmp_pdu_create failed")
        }
        if case .getBulk(let nonRepeaters, let maxRepetitions) = request {
            waiwang_pdu_set_non_repeaters(pdu, Int(nonRepeaters))
            waiwang_pdu_set_max_repetitions(pdu, Int(maxRepetitions))
        }
        for (oid, value) in bindings {
            do throws(SNMPError) {
                try Self.add(oid, value, to: pdu)
            } catch {
                snmp_free_pdu(pdu)
                throw error
            }
        }
        var response: UnsafeMutablePointer<netsnmp_pdu>?
        // Takes ownership of `pdu`, whatever the outcome.
        let status = snmp_sess_synch_response(handle, pdu, &response)
        defer { if let response { snmp_free_pdu(response) } }
        guard status == STAT_SUCCESS, let response else {
            throw sessionError(timedOut: status == STAT_TIMEOUT)
        }
        let errorStatus = Int(response.pointee.errstat)
        if errorStatus != Int(SNMP_ERR_NOERROR) {
            let index = Int(response.pointee.errindex)
            let blamed = index >= 1 && index <= bindings.count ? bindings[index - 1].0 : nil
            let text = String(cString: snmp_errstring(Int32(clamping: errorStatus)))
            throw SNMPError(code: SNMPError.Code(errorStatus: errorStatus) ?? .protocol, message: text, oid: blamed)
        }
        var result: [VarBind] = []
        var cursor = response.pointee.variables
        while let variable = cursor {
            result.append(try Self.decode(variable.pointee))
            cursor = variable.pointee.next_variable
        }
        return result
    }

    private func sessionError(timedOut: Bool) -> SNMPError {
        var libcError: Int32 = 0
        var snmpError: Int32 = 0
        var text: UnsafeMutablePointer<CChar>?
        snmp_sess_error(handle, &libcError, &snmpError, &text)
        defer { free(text) }
        let message = text.map { String(cString: $0) } ?? ""
        if timedOut { return SNMPError(code: .timeout, message: message.isEmpty ? "Timeout" : message) }
        return SNMPError(code: Self.code(forLibraryError: snmpError, fallback: .protocol), message: message)
    }

    static func code(forLibraryError error: Int32, fallback: SNMPError.Code) -> SNMPError.Code {
        switch error {
        case SNMPERR_TIMEOUT: .timeout
        case SNMPERR_AUTHENTICATION_FAILURE, SNMPERR_USM_AUTHENTICATIONFAILURE, SNMPERR_UNKNOWN_USER_NAME,
            SNMPERR_USM_UNKNOWNSECURITYNAME, SNMPERR_UNSUPPORTED_SEC_LEVEL, SNMPERR_USM_UNSUPPORTEDSECURITYLEVEL,
            SNMPERR_DECRYPTION_ERR, SNMPERR_USM_DECRYPTIONERROR, SNMPERR_BAD_SEC_NAME, SNMPERR_BAD_SEC_LEVEL,
            SNMPERR_NOT_IN_TIME_WINDOW, SNMPERR_USM_NOTINTIMEWINDOW, SNMPERR_USM_ENCRYPTIONERROR:
            .authentication
        case SNMPERR_BAD_ADDRESS, SNMPERR_BAD_SENDTO, SNMPERR_BAD_RECVFROM, SNMPERR_NO_SOCKET, SNMPERR_BAD_LOCPORT,
            SNMPERR_TRANSPORT_NO_CONFIG, SNMPERR_TRANSPORT_CONFIG_ERROR:
            .transport
        case SNMPERR_ASN_PARSE_ERR, SNMPERR_BAD_PARSE, SNMPERR_USM_PARSEERROR, SNMPERR_INVALID_MSG: .malformed
        default: fallback
        }
    }

    static func libraryMessage(_ error: Int32) -> String {
        String(cString: snmp_api_errstring(error))
    }

    // MARK: Values, Swift → C

    private static func add(_ oid: OID, _ value: SNMPValue?, to pdu: UnsafeMutablePointer<netsnmp_pdu>)
        throws(SNMPError)
    {
        let name = oid.components.map { NetSNMPArc($0) }
        let added: UnsafeMutablePointer<netsnmp_variable_list>? =
            name.withUnsafeBufferPointer { name in
                func put(_ type: UInt32, _ bytes: UnsafeRawBufferPointer) -> UnsafeMutablePointer<
                    netsnmp_variable_list
                >? {
                    snmp_pdu_add_variable(
                        pdu, name.baseAddress, name.count, u_char(type), bytes.baseAddress, bytes.count)
                }
                switch value {
                case nil:
                    return snmp_add_null_var(pdu, name.baseAddress, name.count)
                case .integer(let v):
                    return withUnsafeBytes(of: CLong(v)) { put(ASN_INTEGER, $0) }
                case .gauge32(let v):
                    return withUnsafeBytes(of: CUnsignedLong(v)) { put(ASN_GAUGE, $0) }
                case .counter32(let v):
                    return withUnsafeBytes(of: CUnsignedLong(v)) { put(ASN_COUNTER, $0) }
                case .timeticks(let v):
                    return withUnsafeBytes(of: CUnsignedLong(v)) { put(ASN_TIMETICKS, $0) }
                case .counter64(let v):
                    let c64 = counter64(high: CUnsignedLong(v >> 32), low: CUnsignedLong(v & 0xFFFF_FFFF))
                    return withUnsafeBytes(of: c64) { put(ASN_COUNTER64, $0) }
                case .octetString(let bytes):
                    return bytes.withUnsafeBytes { put(ASN_OCTET_STR, $0) }
                case .opaque(let bytes):
                    return bytes.withUnsafeBytes { put(ASN_OPAQUE, $0) }
                case .objectIdentifier(let value):
                    return value.components.map { NetSNMPArc($0) }.withUnsafeBytes { put(ASN_OBJECT_ID, $0) }
                case .ipAddress(let a, let b, let c, let d):
                    return [a, b, c, d].withUnsafeBytes { put(ASN_IPADDRESS, $0) }
                case .null:
                    return put(ASN_NULL, UnsafeRawBufferPointer(start: nil, count: 0))
                case .noSuchObject, .noSuchInstance, .endOfMibView, .malformed:
                    return nil
                }
            }
        guard added != nil else {
            throw SNMPError(
                code: .badValue, message: "cannot send \(value.map(String.init(describing:)) ?? "NULL")", oid: oid)
        }
    }

    // MARK: Values, C → Swift

    /// Converts one received varbind, checking each length against its type: a hostile or
    /// broken agent yields `.malformed`, never a read past the buffer.
    static func decode(_ variable: netsnmp_variable_list) throws(SNMPError) -> VarBind {
        guard let namePointer = variable.name, variable.name_length > 0, variable.name_length <= OID.maximumLength
        else {
            throw SNMPError(code: .malformed, message: "a varbind without a usable OID")
        }
        var components: [UInt32] = []
        components.reserveCapacity(variable.name_length)
        for index in 0..<variable.name_length {
            guard let arc = UInt32(exactly: namePointer[index]) else {
                throw SNMPError(code: .malformed, message: "an OID arc above 2³²−1")
            }
            components.append(arc)
        }
        let oid = OID(unchecked: components)
        return VarBind(oid: oid, value: decodeValue(variable))
    }

    private static func decodeValue(_ variable: netsnmp_variable_list) -> SNMPValue {
        let raw = UnsafeRawPointer(variable.val.string)
        let bytes = UnsafeRawBufferPointer(start: raw, count: raw == nil ? 0 : variable.val_len)
        return decodeValue(type: variable.type, bytes: bytes, claimedLength: variable.val_len)
    }

    /// Converts a value as net-snmp stores it (`val.string`/`val_len`): integers as a C long,
    /// 32-bit unsigned types as a C unsigned long, Counter64 as two unsigned longs, an OID as
    /// `oid` arcs. `claimedLength` is net-snmp's `val_len`; with no buffer, only 0 is trusted.
    static func decodeValue(type: UInt8, bytes buffer: UnsafeRawBufferPointer, claimedLength: Int) -> SNMPValue {
        guard claimedLength >= 0, claimedLength == 0 || (buffer.baseAddress != nil && buffer.count >= claimedLength)
        else {
            return .malformed(type: type, reason: "truncated: \(claimedLength) bytes claimed, \(buffer.count) present")
        }
        let length = claimedLength
        let raw = buffer.baseAddress
        func bytes() -> [UInt8] {
            guard length > 0, let raw else { return [] }
            return Array(UnsafeRawBufferPointer(start: raw, count: length))
        }
        func long() -> CLong? {
            guard length == MemoryLayout<CLong>.size, let raw else { return nil }
            return raw.loadUnaligned(as: CLong.self)
        }
        func unsigned32() -> UInt32? {
            guard length == MemoryLayout<CUnsignedLong>.size, let raw else { return nil }
            return UInt32(exactly: raw.loadUnaligned(as: CUnsignedLong.self))
        }
        func malformed(_ reason: String) -> SNMPValue { .malformed(type: type, reason: reason) }

        switch UInt32(type) {
        case ASN_INTEGER:
            guard let v = long() else { return malformed("INTEGER of \(length) bytes") }
            return .integer(Int64(v))
        case ASN_GAUGE, ASN_UINTEGER:
            guard let v = unsigned32() else { return malformed("Gauge32 of \(length) bytes or out of range") }
            return .gauge32(v)
        case ASN_COUNTER:
            guard let v = unsigned32() else { return malformed("Counter32 of \(length) bytes or out of range") }
            return .counter32(v)
        case ASN_TIMETICKS:
            guard let v = unsigned32() else { return malformed("TimeTicks of \(length) bytes or out of range") }
            return .timeticks(v)
        case ASN_COUNTER64:
            guard length == MemoryLayout<counter64>.size, let raw else {
                return malformed("Counter64 of \(length) bytes")
            }
            let c = raw.loadUnaligned(as: counter64.self)
            guard let high = UInt32(exactly: c.high), let low = UInt32(exactly: c.low) else {
                return malformed("Counter64 halves out of range")
            }
            return .counter64(UInt64(high) << 32 | UInt64(low))
        case ASN_OCTET_STR, ASN_BIT_STR:
            return .octetString(bytes())
        case ASN_OPAQUE:
            return .opaque(bytes())
        case ASN_IPADDRESS:
            let b = bytes()
            guard b.count == 4 else { return malformed("IpAddress of \(length) bytes") }
            return .ipAddress(b[0], b[1], b[2], b[3])
        case ASN_OBJECT_ID:
            let width = MemoryLayout<NetSNMPArc>.size
            guard length % width == 0, length / width <= OID.maximumLength, let raw else {
                return malformed("OBJECT IDENTIFIER of \(length) bytes")
            }
            var arcs: [UInt32] = []
            for index in 0..<(length / width) {
                guard let arc = UInt32(exactly: raw.loadUnaligned(fromByteOffset: index * width, as: NetSNMPArc.self))
                else {
                    return malformed("OBJECT IDENTIFIER arc above 2³²−1")
                }
                arcs.append(arc)
            }
            guard let value = OID(components: arcs) else { return malformed("empty OBJECT IDENTIFIER") }
            return .objectIdentifier(value)
        case ASN_NULL:
            return .null
        default:
            switch type {
            case waiwang_SNMP_NOSUCHOBJECT: return .noSuchObject
            case waiwang_SNMP_NOSUCHINSTANCE: return .noSuchInstance
            case waiwang_SNMP_ENDOFMIBVIEW: return .endOfMibView
            default: return malformed("unsupported type, \(length) bytes")
            }
        }
    }
}
