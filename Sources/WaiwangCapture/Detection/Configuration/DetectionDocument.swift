import Foundation

/// A JSON document of the detectors' configuration (the watch file, the detection policy): decoded, then
/// validated, with every error naming the field at fault.
public protocol DetectionDocument: Decodable {
    /// What the document is called in error messages (`watch`, `detection policy`).
    static var documentName: String { get }
    /// Checks the decoded values; throws naming the field at fault.
    func validate() throws(DetectionConfigurationError)
}

extension DetectionDocument {
    /// Decodes and validates the document.
    public static func decode(from data: Data) throws(DetectionConfigurationError) -> Self {
        let document: Self
        do {
            document = try JSONDecoder().decode(Self.self, from: data)
        } catch {
            throw DecodingPath.error(error, document: documentName)
        }
        try document.validate()
        return document
    }

    /// Reads, decodes and validates the document at `url`.
    public static func load(contentsOf url: URL) throws(DetectionConfigurationError) -> Self {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw DetectionConfigurationError(field: url.path, "cannot be read: \(error.localizedDescription)")
        }
        return try decode(from: data)
    }
}
