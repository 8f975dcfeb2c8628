import Testing
import WaiwangCore

@Suite("findOverlaps")
struct PrefixOverlapTests {
    static func entries(_ list: [(String, String)]) throws -> [(IPPrefix, String)] {
        try list.map { (try IPPrefix.parse($0.0), $0.1) }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var existing: [(String, String)]
        var new: [(String, String)]
        var expected: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "new container of an existing prefix",
            existing: [("10.1.2.0/24", "unit X")], new: [("10.1.0.0/16", "line 1")],
            expected: ["10.1.0.0/16 (line 1) overlaps 10.1.2.0/24 (unit X)"]),
        Case(
            name: "new prefix inside an existing one",
            existing: [("10.0.0.0/8", "city")], new: [("10.1.2.0/24", "line 1")],
            expected: ["10.1.2.0/24 (line 1) overlaps 10.0.0.0/8 (city)"]),
        Case(
            name: "identical prefixes",
            existing: [("10.0.0.0/24", "unit X")], new: [("10.0.0.0/24", "line 1")],
            expected: ["10.0.0.0/24 (line 1) overlaps 10.0.0.0/24 (unit X)"]),
        Case(
            name: "two new prefixes: the later one is in conflict",
            existing: [], new: [("10.5.0.0/16", "line 1"), ("10.0.0.0/8", "line 2"), ("10.5.5.0/24", "line 3")],
            expected: [
                "10.0.0.0/8 (line 2) overlaps 10.5.0.0/16 (line 1)",
                "10.5.5.0/24 (line 3) overlaps 10.5.0.0/16 (line 1)",
                "10.5.5.0/24 (line 3) overlaps 10.0.0.0/8 (line 2)",
            ]),
        Case(
            name: "neighbours do not overlap",
            existing: [("10.0.0.0/25", "unit X")], new: [("10.0.0.128/25", "line 1"), ("10.0.1.0/24", "line 2")],
            expected: []),
        Case(
            name: "families do not overlap",
            existing: [("0.0.0.0/0", "v4 default")], new: [("::/0", "line 1"), ("::ffff:0:0/96", "line 2")],
            expected: ["::ffff:0.0.0.0/96 (line 2) overlaps ::/0 (line 1)"]),
        Case(
            name: "overlaps among existing prefixes are not reported",
            existing: [("10.0.0.0/8", "city"), ("10.1.0.0/16", "county")], new: [("192.0.2.0/24", "line 1")],
            expected: []),
        Case(
            name: "one new prefix over many existing ones, in existing order",
            existing: [("10.1.3.0/24", "c"), ("10.1.1.0/24", "a"), ("10.2.0.0/24", "outside"), ("10.1.2.0/24", "b")],
            new: [("10.1.0.0/16", "line 1")],
            expected: [
                "10.1.0.0/16 (line 1) overlaps 10.1.3.0/24 (c)",
                "10.1.0.0/16 (line 1) overlaps 10.1.1.0/24 (a)",
                "10.1.0.0/16 (line 1) overlaps 10.1.2.0/24 (b)",
            ]),
        Case(
            name: "IPv6",
            existing: [("2001:db8:1::/48", "unit X")],
            new: [("2001:db8::/32", "line 1"), ("2001:db8:2::/48", "line 2"), ("2001:db8:1:5::/64", "line 3")],
            expected: [
                "2001:db8::/32 (line 1) overlaps 2001:db8:1::/48 (unit X)",
                "2001:db8:2::/48 (line 2) overlaps 2001:db8::/32 (line 1)",
                "2001:db8:1:5::/64 (line 3) overlaps 2001:db8:1::/48 (unit X)",
                "2001:db8:1:5::/64 (line 3) overlaps 2001:db8::/32 (line 1)",
            ]),
    ]

    @Test(arguments: cases)
    func conflicts(_ testCase: Case) throws {
        let conflicts = findOverlaps(
            existing: try Self.entries(testCase.existing), new: try Self.entries(testCase.new))
        #expect(conflicts.map(\.description) == testCase.expected)
    }

    @Test func conflictNamesBothSides() throws {
        let conflicts = findOverlaps(
            existing: try Self.entries([("10.1.2.0/24", "unit X")]),
            new: try Self.entries([("10.1.0.0/16", "line 1"), ("10.1.0.0/20", "line 2")]))
        #expect(conflicts.count == 3)
        let first = try #require(conflicts.first)
        #expect(first.new == TaggedPrefix(try IPPrefix.parse("10.1.0.0/16"), tag: "line 1"))
        #expect(first.conflictsWith == TaggedPrefix(try IPPrefix.parse("10.1.2.0/24"), tag: "unit X"))
        #expect(first.conflictsWithExisting)
        #expect(conflicts[1].new.tag == "line 2" && conflicts[1].conflictsWithExisting)
        #expect(conflicts[2].new.tag == "line 2" && conflicts[2].conflictsWith.tag == "line 1")
        #expect(!conflicts[2].conflictsWithExisting)
    }

    /// Cross-checks the sweep against comparing every pair, on random prefixes from fixed seeds.
    @Test(arguments: [7, 8] as [UInt64])
    func matchesPairwiseComparison(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        func randomPrefix() -> IPPrefix {
            if rng.next() % 3 == 0 {
                let address = UInt128(0x2001_0db8) << 96 | UInt128(rng.next() & 0xFFFF) << 80
                return IPPrefix(truncating: .v6(address), length: 32 + Int(rng.next() % 33))
            }
            let address = 0x0A00_0000 | UInt32(truncatingIfNeeded: rng.next()) & 0x00FF_FFFF
            return IPPrefix(truncating: .v4(address), length: 8 + Int(rng.next() % 21))
        }
        let existing = (0..<400).map { (randomPrefix(), $0) }
        let new = (0..<300).map { (randomPrefix(), 1_000 + $0) }

        var expected: [String] = []
        for (index, candidate) in new.enumerated() {
            for other in existing where candidate.0.overlaps(other.0) {
                expected.append("\(candidate.1)-\(other.1)")
            }
            for other in new[..<index] where candidate.0.overlaps(other.0) {
                expected.append("\(candidate.1)-\(other.1)")
            }
        }
        let found = findOverlaps(existing: existing, new: new).map { "\($0.new.tag)-\($0.conflictsWith.tag)" }
        #expect(found == expected)
        #expect(!expected.isEmpty)
    }
}
