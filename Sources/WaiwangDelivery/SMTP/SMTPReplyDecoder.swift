import NIOCore

/// Frames the server's bytes into replies: lines of `NNN-text` continued until `NNN text`.
struct SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPReply

    /// Longer lines are a broken or hostile server (RFC 5321 §4.5.3.1.5 allows 512).
    static let maximumLineLength = 4096
    static let maximumLines = 256

    private var code: Int?
    private var lines: [String] = []

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > Self.maximumLineLength {
                throw SMTPError(
                    .protocolViolation, step: "reply", message: "reply line longer than \(Self.maximumLineLength) bytes"
                )
            }
            return .needMoreData
        }
        let length = newline - buffer.readerIndex + 1
        var bytes = buffer.readBytes(length: length) ?? []
        // Bytes, not Characters: "\r\n" is one Character and would survive a character-wise trim.
        while let last = bytes.last, last == UInt8(ascii: "\n") || last == UInt8(ascii: "\r") { bytes.removeLast() }
        if let reply = try consume(String(decoding: bytes, as: UTF8.self)) {
            context.fireChannelRead(wrapInboundOut(reply))
        }
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws
        -> DecodingState
    {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }

    /// Takes one line; returns the reply when it was the last line of one.
    private mutating func consume(_ line: String) throws -> SMTPReply? {
        let utf8 = Array(line.utf8)
        let digits = utf8.prefix(3)
        guard digits.count == 3, digits.allSatisfy({ (0x30...0x39).contains($0) }),
            let lineCode = Int(String(decoding: digits, as: UTF8.self)), (200...599).contains(lineCode)
        else {
            throw SMTPError(
                .protocolViolation, step: "reply",
                message: "not an SMTP reply line: \(line.prefix(80).debugDescription)")
        }
        if let code, code != lineCode {
            throw SMTPError(
                .protocolViolation, step: "reply", message: "reply code changed from \(code) to \(lineCode) mid-reply")
        }
        let separator = utf8.count > 3 ? utf8[3] : UInt8(ascii: " ")
        guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else {
            throw SMTPError(
                .protocolViolation, step: "reply",
                message: "not an SMTP reply line: \(line.prefix(80).debugDescription)")
        }
        code = lineCode
        lines.append(utf8.count > 4 ? String(decoding: utf8[4...], as: UTF8.self) : "")
        guard lines.count <= Self.maximumLines else {
            throw SMTPError(.protocolViolation, step: "reply", message: "reply of more than \(Self.maximumLines) lines")
        }
        guard separator == UInt8(ascii: " ") else { return nil }
        defer {
            code = nil
            lines = []
        }
        return SMTPReply(code: lineCode, lines: lines)
    }
}
