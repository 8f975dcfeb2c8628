import Foundation
import Testing
import WaiwangCore

@Suite("IPPrefix")
struct IPPrefixTests {
    /// Input, canonical form and length.
    static let valid: [(String, String, Int)] = [
        ("10.1.2.0/24", "10.1.2.0/24", 24),
        ("10.0.0.0/8", "10.0.0.0/8", 8),
        ("0.0.0.0/0", "0.0.0.0/0", 0),
        ("10.1.2.3/32", "10.1.2.3/32", 32),
        ("10.1.2.3", "10.1.2.3/32", 32),
        ("2001:db8::/32", "2001:db8::/32", 32),
        ("2001:DB8:0:0::/48", "2001:db8::/48", 48),
        ("::/0", "::/0", 0),
        ("2001:db8::1", "2001:db8::1/128", 128),
        ("::ffff:10.0.0.0/104", "::ffff:10.0.0.0/104", 104),
    ]

    @Test("parses and prints canonically", arguments: valid)
    func parses(input: String, canonical: String, length: Int) throws {
        let prefix = try IPPrefix.parse(input)
        #expect(prefix.description == canonical)
        #expect(prefix.length == length)
        #expect(try IPPrefix.parse(canonical) == prefix)
    }

    /// Input, the kind of error and its message.
    static let invalid: [(String, PrefixError.Kind, String)] = [
        (
            "10.1.2.3/24", .hostBitsSet(suggestion: try! IPPrefix.parse("10.1.2.0/24")),
            "10.1.2.3/24 has host bits set; did you mean 10.1.2.0/24?"
        ),
        (
            "2001:db8::1/32", .hostBitsSet(suggestion: try! IPPrefix.parse("2001:db8::/32")),
            "2001:db8::1/32 has host bits set; did you mean 2001:db8::/32?"
        ),
        (
            "10.0.0.1/0", .hostBitsSet(suggestion: try! IPPrefix.parse("0.0.0.0/0")),
            "10.0.0.1/0 has host bits set; did you mean 0.0.0.0/0?"
        ),
        (
            "10.0.0.0/33", .lengthOutOfRange(family: .v4),
            "10.0.0.0/33: prefix length 33 is out of range for IPv4 (0–32)"
        ),
        (
            "::/129", .lengthOutOfRange(family: .v6),
            "::/129: prefix length 129 is out of range for IPv6 (0–128)"
        ),
        (
            "10.0.0.0/99999999999999999999999", .lengthOutOfRange(family: .v4),
            "10.0.0.0/99999999999999999999999: prefix length 99999999999999999999999 is out of range for IPv4 (0–32)"
        ),
        ("10.0.0.0/", .missingLength, "10.0.0.0/: missing prefix length after \"/\""),
        ("::/", .missingLength, "::/: missing prefix length after \"/\""),
        ("10.0.0.0/x", .invalidLength, "10.0.0.0/x: prefix length \"x\" must be a plain decimal number"),
        ("10.0.0.0/024", .invalidLength, "10.0.0.0/024: prefix length \"024\" must be a plain decimal number"),
        ("10.0.0.0/-1", .invalidLength, "10.0.0.0/-1: prefix length \"-1\" must be a plain decimal number"),
        ("10.0.0.0/+8", .invalidLength, "10.0.0.0/+8: prefix length \"+8\" must be a plain decimal number"),
        ("10.0.0.0/ 8", .invalidLength, "10.0.0.0/ 8: prefix length \" 8\" must be a plain decimal number"),
        ("10.0.0.0/8/8", .invalidLength, "10.0.0.0/8/8: prefix length \"8/8\" must be a plain decimal number"),
        ("10.0.0.256/8", .invalidAddress, "10.0.0.256/8: \"10.0.0.256\" is not a valid IPv4 or IPv6 address"),
        ("010.0.0.0/8", .invalidAddress, "010.0.0.0/8: \"010.0.0.0\" is not a valid IPv4 or IPv6 address"),
        ("/8", .invalidAddress, "/8: \"\" is not a valid IPv4 or IPv6 address"),
        ("", .invalidAddress, ": \"\" is not a valid IPv4 or IPv6 address"),
        ("fe80::1%eth0/64", .invalidAddress, "fe80::1%eth0/64: \"fe80::1%eth0\" is not a valid IPv4 or IPv6 address"),
        ("10.0.0.0 /8", .invalidAddress, "10.0.0.0 /8: \"10.0.0.0 \" is not a valid IPv4 or IPv6 address"),
    ]

    @Test("rejects with a clear message", arguments: invalid)
    func rejects(input: String, kind: PrefixError.Kind, message: String) {
        #expect(throws: PrefixError(kind, input: input)) { try IPPrefix.parse(input) }
        #expect(PrefixError(kind, input: input).description == message)
    }

    @Test func memberwiseInitChecks() throws {
        #expect(try IPPrefix(address: .v4(0x0A01_0200), length: 24).description == "10.1.2.0/24")
        #expect(throws: PrefixError.self) { try IPPrefix(address: .v4(0x0A01_0203), length: 24) }
        #expect(throws: PrefixError.self) { try IPPrefix(address: .v4(0), length: 33) }
        #expect(throws: PrefixError.self) { try IPPrefix(address: .v6(0), length: -1) }
        #expect(IPPrefix(truncating: .v4(0x0A01_0203), length: 24).description == "10.1.2.0/24")
        #expect(IPPrefix(truncating: .v6(UInt128.max), length: 0).description == "::/0")
    }

    /// Prefix, its first and its last address.
    static let bounds: [(String, String, String)] = [
        ("10.1.2.0/24", "10.1.2.0", "10.1.2.255"),
        ("10.1.2.8/29", "10.1.2.8", "10.1.2.15"),
        ("10.1.2.3/32", "10.1.2.3", "10.1.2.3"),
        ("0.0.0.0/0", "0.0.0.0", "255.255.255.255"),
        ("2001:db8::/32", "2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"),
        ("2001:db8:1:2::/64", "2001:db8:1:2::", "2001:db8:1:2:ffff:ffff:ffff:ffff"),
        ("::/0", "::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
        ("::1/128", "::1", "::1"),
    ]

    @Test("first and last address", arguments: bounds)
    func firstAndLast(prefix: String, first: String, last: String) throws {
        let parsed = try IPPrefix.parse(prefix)
        #expect(parsed.first.description == first)
        #expect(parsed.last.description == last)
        #expect(parsed.contains(parsed.first) && parsed.contains(parsed.last))
    }

    /// Prefix, address, whether the prefix contains it.
    static let containment: [(String, String, Bool)] = [
        ("10.1.2.0/24", "10.1.2.0", true),
        ("10.1.2.0/24", "10.1.2.255", true),
        ("10.1.2.0/24", "10.1.3.0", false),
        ("10.1.2.0/24", "10.1.1.255", false),
        ("0.0.0.0/0", "255.255.255.255", true),
        ("0.0.0.0/0", "::", false),
        ("::/0", "0.0.0.0", false),
        ("::/0", "2001:db8::1", true),
        ("2001:db8::/32", "2001:db8:ffff::1", true),
        ("2001:db8::/32", "2001:db9::", false),
        ("::ffff:0:0/96", "::ffff:10.1.2.3", true),
        ("::ffff:0:0/96", "10.1.2.3", false),
        ("10.1.2.3/32", "10.1.2.3", true),
        ("10.1.2.3/32", "10.1.2.4", false),
    ]

    @Test("contains an address", arguments: containment)
    func contains(prefix: String, address: String, expected: Bool) throws {
        let address = try #require(IPAddress(address))
        #expect(try IPPrefix.parse(prefix).contains(address) == expected)
    }

    /// Two prefixes, whether they overlap, whether the first contains the second.
    static let overlapping: [(String, String, Bool, Bool)] = [
        ("10.0.0.0/8", "10.1.2.0/24", true, true),
        ("10.1.2.0/24", "10.0.0.0/8", true, false),
        ("10.1.2.0/24", "10.1.2.0/24", true, true),
        ("10.1.2.0/25", "10.1.2.128/25", false, false),
        ("10.1.2.0/24", "10.1.3.0/24", false, false),
        ("0.0.0.0/0", "192.0.2.1/32", true, true),
        ("0.0.0.0/0", "::/0", false, false),
        ("2001:db8::/32", "2001:db8:1::/48", true, true),
        ("2001:db8::/48", "2001:db8:1::/48", false, false),
        ("::/0", "::ffff:10.0.0.0/104", true, true),
    ]

    @Test("overlaps and contains prefixes", arguments: overlapping)
    func overlaps(a: String, b: String, overlap: Bool, aContainsB: Bool) throws {
        let (a, b) = (try IPPrefix.parse(a), try IPPrefix.parse(b))
        #expect(a.overlaps(b) == overlap)
        #expect(b.overlaps(a) == overlap)
        #expect(a.contains(b) == aContainsB)
    }

    @Test func ordering() throws {
        let texts = ["10.1.0.0/16", "::/0", "10.0.0.0/8", "10.1.2.0/24", "0.0.0.0/0", "9.0.0.0/8", "2001:db8::/32"]
        let sorted = try texts.map(IPPrefix.parse).sorted().map(\.description)
        #expect(
            sorted == ["0.0.0.0/0", "9.0.0.0/8", "10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24", "::/0", "2001:db8::/32"])
    }

    @Test func codableAsString() throws {
        let prefixes = [try IPPrefix.parse("10.1.2.0/24"), try IPPrefix.parse("2001:db8::/32")]
        let data = try JSONEncoder().encode(prefixes)
        #expect(String(decoding: data, as: UTF8.self) == #"["10.1.2.0\/24","2001:db8::\/32"]"#)
        #expect(try JSONDecoder().decode([IPPrefix].self, from: data) == prefixes)

        do {
            _ = try JSONDecoder().decode([IPPrefix].self, from: Data(#"["10.1.2.3/24"]"#.utf8))
            Issue.record("decoding a prefix with host bits set should fail")
        } catch let DecodingError.dataCorrupted(context) {
            #expect(context.debugDescription == "10.1.2.3/24 has host bits set; did you mean 10.1.2.0/24?")
        }
    }
}
