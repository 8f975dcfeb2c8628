/// A MIME header parameter (`; filename=…`): quoted when plain ASCII, RFC 2231 `name*=UTF-8''…` otherwise,
/// split into `name*0*`, `name*1*` … sections when long.
enum MIMEParameter {
    /// Short enough that `; filename*12*=UTF-8''` plus a section stays within 76 columns.
    private static let sectionLength = 48
    private static let attributeCharacters = Set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~".utf8)

    /// The parameter as one or more `; name=value` pieces, each meant for its own folded line.
    static func render(name: String, value: String) -> [String] {
        let plain = value.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
        if plain && value.count <= sectionLength {
            let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
                of: "\"", with: "\\\"")
            return ["\(name)=\"\(escaped)\""]
        }
        var pieces: [String] = []
        var current = ""
        for byte in value.utf8 {
            let encoded = attributeCharacters.contains(byte) ? String(UnicodeScalar(byte)) : percent(byte)
            if current.count + encoded.count > sectionLength {
                pieces.append(current)
                current = ""
            }
            current += encoded
        }
        pieces.append(current)
        if pieces.count == 1 { return ["\(name)*=UTF-8''\(pieces[0])"] }
        return pieces.enumerated().map { index, piece in
            "\(name)*\(index)*=\(index == 0 ? "UTF-8''" : "")\(piece)"
        }
    }

    private static func percent(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "%\(digits[Int(byte >> 4)])\(digits[Int(byte & 0x0F)])"
    }
}
