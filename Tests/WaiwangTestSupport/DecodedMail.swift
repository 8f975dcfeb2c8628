import Foundation

/// A message as Python's `email` package reads it (scripts/smtp-sink.py): the independent check of our MIME.
public struct DecodedMail: Decodable, Sendable {
    /// A display name and an address.
    public struct Mailbox: Decodable, Equatable, Sendable {
        public let name: String
        public let address: String

        public init(name: String, address: String) {
            self.name = name
            self.address = address
        }
    }
    /// An attached part, its text decoded.
    public struct Attachment: Decodable, Sendable {
        public let filename: String?
        public let contentType: String
        public let charset: String?
        public let size: Int
        public let text: String
    }
    public let subject: String
    public let from: [Mailbox]
    public let to: [Mailbox]
    public let cc: [Mailbox]
    public let bccHeaderPresent: Bool
    public let date: String
    public let dateParsed: String?
    public let messageId: String
    public let mimeVersion: String
    public let contentType: String
    public let body: String?
    public let attachments: [Attachment]
    public let defects: [String]
    public let bareLf: Bool
    public let maxLineLength: Int

    /// Parses rendered bytes with `smtp-sink.py parse`.
    public static func parse(_ bytes: [UInt8]) throws -> DecodedMail {
        let folder = try temporaryDirectory("parse")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("message.eml")
        try Data(bytes).write(to: file)
        let json = try runProcess("/usr/bin/python3", ["scripts/smtp-sink.py", "parse", file.path])
        return try snakeCaseDecoder.decode(DecodedMail.self, from: Data(json.utf8))
    }
}

/// One message the sink accepted: the SMTP envelope and the decoded message.
public struct ReceivedMail: Decodable, Sendable {
    public let mailFrom: String
    public let rcptTos: [String]
    public let tls: Bool
    public let authenticated: Bool
    public let message: DecodedMail
}

/// Reads the sinks' JSON, whose keys are Python's snake_case.
public var snakeCaseDecoder: JSONDecoder {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return decoder
}
