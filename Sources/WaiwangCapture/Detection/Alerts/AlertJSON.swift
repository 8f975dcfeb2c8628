import Foundation

extension Alert {
    /// The alert as one line of JSON (keys sorted, no trailing newline), as `analyze` prints it.
    public func jsonLine() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
