import Crypto
import Foundation
import WaiwangAPI
import WaiwangCore

/// Keeps attachment files outside the database, named by their SHA-256, written atomically.
public struct AttachmentStore: Sendable {
    /// The folder holding the files.
    public let directory: String

    public init(directory: String) throws {
        self.directory = directory
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// The kinds of file accepted, recognised by their first bytes (the declared type is not trusted).
    public enum MediaType: String, Sendable {
        case pdf = "application/pdf"
        case png = "image/png"
        case jpeg = "image/jpeg"

        static func sniff(_ data: Data) -> MediaType? {
            let head = [UInt8](data.prefix(8))
            if head.starts(with: Array("%PDF-".utf8)) { return .pdf }
            if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
            if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
            return nil
        }
    }

    /// Checks the size and type, writes the file if it is new, and returns its SHA-256 and type.
    func save(_ data: Data, limit: Int) throws -> (sha256: String, mediaType: MediaType) {
        guard !data.isEmpty else {
            throw RegistryError.invalid("body", rule: "attachment-empty", "the attachment is empty")
        }
        guard data.count <= limit else {
            throw RegistryError(
                .tooLarge, field: "body", rule: "attachment-size",
                "the attachment has \(ByteSize.describe(data.count)); at most \(ByteSize.describe(limit)) is accepted — scan at a lower resolution"
            )
        }
        guard let type = MediaType.sniff(data) else {
            throw RegistryError.invalid(
                "body", rule: "attachment-type",
                "the attachment is not a PDF, PNG or JPEG file; scan the signed form to PDF or an image")
        }
        let sha256 = try keep(data, field: "body", rule: "attachment-storage", what: "the attachment")
        return (sha256, type)
    }

    /// Writes `data` under its SHA-256 unless that file exists (the same bytes are kept once) and returns the
    /// digest; a failed write is refused naming `field` and `rule`, and leaves no partial file.
    func keep(_ data: Data, field: String, rule: String, what: String) throws -> String {
        let sha256 = HexEncoding.string(SHA256.hash(data: data))
        let path = self.path(of: sha256)
        if !FileManager.default.fileExists(atPath: path) {
            let temporary = path + ".partial-\(UUID().uuidString)"
            try data.write(to: URL(fileURLWithPath: temporary))
            // rename(2) replaces atomically: a concurrent upload of the same bytes writes the same file.
            guard rename(temporary, path) == 0 else {
                try? FileManager.default.removeItem(atPath: temporary)
                throw RegistryError(
                    .invalid, field: field, rule: rule,
                    "\(what) could not be stored; the operator finds the cause in the log")
            }
        }
        return sha256
    }

    /// Where the file of a digest lives.
    public func path(of sha256: String) -> String {
        (directory as NSString).appendingPathComponent(sha256)
    }
}
