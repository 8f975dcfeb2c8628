import Foundation

/// Turns a `DecodingError` into a `DetectionConfigurationError` naming the JSON path at fault.
enum DecodingPath {
    static func error(_ error: any Error, document: String) -> DetectionConfigurationError {
        guard let decoding = error as? DecodingError else {
            return DetectionConfigurationError(field: document, "is not valid JSON: \(error)")
        }
        switch decoding {
        case .typeMismatch(let type, let context):
            return DetectionConfigurationError(
                field: path(context.codingPath, document), "expected \(type): \(context.debugDescription)")
        case .valueNotFound(let type, let context):
            return DetectionConfigurationError(
                field: path(context.codingPath, document), "missing \(type) value")
        case .keyNotFound(let key, let context):
            return DetectionConfigurationError(
                field: path(context.codingPath + [key], document), "is required but missing")
        case .dataCorrupted(let context):
            let field = context.codingPath.isEmpty ? document : path(context.codingPath, document)
            return DetectionConfigurationError(field: field, context.debugDescription)
        @unknown default:
            return DetectionConfigurationError(field: document, "\(decoding)")
        }
    }

    /// `units[2].prefixes[0]` from the coding path.
    static func path(_ codingPath: [any CodingKey], _ document: String) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text.isEmpty ? document : text
    }
}

extension KeyedDecodingContainer {
    /// The value at `key`, or `fallback` when the key is absent (a present but wrong value still throws).
    func value<T: Decodable>(_ key: Key, or fallback: T) throws -> T {
        try decodeIfPresent(T.self, forKey: key) ?? fallback
    }
}
