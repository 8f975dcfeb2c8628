import Testing
import WaiwangSNMP

@Suite("SNMP value types")
struct SNMPTypesTests {
    @Test(
        "OIDs parse from dotted numbers, with or without the leading dot",
        arguments: [
            ("1.3.6.1.2.1.1.3.0", [1, 3, 6, 1, 2, 1, 1, 3, 0]), (".1.3.6.1.2.1.1.3.0", [1, 3, 6, 1, 2, 1, 1, 3, 0]),
            ("0", [0]), ("1.4294967295", [1, 4_294_967_295]),
        ] as [(String, [UInt32])])
    func oidParses(text: String, components: [UInt32]) {
        #expect(OID(text)?.components == components)
    }

    @Test(
        "malformed OIDs are refused",
        arguments: [
            "", ".", "1..3", "1.3.", "..1", "1.3.-6", "1.3.+6", " 1.3", "1.3 ", "iso.3.6", "1.4294967296", "1.3.6x",
        ]
    )
    func oidRefuses(text: String) {
        #expect(OID(text) == nil)
    }

    @Test("OIDs order lexicographically by component, and prefixes")
    func oidOrder() throws {
        let a = try #require(OID("1.3.6.1.2.1.2.2.1.2.10"))
        let b = try #require(OID("1.3.6.1.2.1.2.2.1.10.1"))
        let column = try #require(OID("1.3.6.1.2.1.2.2.1.2"))
        #expect(a < b, "arc 2 < arc 10, numerically, not as text")
        #expect(column < a)
        #expect(a.hasPrefix(column) && !b.hasPrefix(column) && a.hasPrefix(a))
        #expect(a.suffix(after: column) == [10])
        #expect(column.appending(10) == a)
        #expect(a.description == "1.3.6.1.2.1.2.2.1.2.10")
        #expect(OID(components: []) == nil)
        #expect(OID(components: Array(repeating: 1, count: 129)) == nil)
    }

    @Test("octet strings show as text when printable, hex otherwise")
    func octetStringDisplay() {
        #expect(SNMPValue.octetString(Array("eth0".utf8)).displayString == "eth0")
        #expect(SNMPValue.octetString([0x00, 0x1A, 0xFF]).displayString == "00 1A FF")
        #expect(SNMPValue.octetString([0xC3, 0x28]).stringValue == "\u{FFFD}(")
        #expect(SNMPValue.octetString([0xC3, 0x28]).description == "Hex-STRING: C3 28")
        #expect(SNMPValue.octetString(Array("a\tb".utf8)).description == "STRING: \"a\tb\"")
        #expect(SNMPValue.integer(3).displayString == nil)
        #expect(SNMPValue.counter64(UInt64.max).integerValue == nil)
        #expect(SNMPValue.gauge32(7).integerValue == 7)
        #expect(SNMPValue.unsigned32(7) == .gauge32(7))
        #expect(SNMPValue.endOfMibView.isException && !SNMPValue.null.isException)
    }

    @Test(
        "targets parse udp:HOST:PORT strictly",
        arguments: [
            ("udp:127.0.0.1:161", "127.0.0.1", 161, false),
            ("udp:hub-3.example.cn:16100", "hub-3.example.cn", 16100, false),
            ("udp6:[::1]:161", "::1", 161, true), ("udp6:[fe80::1]:65535", "fe80::1", 65535, true),
        ] as [(String, String, UInt16, Bool)])
    func targetParses(text: String, host: String, port: UInt16, ipv6: Bool) throws {
        let target = try SNMPTarget(text, credentials: .v2c(community: "public"))
        #expect(target.host == host && target.port == port && target.isIPv6 == ipv6)
        #expect(target.address == text)
        #expect(target.timeout == .seconds(1) && target.retries == 1)
    }

    @Test(
        "bad target strings are refused with the reason",
        arguments: [
            "", "127.0.0.1", "127.0.0.1:161", "udp:127.0.0.1", "udp:127.0.0.1:", "udp::161", "udp:127.0.0.1:0",
            "udp:127.0.0.1:65536", "udp:127.0.0.1:16x", "udp:127.0.0.1:-1", "udp:127.0.0.1:161:1", "tcp:127.0.0.1:161",
            "udp:host name:161", "udp:host;rm:161", "udp:-host:161", "udp:a..b:161", "udp:127.0.0.1: 161",
            "udp6:::1:161", "udp6:[::1]", "udp6:[::1]161", "udp6:[zz::1]:161", "UDP:127.0.0.1:161", "udp:[::1]:161",
        ])
    func targetRefuses(text: String) {
        let error = #expect(throws: SNMPError.self) { try SNMPTarget(text, credentials: .v2c(community: "public")) }
        #expect(error?.code == .invalidTarget)
        #expect(error?.message.hasPrefix("\"\(text)\"") == true)
        #expect(error?.advice.contains("udp:HOST:PORT") == true)
    }

    @Test("v3 passphrases shorter than 8 characters and privacy without authentication are refused")
    func v3CredentialsValidated() throws {
        let short = #expect(throws: SNMPError.self) {
            try SNMPTarget("udp:127.0.0.1:161", credentials: .v3(.init(name: "u", auth: (.sha, "short"))))
        }
        #expect(short?.message.contains("8 characters") == true)
        #expect(throws: SNMPError.self) {
            try SNMPTarget("udp:127.0.0.1:161", credentials: .v3(.init(name: "u", priv: (.aes128, "longenough"))))
        }
        #expect(throws: SNMPError.self) {
            try SNMPTarget("udp:127.0.0.1:161", credentials: .v2c(community: "public"), timeout: .zero)
        }
        #expect(throws: SNMPError.self) {
            try SNMPTarget("udp:127.0.0.1:161", credentials: .v2c(community: "public"), retries: -1)
        }
        let target = try SNMPTarget(
            "udp:127.0.0.1:161",
            credentials: .v3(.init(name: "waiwang", auth: (.sha256, "authpass1234"), priv: (.aes256, "privpass1234"))))
        #expect(target.version == .v3)
        #expect(target.description == "udp:127.0.0.1:161 v3 user waiwang", "no passphrase in descriptions")
        #expect(
            !String(describing: try SNMPTarget("udp:h:1", credentials: .v2c(community: "s3cret"))).contains("s3cret"))
    }

    @Test("errors name the code, net-snmp's message and the OID")
    func errorDescription() throws {
        let oid = try #require(OID("1.3.6.1.2.1.1.3.0"))
        let error = SNMPError(code: .notWritable, message: "That object does not support modification", oid: oid)
        #expect(
            error.description == "SNMP notWritable: That object does not support modification (at 1.3.6.1.2.1.1.3.0)")
        #expect(SNMPError(code: .timeout, message: "Timeout").description == "SNMP timeout: Timeout")
        #expect(SNMPError.Code.timeout != SNMPError.Code.authentication)
    }
}
