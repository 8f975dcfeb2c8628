import WaiwangSNMP

/// Parses what `snmpwalk`/`snmpbulkwalk -On -Oe -Ot` print, to compare with our own walk.
enum NetSNMPToolOutput {
    struct ParseError: Error, CustomStringConvertible {
        let description: String
    }

    static func parse(_ text: String) throws -> [VarBind] {
        // A Hex-STRING longer than 16 bytes continues on the next lines, which do not start with ".".
        var records: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix(".") {
                records.append(String(line))
            } else if !records.isEmpty {
                records[records.count - 1] += " " + line
            }
        }
        return try records.map(parseRecord)
    }

    private static func parseRecord(_ record: String) throws -> VarBind {
        guard let separator = record.range(of: " = ") else { throw ParseError(description: "no ' = ' in \(record)") }
        guard let oid = OID(String(record[..<separator.lowerBound])) else {
            throw ParseError(description: "bad OID in \(record)")
        }
        let rest = String(record[separator.upperBound...])
        return VarBind(oid: oid, value: try parseValue(rest, in: record))
    }

    private static func parseValue(_ text: String, in record: String) throws -> SNMPValue {
        func fail() -> ParseError { ParseError(description: "cannot parse the value of \(record)") }
        if text == "\"\"" { return .octetString([]) }
        if let ticks = UInt32(text) { return .timeticks(ticks) }  // -Ot prints bare TimeTicks.
        guard let colon = text.range(of: ": ") else {
            if text == "NULL" { return .null }
            throw fail()
        }
        let type = text[..<colon.lowerBound]
        let body = String(text[colon.upperBound...])
        switch type {
        case "INTEGER": return .integer(try Int64(body) ?? { throw fail() }())
        case "Gauge32": return .gauge32(try UInt32(body) ?? { throw fail() }())
        case "Counter32": return .counter32(try UInt32(body) ?? { throw fail() }())
        case "Counter64": return .counter64(try UInt64(body) ?? { throw fail() }())
        case "Timeticks": return .timeticks(try UInt32(body) ?? { throw fail() }())
        case "OID": return .objectIdentifier(try OID(body) ?? { throw fail() }())
        case "IpAddress":
            let parts = body.split(separator: ".").compactMap { UInt8($0) }
            guard parts.count == 4 else { throw fail() }
            return .ipAddress(parts[0], parts[1], parts[2], parts[3])
        case "Hex-STRING":
            return .octetString(try body.split(separator: " ").map { try UInt8($0, radix: 16) ?? { throw fail() }() })
        case "STRING":
            guard body.hasPrefix("\""), body.hasSuffix("\""), body.count >= 2 else { throw fail() }
            var bytes: [UInt8] = []
            var escaped = false
            for byte in body.utf8.dropFirst().dropLast() {
                if !escaped, byte == UInt8(ascii: "\\") {
                    escaped = true
                    continue
                }
                escaped = false
                bytes.append(byte)
            }
            return .octetString(bytes)
        default:
            throw fail()
        }
    }
}
