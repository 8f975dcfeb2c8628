/// An 18-character unified social credit code (统一社会信用代码) whose check character is verified per GB 32100-2015.
public struct UnifiedSocialCreditCode: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The 31 characters of the code's alphabet: digits and upper-case letters without I, O, Z, S, V.
    static let alphabet: [Character] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    /// Weights of positions 1–17: 3^(i) mod 31.
    static let weights: [Int] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    private static let values: [Character: Int] = Dictionary(
        uniqueKeysWithValues: alphabet.enumerated().map { ($1, $0) })

    public let rawValue: String

    /// Parses and verifies a code; lower-case letters and surrounding blanks are tolerated, anything else is refused.
    public init(_ text: String, field: String = "creditCode") throws(RegistryError) {
        let code = String(text.filter { !$0.isWhitespace }).uppercased()
        guard code.count == 18 else {
            throw .invalid(
                field, rule: "gb32100-length",
                "统一社会信用代码 must be 18 characters, got \(code.count) in \"\(text)\"")
        }
        var digits: [Int] = []
        digits.reserveCapacity(18)
        for (index, character) in code.enumerated() {
            guard let value = Self.values[character] else {
                throw .invalid(
                    field, rule: "gb32100-alphabet",
                    "character \"\(character)\" at position \(index + 1) of \(code) is not allowed (I, O, Z, S, V are never used)"
                )
            }
            digits.append(value)
        }
        // Positions 3–8 are the administrative division code of the registration authority: digits only.
        guard digits[2..<8].allSatisfy({ $0 < 10 }) else {
            throw .invalid(
                field, rule: "gb32100-division",
                "positions 3–8 of \(code) must be the 6-digit division code")
        }
        let expected = Self.checkCharacter(for: digits[0..<17])
        guard Self.alphabet[digits[17]] == expected else {
            throw .invalid(
                field, rule: "gb32100-check-character",
                "check character of \(code) is \"\(code.last!)\" but GB 32100-2015 gives \"\(expected)\"; re-read the code from the licence"
            )
        }
        rawValue = code
    }

    /// The check character for 17 leading values in the code's alphabet.
    static func checkCharacter(for values: ArraySlice<Int>) -> Character {
        var sum = 0
        for (weight, value) in zip(weights, values) { sum += weight * value }
        let check = (31 - sum % 31) % 31
        return alphabet[check]
    }

    /// Completes 17 leading characters with their check character (for generators and tests).
    public static func completing(_ first17: String) -> String? {
        let chars = Array(first17.uppercased())
        guard chars.count == 17 else { return nil }
        var digits: [Int] = []
        for character in chars {
            guard let value = values[character] else { return nil }
            digits.append(value)
        }
        return first17.uppercased() + String(checkCharacter(for: digits[...]))
    }

    /// The division code embedded in positions 3–8.
    public var embeddedDivisionCode: String { String(rawValue.dropFirst(2).prefix(6)) }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
