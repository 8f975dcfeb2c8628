import Testing
import WaiwangCore

extension LinkHealthTests {
    /// History follows ifName across ifIndex renumbering.
    @Suite("Interface renumbering")
    struct InterfaceRenumberingTests {
        typealias Move = InterfaceRenumbering.Move

        struct Case: Sendable, CustomTestStringConvertible {
            var why: String
            var previous: [Int: String]
            var current: [Int: String]
            var kept: [String: Int] = [:]
            var renumbered: [String: Move] = [:]
            var vanished: [String: Int] = [:]
            var appeared: [String: Int] = [:]
            var ambiguous: Set<String> = []
            var testDescription: String { why }
        }

        static let cases: [Case] = [
            Case(
                why: "nothing changed", previous: [1: "Gi0/1", 2: "Gi0/2"], current: [1: "Gi0/1", 2: "Gi0/2"],
                kept: ["Gi0/1": 1, "Gi0/2": 2]),
            Case(
                why: "reboot renumbered everything", previous: [1: "Gi0/1", 2: "Gi0/2"],
                current: [10_101: "Gi0/1", 10_102: "Gi0/2"],
                renumbered: ["Gi0/1": Move(from: 1, to: 10_101), "Gi0/2": Move(from: 2, to: 10_102)]),
            Case(
                why: "two ports swapped indexes", previous: [1: "Gi0/1", 2: "Gi0/2"],
                current: [1: "Gi0/2", 2: "Gi0/1"],
                renumbered: ["Gi0/1": Move(from: 1, to: 2), "Gi0/2": Move(from: 2, to: 1)]),
            Case(
                why: "a card pulled and another inserted on the freed index", previous: [1: "Gi0/1", 5: "Gi1/1"],
                current: [1: "Gi0/1", 5: "Te2/1"], kept: ["Gi0/1": 1], vanished: ["Gi1/1": 5], appeared: ["Te2/1": 5]),
            Case(
                why: "a new VLAN interface", previous: [1: "Gi0/1"], current: [1: "Gi0/1", 300: "Vlan300"],
                kept: ["Gi0/1": 1], appeared: ["Vlan300": 300]),
            Case(
                why: "empty and duplicated names cannot key history",
                previous: [1: "Gi0/1", 2: "", 3: "Tu0", 4: "Tu0"],
                current: [1: "Gi0/1", 2: "", 3: "Tu0", 5: "Tu0"], kept: ["Gi0/1": 1], ambiguous: ["", "Tu0"]),
            Case(
                why: "a name duplicated only now is ambiguous, not renumbered", previous: [1: "Gi0/1", 2: "Gi0/2"],
                current: [1: "Gi0/1", 7: "Gi0/2", 8: "Gi0/2"], kept: ["Gi0/1": 1], ambiguous: ["Gi0/2"]),
            Case(why: "first poll", previous: [:], current: [1: "Gi0/1"], appeared: ["Gi0/1": 1]),
            Case(why: "device gone", previous: [1: "Gi0/1"], current: [:], vanished: ["Gi0/1": 1]),
        ]

        @Test("kept, renumbered, vanished, appeared, ambiguous", arguments: cases)
        func renumbering(_ row: Case) {
            let result = InterfaceRenumbering(previous: row.previous, current: row.current)
            #expect(result.kept == row.kept)
            #expect(result.renumbered == row.renumbered)
            #expect(result.vanished == row.vanished)
            #expect(result.appeared == row.appeared)
            #expect(result.ambiguous == row.ambiguous)
        }
    }
}
