import Foundation
import Testing
import WaiwangCore

@Suite("IPAddress")
struct IPAddressTests {
    /// Input and its canonical form.
    static let roundTrips: [(String, String)] = [
        ("0.0.0.0", "0.0.0.0"),
        ("10.1.2.3", "10.1.2.3"),
        ("192.0.2.1", "192.0.2.1"),
        ("255.255.255.255", "255.255.255.255"),
        ("::", "::"),
        ("0:0:0:0:0:0:0:0", "::"),
        ("::1", "::1"),
        ("0:0:0:0:0:0:0:1", "::1"),
        ("1::", "1::"),
        ("1:0:0:0:0:0:0:0", "1::"),
        ("2001:db8::1", "2001:db8::1"),
        ("2001:DB8:0:0:0:0:0:1", "2001:db8::1"),
        ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
        // A tie between two zero runs compresses the first.
        ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
        // The longest run wins.
        ("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"),
        // A single zero group is not compressed.
        ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
        ("2001:db8::1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
        ("fe80::1:2:3:4:5:6", "fe80:0:1:2:3:4:5:6"),
        ("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"),
        ("::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8"),
        ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"),
        ("ABCD:EF01:2345:6789:abcd:ef01:2345:6789", "abcd:ef01:2345:6789:abcd:ef01:2345:6789"),
        // IPv4-mapped addresses keep their dotted quad; other embedded IPv4 becomes hex.
        ("::ffff:1.2.3.4", "::ffff:1.2.3.4"),
        ("::FFFF:0102:0304", "::ffff:1.2.3.4"),
        ("0:0:0:0:0:ffff:10.0.0.1", "::ffff:10.0.0.1"),
        ("::1.2.3.4", "::102:304"),
        ("64:ff9b::192.0.2.33", "64:ff9b::c000:221"),
        ("1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304"),
    ]

    @Test("parses and prints canonically", arguments: roundTrips)
    func roundTrip(input: String, canonical: String) throws {
        let address = try #require(IPAddress(input))
        #expect(address.description == canonical)
        #expect(IPAddress(canonical) == address)
    }

    static let invalid: [String] = [
        "", " ", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.256", "1.2.3.1000",
        "01.2.3.4", "1.2.3.04", "00.1.2.3", "1.2.3.00", "1..2.3", ".1.2.3", "1.2.3.", "1.2.3.4.",
        " 1.2.3.4", "1.2.3.4 ", "+1.2.3.4", "1.2.3.-4", "a.b.c.d", "0x1.2.3.4", "1.2.3.4/24",
        "１.2.3.4", "4294967295",
        ":", ":::", "::::", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3", ":1::2", "1::2:",
        ":1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:", "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8",
        "12345::", "g::", "::g", "fe80::1%eth0", "[::1]", "::1/128", "1:::2",
        "::1.2.3.4:5", "1.2.3.4::", "::ffff:1.2.3", "::ffff:256.1.1.1", "::ffff:01.2.3.4",
        "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3.4.5", "::0x1", "1: :2",
    ]

    @Test("rejects malformed text", arguments: invalid)
    func rejects(input: String) {
        #expect(IPAddress(input) == nil)
    }

    @Test func values() {
        #expect(IPAddress("10.1.2.3") == .v4(0x0A01_0203))
        #expect(IPAddress("2001:db8::1") == .v6(UInt128(0x2001_0db8) << 96 | 1))
        #expect(IPAddress("::ffff:1.2.3.4") == .v6(0xffff_0102_0304))
        #expect(IPAddress("10.1.2.3")?.family == .v4)
        #expect(IPAddress("::")?.family == .v6)
        #expect(IPAddress(Substring("x10.0.0.1").dropFirst()) == .v4(0x0A00_0001))
    }

    @Test func ordering() throws {
        let texts = ["::1", "10.0.0.2", "::", "9.255.255.255", "10.0.0.1", "ffff::", "255.255.255.255"]
        let sorted = texts.compactMap(IPAddress.init).sorted().map(\.description)
        #expect(sorted == ["9.255.255.255", "10.0.0.1", "10.0.0.2", "255.255.255.255", "::", "::1", "ffff::"])
    }

    @Test func codableAsString() throws {
        let addresses = [IPAddress.v4(0x0A01_0203), .v6(1)]
        let data = try JSONEncoder().encode(addresses)
        #expect(String(decoding: data, as: UTF8.self) == #"["10.1.2.3","::1"]"#)
        #expect(try JSONDecoder().decode([IPAddress].self, from: data) == addresses)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([IPAddress].self, from: Data(#"["01.2.3.4"]"#.utf8))
        }
    }
}
