import Testing
import WaiwangCore

@Suite("PrefixTable")
struct PrefixTableTests {
    static func table(_ entries: [(String, String)]) throws -> PrefixTable<String> {
        try PrefixTable(entries.map { (try IPPrefix.parse($0.0), $0.1) })
    }

    static let nested: [(String, String)] = [
        ("10.1.2.0/24", "unit"),
        ("10.0.0.0/8", "city"),
        ("10.1.0.0/16", "county"),
        ("10.1.2.128/25", "lab"),
        ("2001:db8::/32", "v6 city"),
        ("2001:db8:1::/48", "v6 county"),
        ("2001:db8:1:2::/64", "v6 unit"),
        ("2001:db8:1:2::1/128", "v6 host"),
        ("255.255.255.255/32", "top"),
        ("0.0.0.0/32", "bottom"),
    ]

    /// Address and the value of its most specific prefix, or nil.
    static let nestedLookups: [(String, String?)] = [
        ("10.1.2.3", "unit"),
        ("10.1.2.0", "unit"),
        ("10.1.2.127", "unit"),
        ("10.1.2.128", "lab"),
        ("10.1.2.255", "lab"),
        ("10.1.3.0", "county"),
        ("10.1.1.255", "county"),
        ("10.1.255.255", "county"),
        ("10.0.255.255", "city"),
        ("10.2.0.0", "city"),
        ("10.0.0.0", "city"),
        ("10.255.255.255", "city"),
        ("11.0.0.0", nil),
        ("9.255.255.255", nil),
        ("255.255.255.255", "top"),
        ("255.255.255.254", nil),
        ("0.0.0.0", "bottom"),
        ("0.0.0.1", nil),
        ("2001:db8:1:2::1", "v6 host"),
        ("2001:db8:1:2::2", "v6 unit"),
        ("2001:db8:1:2::", "v6 unit"),
        ("2001:db8:1:3::", "v6 county"),
        ("2001:db8:1:ffff:ffff:ffff:ffff:ffff", "v6 county"),
        ("2001:db8:2::", "v6 city"),
        ("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "v6 city"),
        ("2001:db9::", nil),
        ("::", nil),
        ("::ffff:10.1.2.3", nil),
    ]

    @Test("longest prefix match with nesting", arguments: nestedLookups)
    func nestedMatch(address: String, expected: String?) throws {
        let table = try Self.table(Self.nested)
        let address = try #require(IPAddress(address))
        let match = table.lookup(address)
        #expect(match?.value == expected)
        if let match {
            #expect(match.prefix.contains(address))
            #expect(table.prefixes[try #require(table.lookupIndex(address))] == match.prefix)
        }
    }

    @Test func defaultRoutes() throws {
        let table = try Self.table([
            ("10.0.0.0/8", "a"), ("0.0.0.0/0", "v4 default"), ("::/0", "v6 default"), ("2001:db8::/32", "b"),
        ])
        #expect(table.lookup(IPAddress("11.0.0.1")!)?.value == "v4 default")
        #expect(table.lookup(IPAddress("255.255.255.255")!)?.value == "v4 default")
        #expect(table.lookup(IPAddress("0.0.0.0")!)?.value == "v4 default")
        #expect(table.lookup(IPAddress("10.9.9.9")!)?.value == "a")
        #expect(table.lookup(IPAddress("ffff::")!)?.value == "v6 default")
        #expect(table.lookup(IPAddress("2001:db8::5")!)?.value == "b")
        #expect(table.count == 4)
        #expect(table.lookupV4(0x0B00_0001) == 1)
        #expect(table.lookupV6(UInt128.max) == 2)
    }

    @Test func familiesAreSeparate() throws {
        let table = try Self.table([("::/0", "v6 only")])
        #expect(table.lookup(IPAddress("1.2.3.4")!) == nil)
        #expect(table.lookupV4(0) == nil)
        let v4Only = try Self.table([("0.0.0.0/0", "v4 only")])
        #expect(v4Only.lookup(IPAddress("::1")!) == nil)
        #expect(v4Only.lookup(IPAddress("::ffff:1.2.3.4")!) == nil)
    }

    @Test func emptyTable() throws {
        let table = try PrefixTable<Int>([])
        #expect(table.isEmpty)
        #expect(table.count == 0)
        #expect(table.lookupV4(0x0A00_0001) == nil)
        #expect(table.lookupV6(1) == nil)
    }

    @Test func indicesFollowInputOrder() throws {
        let table = try Self.table(Self.nested)
        #expect(table.lookupV4(0x0A01_0203) == 0)
        #expect(table.lookupV4(0x0A09_0000) == 1)
        #expect(table.values == Self.nested.map(\.1))
    }

    @Test func duplicatesAreRejected() throws {
        let entries = try [("10.0.0.0/8", 1), ("10.1.0.0/16", 2), ("10.0.0.0/8", 3)].map {
            (try IPPrefix.parse($0.0), $0.1)
        }
        #expect(throws: DuplicatePrefixError(prefix: entries[0].0, firstIndex: 0, secondIndex: 2)) {
            try PrefixTable(entries)
        }
        #expect(
            DuplicatePrefixError(prefix: entries[0].0, firstIndex: 0, secondIndex: 2).description
                == "10.0.0.0/8 is given twice (entries 0 and 2)")
    }

    @Test func adjacentPrefixesWithoutGaps() throws {
        // Neighbours and a container that ends where the last child ends.
        let table = try Self.table([
            ("10.0.0.0/25", "low"), ("10.0.0.128/25", "high"), ("10.0.0.0/24", "both"), ("10.0.1.0/24", "next"),
        ])
        #expect(table.lookup(IPAddress("10.0.0.127")!)?.value == "low")
        #expect(table.lookup(IPAddress("10.0.0.128")!)?.value == "high")
        #expect(table.lookup(IPAddress("10.0.0.255")!)?.value == "high")
        #expect(table.lookup(IPAddress("10.0.1.0")!)?.value == "next")
        #expect(table.lookup(IPAddress("10.0.2.0")!) == nil)
    }

    /// Cross-checks the table against a linear scan over a few thousand random, heavily nested
    /// prefixes of both families, from a fixed seed. Spread out, the prefixes cover the whole
    /// space, so that large tables also search through their top-bits directory.
    @Test(arguments: [(1, false), (2, false), (3, true), (4, true)] as [(UInt64, Bool)])
    func matchesLinearScan(seed: UInt64, spread: Bool) throws {
        var rng = SplitMix64(seed: seed)
        var seen = Set<IPPrefix>()
        var prefixes: [IPPrefix] = []
        // Spread: random top bits everywhere, keeping nesting through the low bits.
        func v4High() -> UInt32 { spread ? UInt32(truncatingIfNeeded: rng.next()) & 0xFFF0_0000 : 0x0A00_0000 }
        func v6High() -> UInt128 { UInt128(spread ? rng.next() & 0xFFFF_FFFF : 0x2001_0db8) << 96 }
        while prefixes.count < 2_000 {
            if rng.next() % 4 != 0 {
                // IPv4 in 10.0.0.0/12 with lengths 8–32: lots of nesting. Now and then a /4–/7.
                let address = v4High() | UInt32(truncatingIfNeeded: rng.next()) & 0x000F_FFFF
                let length = rng.next() % 50 == 0 ? 4 + Int(rng.next() % 4) : 8 + Int(rng.next() % 25)
                let prefix = IPPrefix(truncating: .v4(address), length: length)
                if seen.insert(prefix).inserted { prefixes.append(prefix) }
            } else {
                // IPv6 in 2001:db8::/32 with 18 random bits after it and lengths 33–128.
                let address =
                    v6High() | UInt128(rng.next() & 0x3_FFFF) << 78
                    | UInt128(rng.next())
                let prefix = IPPrefix(truncating: .v6(address), length: 33 + Int(rng.next() % 96))
                if seen.insert(prefix).inserted { prefixes.append(prefix) }
            }
        }
        let table = try PrefixTable(prefixes.enumerated().map { ($0.element, $0.offset) })
        let naive = NaiveLongestPrefixMatch(prefixes)

        var hits = 0
        for _ in 0..<5_000 {
            let address: IPAddress
            switch rng.next() % 4 {
            case 0:
                // Inside a random prefix (and so a hit).
                let prefix = prefixes[Int(rng.next() % UInt64(prefixes.count))]
                switch (prefix.first, prefix.last) {
                case (.v4(let first), .v4(let last)):
                    address = .v4(first | UInt32(truncatingIfNeeded: rng.next()) & (last - first))
                case (.v6(let first), .v6(let last)):
                    address = .v6(first | (UInt128(rng.next()) << 64 | UInt128(rng.next())) & (last - first))
                default:
                    Issue.record("mixed families")
                    return
                }
            case 1:
                address = .v4(v4High() | UInt32(truncatingIfNeeded: rng.next()) & 0x001F_FFFF)
            case 2:
                address = .v4(UInt32(truncatingIfNeeded: rng.next()))
            default:
                address = .v6(
                    v6High() | UInt128(rng.next() & 0x7_FFFF) << 77 | UInt128(rng.next()))
            }
            let expected = naive.lookup(address)
            #expect(table.lookupIndex(address) == expected, "\(address)")
            if expected != nil { hits += 1 }
        }
        // The generator should exercise both hits and misses.
        #expect(hits > 1_000 && hits < 4_500, "\(hits) hits")
    }
}

/// Longest-prefix match by scanning every prefix: slow and obviously right.
struct NaiveLongestPrefixMatch {
    private let entries: [(isV6: Bool, first: UInt128, last: UInt128, length: Int)]

    init(_ prefixes: [IPPrefix]) {
        entries = prefixes.map { prefix in
            switch (prefix.first, prefix.last) {
            case (.v4(let first), .v4(let last)): (false, UInt128(first), UInt128(last), prefix.length)
            case (.v6(let first), .v6(let last)): (true, first, last, prefix.length)
            default: preconditionFailure("mixed families")
            }
        }
    }

    func lookup(_ address: IPAddress) -> Int? {
        let (isV6, key): (Bool, UInt128) =
            switch address {
            case .v4(let value): (false, UInt128(value))
            case .v6(let value): (true, value)
            }
        var best: Int?
        var bestLength = -1
        for (index, entry) in entries.enumerated()
        where entry.isV6 == isV6 && entry.first <= key && key <= entry.last && entry.length > bestLength {
            best = index
            bestLength = entry.length
        }
        return best
    }
}

