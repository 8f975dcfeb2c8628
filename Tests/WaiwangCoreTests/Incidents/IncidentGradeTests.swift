import Testing
import WaiwangCore

@Suite("Incident grades")
struct IncidentGradeTests {
    @Test("four grades, 一般 IV < 较大 III < 重大 II < 特别重大 I")
    func ordering() {
        #expect(IncidentGrade.allCases.sorted() == [.general, .major, .serious, .especiallySerious])
        #expect(IncidentGrade.allCases.map(\.label) == ["一般", "较大", "重大", "特别重大"])
        #expect(IncidentGrade.allCases.map(\.romanNumeral) == ["IV", "III", "II", "I"])
        #expect(IncidentGrade.major.fullLabel == "较大（III级）")
        #expect(max(IncidentGrade.serious, .major) == .serious)
        #expect(IncidentGrade.allCases.filter(\.isReportable) == [.major, .serious, .especiallySerious])
    }

    static let spellings: [(String, IncidentGrade)] = [
        ("major", .major), ("较大", .major), ("较大事件", .major), ("III", .major), ("iii", .major), ("3", .major),
        ("especially-serious", .especiallySerious), ("特别重大", .especiallySerious), ("I", .especiallySerious),
        (" 一般 ", .general), ("IV", .general), ("重大", .serious),
    ]

    @Test("parses names, Chinese labels, roman numerals and level numbers", arguments: spellings)
    func parsing(text: String, grade: IncidentGrade) throws {
        #expect(try IncidentGrade(parsing: text) == grade)
    }

    @Test("an unknown grade is refused with the choices")
    func unknown() {
        let error = #expect(throws: RegistryError.self) { try IncidentGrade(parsing: "severe") }
        #expect(error?.rule == "incident-grade")
        #expect(error?.message.contains("较大") == true)
    }

    @Test("kinds carry the alert's kind names, and two faults")
    func kinds() {
        #expect(IncidentKind(rawValue: "worm_fanout") == .wormFanout)
        #expect(IncidentKind.allCases.filter { $0.category == .fault } == [.deviceUnreachable, .linksDown])
        #expect(IncidentKind.allCases.count == 10)
        #expect(IncidentKind.wormFanout.standardClass == "有害程序事件")
    }
}
