import Foundation

/// Prints a value as the API's JSON: pretty, keys sorted, slashes unescaped.
func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    var text = String(decoding: try encoder.encode(value), as: UTF8.self)
    // Foundation writes an empty array or object over three lines; JSON strings hold no raw newline, so this is safe.
    text = text.replacing(/\[\n\s*\n\s*\]/, with: "[]").replacing(/\{\n\s*\n\s*\}/, with: "{}")
    print(text)
}
