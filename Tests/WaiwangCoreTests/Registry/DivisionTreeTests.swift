import Testing
import WaiwangCore

/// The shipped tree and the checks that keep a hand-edited `Config/divisions.json` sound.
@Suite("Division tree")
struct DivisionTreeTests {
    @Test("the shipped tree is valid: 玉溪市 and its nine counties, each with its own hub")
    func shippedTree() throws {
        let tree = try DivisionTreeFixture.shipped()
        try tree.validate()
        #expect(tree.province == "云南省")
        #expect(tree.divisions.count == 10)
        #expect(tree.divisions.first == DivisionTreeFixture.yuxi)
        #expect(tree.divisions.contains(DivisionTreeFixture.hongta))
        #expect(tree.divisions.contains(DivisionTreeFixture.tonghai))
        #expect(Set(tree.hubs.map(\.code)).count == 10)
        #expect(tree.hubs.first { $0.divisionCode == "530400" }?.code == "YX")
        #expect(tree.hubs.first { $0.divisionCode == "530402" }?.code == "HT")
    }

    @Test("a code that is not 6 digits, a repeated code, a repeated or empty hub code, or a county outside the city is refused")
    func refusals() throws {
        let tree = try DivisionTreeFixture.shipped()
        func refusal(_ change: (inout DivisionTree) -> Void) -> RegistryError? {
            var broken = tree
            change(&broken)
            return #expect(throws: RegistryError.self) { try broken.validate() }
        }
        #expect(refusal { $0.counties[0].code = "53040" }?.rule == "gb2260")
        #expect(refusal { $0.counties[0].code = "53040A" }?.rule == "gb2260")
        #expect(refusal { $0.counties[1].code = $0.counties[0].code }?.rule == "gb2260")
        #expect(refusal { $0.counties[1].hub.code = $0.counties[0].hub.code }?.rule == "hub-code")
        #expect(refusal { $0.counties[1].hub.code = "" }?.rule == "hub-code")
        #expect(refusal { $0.counties[0].code = "530302" }?.field == "divisions.counties")
    }
}
