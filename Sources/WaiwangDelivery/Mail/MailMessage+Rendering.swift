import Foundation

extension MailMessage {
    /// The message as sent in SMTP DATA (before dot-stuffing): RFC 5322 headers, MIME body, CRLF line
    /// ends, 7-bit ASCII only (text and attachments in base64), lines within 76 columns.
    ///
    /// - Parameters:
    ///   - boundary: the multipart boundary; random unless a test fixes it.
    ///   - timeZone: the zone the Date header is written in (the registry's, e.g. Asia/Shanghai).
    public func rendered(boundary: String? = nil, timeZone: TimeZone = .current) throws(MailMessageError) -> [UInt8] {
        guard !to.isEmpty || !cc.isEmpty else {
            throw MailMessageError(field: "to", reason: "a message needs at least one To or Cc recipient")
        }
        for header in extraHeaders {
            let nameOK = !header.name.isEmpty && header.name.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != 0x3A }
            guard nameOK, EncodedWord.isPlain(header.value) || header.value.isEmpty else {
                throw MailMessageError(field: "header \(header.name)", reason: "extra headers must be printable ASCII")
            }
        }
        for attachment in attachments {
            let parts = attachment.contentType.split(separator: "/", omittingEmptySubsequences: false)
            let token: (Substring) -> Bool = { part in
                !part.isEmpty
                    && part.utf8.allSatisfy { byte in
                        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                            || "!#$&^_.+-".utf8.contains(byte)
                    }
            }
            guard parts.count == 2, token(parts[0]), token(parts[1]) else {
                throw MailMessageError(
                    field: "attachment \(attachment.filename)",
                    reason: "\(attachment.contentType.debugDescription) is not a media type")
            }
        }
        var fields: [HeaderField] = [
            .raw("Date", RFC5322Date.format(date, utcOffsetSeconds: timeZone.secondsFromGMT(for: date))),
            .addresses("From", [from]),
        ]
        if !to.isEmpty { fields.append(.addresses("To", to)) }
        if !cc.isEmpty { fields.append(.addresses("Cc", cc)) }
        fields += [
            .text("Subject", subject),
            .raw("Message-ID", "<\(messageID)>"),
            .raw("MIME-Version", "1.0"),
            // RFC 3834: an automatic report; out-of-office robots must not answer it.
            .raw("Auto-Submitted", "auto-generated"),
        ]
        fields += extraHeaders.map { HeaderField.text($0.name, $0.value) }

        var output = fields.map(\.rendered).joined()
        let text = Self.textPart(textBody)
        if attachments.isEmpty {
            output += text
        } else {
            let boundary = boundary ?? "=_waiwang_\(UUID().uuidString.replacingOccurrences(of: "-", with: ""))"
            output +=
                HeaderField(
                    name: "Content-Type", tokens: ["multipart/mixed;", "boundary=\"\(boundary)\""], separator: " "
                )
                .rendered
            output += "\r\nThis is a multi-part message in MIME format.\r\n"
            output += "--\(boundary)\r\n" + text
            for attachment in attachments {
                output += "--\(boundary)\r\n" + Self.attachmentPart(attachment)
            }
            output += "--\(boundary)--\r\n"
        }
        return Array(output.utf8)
    }

    private static func textPart(_ body: String) -> String {
        var normalized = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .replacingOccurrences(of: "\n", with: "\r\n")
        if !normalized.hasSuffix("\r\n") { normalized += "\r\n" }
        return "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + base64Lines(Array(normalized.utf8))
    }

    private static func attachmentPart(_ attachment: MailAttachment) -> String {
        let type = attachment.contentType.lowercased()
        let charset = type.hasPrefix("text/") ? ["charset=UTF-8;"] : []
        let name = MIMEParameter.render(name: "name", value: attachment.filename)
        let filename = MIMEParameter.render(name: "filename", value: attachment.filename)
        let contentType = HeaderField(
            name: "Content-Type", tokens: ["\(type);"] + charset + semicolons(name), separator: " ")
        let disposition = HeaderField(
            name: "Content-Disposition", tokens: ["attachment;"] + semicolons(filename), separator: " ")
        return contentType.rendered + "Content-Transfer-Encoding: base64\r\n" + disposition.rendered
            + "\r\n" + base64Lines(attachment.content)
    }

    private static func semicolons(_ pieces: [String]) -> [String] {
        pieces.enumerated().map { index, piece in index < pieces.count - 1 ? piece + ";" : piece }
    }

    /// Base64 in lines of 76 characters, each ending in CRLF (RFC 2045 §6.8).
    static func base64Lines(_ bytes: [UInt8]) -> String {
        let encoded = Data(bytes).base64EncodedString(
            options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return encoded.isEmpty ? "" : encoded + "\r\n"
    }
}
