import Foundation
import Testing
import WaiwangCore

/// The domain's clock value: Unix seconds, shown and cut into days in China Standard Time.
@Suite("Instant")
struct InstantTests {
    @Test("China time text and day: 2025-11-26 16:00:00 UTC is 2025-11-27 00:00:00 in Beijing")
    func chinaTime() {
        let midnight = Instant(startOf: CivilDate("2025-11-27")!)
        #expect(midnight.secondsSince1970 == 1_764_172_800)
        #expect(midnight.chinaText == "2025-11-27 00:00:00")
        #expect(midnight.chinaDate == CivilDate("2025-11-27")!)
        #expect(midnight.adding(seconds: -1).chinaDate == CivilDate("2025-11-26")!)
        #expect(midnight.adding(minutes: 61).adding(seconds: 5).chinaText == "2025-11-27 01:01:05")
        #expect(midnight.seconds(to: midnight.adding(minutes: 2)) == 120)
    }

    @Test("encodes as a bare integer")
    func coding() throws {
        let data = try JSONEncoder().encode([Instant(secondsSince1970: 42)])
        #expect(String(decoding: data, as: UTF8.self) == "[42]")
        #expect(try JSONDecoder().decode([Instant].self, from: data) == [Instant(secondsSince1970: 42)])
    }

    @Test("the actions an order offers in its state")
    func possibleActions() throws {
        #expect(
            IsolationWorkflow.possibleActionNames(try IncidentFixture.order(in: .proposed)) == [
                "approve", "reject", "cancel", "acknowledge-collateral",
            ])
        #expect(IsolationWorkflow.possibleActionNames(try IncidentFixture.order(in: .closed)).isEmpty)
    }
}
