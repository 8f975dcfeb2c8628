import Foundation

/// A message as Python's `email` package reads it (scripts/smtp-sink.py): the independent check of our MIME.
struct DecodedMail: Decodable {
    struct Mailbox: Decodable, Equatable {
        let name: String
        let address: String
    }
    struct Attachment: Decodable {
        let filename: String?
        let contentType: String
        let charset: String?
        let size: Int
        let text: String
    }
    let subject: String
    let from: [Mailbox]
    let to: [Mailbox]
    let cc: [Mailbox]
    let bccHeaderPresent: Bool
    let date: String
    let dateParsed: String?
    let messageId: String
    let mimeVersion: String
    let contentType: String
    let body: String?
    let attachments: [Attachment]
    let defects: [String]
    let bareLf: Bool
    let maxLineLength: Int

    /// Parses rendered bytes with `smtp-sink.py parse`.
    static func parse(_ bytes: [UInt8]) throws -> DecodedMail {
        let folder = try temporaryDirectory("parse")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("message.eml")
        try Data(bytes).write(to: file)
        let json = try runProcess("/usr/bin/python3", ["scripts/smtp-sink.py", "parse", file.path])
        return try snakeCaseDecoder.decode(DecodedMail.self, from: Data(json.utf8))
    }
}

/// One message the sink accepted: the SMTP envelope and the decoded message.
struct ReceivedMail: Decodable {
    let mailFrom: String
    let rcptTos: [String]
    let tls: Bool
    let authenticated: Bool
    let message: DecodedMail
}

/// Reads the sinks' JSON, whose keys are Python's snake_case.
var snakeCaseDecoder: JSONDecoder {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return decoder
}
