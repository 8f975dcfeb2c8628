/// The message as SMTP DATA carries it (RFC 5321 §4.5.2): CRLF line ends, a leading `.` doubled, and the
/// `CRLF . CRLF` terminator.
enum SMTPDataEncoding {
    static func stuffed(_ message: [UInt8]) -> [UInt8] {
        let cr = UInt8(ascii: "\r")
        let lf = UInt8(ascii: "\n")
        let dot = UInt8(ascii: ".")
        var output: [UInt8] = []
        output.reserveCapacity(message.count + message.count / 64 + 5)
        var atLineStart = true
        var index = 0
        while index < message.count {
            let byte = message[index]
            if atLineStart && byte == dot { output.append(dot) }
            if byte == cr || byte == lf {
                // CRLF, bare CR and bare LF all end a line as CRLF.
                output += [cr, lf]
                if byte == cr, index + 1 < message.count, message[index + 1] == lf { index += 1 }
                atLineStart = true
            } else {
                output.append(byte)
                atLineStart = false
            }
            index += 1
        }
        if !atLineStart { output += [cr, lf] }
        output += [dot, cr, lf]
        return output
    }
}
