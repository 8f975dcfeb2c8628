import Foundation

/// RFC 2047 encoded-words (`=?UTF-8?B?…?=`) for header text that is not plain ASCII.
enum EncodedWord {
    /// The longest an encoded-word may be (RFC 2047 §2).
    static let maximumLength = 75
    private static let overhead = "=?UTF-8?B??=".count

    /// Whether `text` can go into a header as it is: printable ASCII that cannot be mistaken for an encoded-word.
    static func isPlain(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F } && !text.contains("=?")
    }

    /// Splits `text` into encoded-words no longer than `firstLimit` (the first) and `limit` (the rest),
    /// never cutting a character (grapheme) across two words.
    static func encode(_ text: String, firstLimit: Int = maximumLength, limit: Int = maximumLength) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        func capacity() -> Int {
            let budget = min(words.isEmpty ? firstLimit : limit, maximumLength) - overhead
            return max(budget / 4, 1) * 3
        }
        for character in text {
            let bytes = Array(String(character).utf8)
            if !chunk.isEmpty, chunk.count + bytes.count > capacity() {
                words.append(word(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(word(chunk)) }
        return words
    }

    private static func word(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?\(Data(bytes).base64EncodedString())?="
    }
}
