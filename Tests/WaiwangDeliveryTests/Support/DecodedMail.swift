import Foundation

/// A message as Python's `email` package reads it (scripts/smtp-sink.py): the independent check of our MIME.
struct DecodedMail: Decodable {
    struct Mailbox: Decodable, Equatable {
        let name: String
        let address: String
    }
    struct Attachment: Decodable {
        let filename: String?
        let content_type: String
        let charset: String?
        let size: Int
        let text: String
    }
    let subject: String
    let from: [Mailbox]
    let to: [Mailbox]
    let cc: [Mailbox]
    let bcc_header_present: Bool
    let date: String
    let date_parsed: String?
    let message_id: String
    let mime_version: String
    let content_type: String
    let body: String?
    let attachments: [Attachment]
    let defects: [String]
    let bare_lf: Bool
    let max_line_length: Int

    /// Parses rendered bytes with `smtp-sink.py parse`.
    static func parse(_ bytes: [UInt8]) throws -> DecodedMail {
        let folder = try temporaryDirectory("parse")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("message.eml")
        try Data(bytes).write(to: file)
        let json = try runProcess("/usr/bin/python3", ["scripts/smtp-sink.py", "parse", file.path])
        return try JSONDecoder().decode(DecodedMail.self, from: Data(json.utf8))
    }
}

/// One message the sink accepted: the SMTP envelope and the decoded message.
struct ReceivedMail: Decodable {
    let mail_from: String
    let rcpt_tos: [String]
    let tls: Bool
    let authenticated: Bool
    let message: DecodedMail
}
