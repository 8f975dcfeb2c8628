import Foundation
import Testing
import WaiwangCore

/// GB 32100-2015: 18 characters, positions 3–8 a division code, the 18th a check character.
@Suite("Unified social credit code (GB 32100-2015)")
struct UnifiedSocialCreditCodeTests {
    /// The published code of a real enterprise, and codes completed by the standard's algorithm.
    static let validCodes: [String] = [
        "91350100M000100Y43",
        UnifiedSocialCreditCode.completing("11530402MB0000001")!,
        UnifiedSocialCreditCode.completing("12530423MB1234567")!,
        UnifiedSocialCreditCode.completing("91530400MA6K00000")!,
        UnifiedSocialCreditCode.completing("Y1530402XYW000000")!,
    ]

    @Test("a valid code is accepted as written", arguments: validCodes)
    func acceptsValidCode(_ text: String) throws {
        let code = try UnifiedSocialCreditCode(text)
        #expect(code.rawValue == text)
        #expect(code.description == text)
    }

    @Test("lower case and blanks around or inside are tolerated")
    func toleratesCaseAndBlanks() throws {
        #expect(try UnifiedSocialCreditCode("91350100m000100y43").rawValue == "91350100M000100Y43")
        #expect(try UnifiedSocialCreditCode("  9135 0100 M000 100Y43\n").rawValue == "91350100M000100Y43")
    }

    @Test("completing appends the check character of GB 32100 and refuses what cannot be completed")
    func completing() {
        #expect(UnifiedSocialCreditCode.completing("91350100M000100Y4") == "91350100M000100Y43")
        #expect(UnifiedSocialCreditCode.completing("91350100m000100y4") == "91350100M000100Y43")
        #expect(UnifiedSocialCreditCode.completing("91350100M000100Y") == nil)
        #expect(UnifiedSocialCreditCode.completing("91350100M000100I4") == nil)
    }

    @Test("positions 3–8 are the embedded division code")
    func embeddedDivisionCode() throws {
        #expect(try UnifiedSocialCreditCode("91350100M000100Y43").embeddedDivisionCode == "350100")
    }

    @Test("a code of other than 18 characters is refused", arguments: [
        "", "91350100M000100Y4", "91350100M000100Y433", "9135",
    ])
    func refusesLength(_ text: String) {
        let error = #expect(throws: RegistryError.self) { try UnifiedSocialCreditCode(text) }
        #expect(error?.code == .invalid)
        #expect(error?.field == "creditCode")
        #expect(error?.rule == "gb32100-length")
    }

    @Test("the letters I, O, Z, S and V are never used", arguments: ["I", "O", "Z", "S", "V"])
    func refusesForbiddenLetter(_ letter: String) {
        let text = "91350100M" + letter + "00100Y43"
        let error = #expect(throws: RegistryError.self) { try UnifiedSocialCreditCode(text) }
        #expect(error?.rule == "gb32100-alphabet")
        #expect(error?.message.contains("\"\(letter)\" at position 10") == true)
    }

    @Test("punctuation and full-width characters are outside the alphabet", arguments: [
        "91350100M-00100Y43", "９1350100M000100Y43",
    ])
    func refusesForeignCharacter(_ text: String) {
        let error = #expect(throws: RegistryError.self) { try UnifiedSocialCreditCode(text) }
        #expect(error?.rule == "gb32100-alphabet")
    }

    @Test("positions 3–8 must be digits", arguments: ["91A50100M000100Y4", "9135010AM000100Y4", "91B5C1D0M000100Y4"])
    func refusesNonDigitDivision(_ first17: String) throws {
        // A correct check character, so only the division part is at fault.
        let text = try #require(UnifiedSocialCreditCode.completing(first17))
        let error = #expect(throws: RegistryError.self) { try UnifiedSocialCreditCode(text, field: "units") }
        #expect(error?.field == "units")
        #expect(error?.rule == "gb32100-division")
    }

    @Test("a wrong check character is refused and the message names the right one")
    func refusesWrongCheckCharacter() {
        let error = #expect(throws: RegistryError.self) { try UnifiedSocialCreditCode("91350100M000100Y44") }
        #expect(error?.rule == "gb32100-check-character")
        #expect(error?.message.contains("is \"4\"") == true)
        #expect(error?.message.contains("gives \"3\"") == true)
    }

    @Test("every other check character than the computed one is refused", arguments: [
        "11530402MB0000001", "12530423MB1234567", "91530400MA6K00000",
    ])
    func refusesEveryOtherCheckCharacter(_ first17: String) throws {
        let valid = try #require(UnifiedSocialCreditCode.completing(first17))
        let expected = valid.last!
        for wrong in "0123456789ABCDEFGHJKLMNPQRTUWXY" where wrong != expected {
            let error = #expect(throws: RegistryError.self) { try UnifiedSocialCreditCode(first17 + String(wrong)) }
            #expect(error?.message.contains("gives \"\(expected)\"") == true)
        }
    }

    @Test("decoding from JSON verifies the code and encoding writes the canonical text")
    func codable() throws {
        let decoded = try JSONDecoder().decode([UnifiedSocialCreditCode].self, from: Data(#"["91350100m000100y43"]"#.utf8))
        #expect(decoded.map(\.rawValue) == ["91350100M000100Y43"])
        #expect(String(decoding: try JSONEncoder().encode(decoded), as: UTF8.self) == #"["91350100M000100Y43"]"#)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([UnifiedSocialCreditCode].self, from: Data(#"["91350100M000100Y44"]"#.utf8))
        }
    }
}
