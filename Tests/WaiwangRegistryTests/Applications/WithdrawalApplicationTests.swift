import Foundation
import Hummingbird
import Testing
import WaiwangAPI
import WaiwangCore

extension AccessApplications {
    /// A withdrawal application (退网申请): the unit leaves when provisioning completes.
    @Suite("Withdrawal applications")
    struct Withdrawal {
        static let form = ApplicationForm(unit: RegistryFixture.hongtaCode, reason: "机构改革，单位撤并")

        @Test("a unit alone on its link: approval changes nothing yet; completion removes its link and prefixes")
        func aloneOnItsLink() async throws {
            let fixture = try await ApplicationFixture()
            try await fixture.withAPI { api in
                let link = try #require(await fixture.link(hub: "HT"))
                #expect(link.units.map(\.creditCode) == [RegistryFixture.hongtaCode])
                let application = try await api.submitted(.withdrawal, Self.form)
                let before = try await fixture.counts()

                let approved = try await api.take([.startReview, .approve], on: application.id)
                #expect(approved.state == .approved)
                #expect(approved.notifications.map(\.recipient) == ["applicant", "carrier"])
                #expect(approved.notifications.last?.address == "中国电信")
                // The line is cut when provisioning completes; until then the unit is as it was.
                let unitBefore = try await fixture.unit(RegistryFixture.hongtaCode)
                #expect(unitBefore.state == .active)
                #expect(unitBefore.linkIds == [link.id])
                #expect(unitBefore.prefixes == ["10.1.2.0/24"])

                let done = try await api.take([.startProvisioning, .completeProvisioning], on: application.id)
                #expect(done.state == .withdrawn)
                #expect(done.steps.last == Step("admin", "complete", .provisioning, .withdrawn))
                #expect(done.deadline == nil)
                #expect(done.notifications.last?.body.contains("线路与地址段已收回") == true)
                let unit = try await fixture.unit(RegistryFixture.hongtaCode)
                #expect(unit.state == .withdrawn)
                #expect(unit.linkIds.isEmpty)
                #expect(unit.prefixes.isEmpty)
                #expect(try await fixture.link(hub: "HT") == nil)
                #expect(!(try await fixture.prefixes().map(\.cidr).contains("10.1.2.0/24")))
                let after = try await fixture.counts()
                #expect(after.units == before.units)
                #expect(after.links == before.links - 1)
                #expect(after.prefixes == before.prefixes - 1)
            }
        }

        @Test("a unit on a shared link leaves it to the other unit at the address (article 17)")
        func onASharedLink() async throws {
            let fixture = try await ApplicationFixture()
            let neighbour = RegistryFixture.creditCode(division: "530402", serial: 24)
            _ = try await fixture.store.createUnit(
                RegistryFixture.unit("红塔区档案馆", code: neighbour, address: "红塔区聂耳路28号"), as: .system)
            let shared = try #require(await fixture.link(hub: "HT"))
            _ = try await fixture.store.updateLink(
                shared.id, LinkUpdate(units: [RegistryFixture.hongtaCode, neighbour]), as: .system)
            _ = try await fixture.store.createPrefix(PrefixCreate(unit: neighbour, cidr: "10.1.10.0/24"), as: .system)
            try await fixture.withAPI { api in
                let application = try await api.submitted(.withdrawal, Self.form)
                let before = try await fixture.counts()
                let done = try await api.take(
                    [.startReview, .approve, .startProvisioning, .completeProvisioning], on: application.id)
                #expect(done.state == .withdrawn)

                let link = try #require(await fixture.link(hub: "HT"))
                #expect(link.id == shared.id)
                #expect(link.units.map(\.creditCode) == [neighbour])
                #expect(!link.shared)
                let leaver = try await fixture.unit(RegistryFixture.hongtaCode)
                #expect(leaver.state == .withdrawn)
                #expect(leaver.linkIds.isEmpty)
                #expect(leaver.prefixes.isEmpty)
                let stayer = try await fixture.unit(neighbour)
                #expect(stayer.state == .active)
                #expect(stayer.linkIds == [shared.id])
                #expect(stayer.prefixes == ["10.1.10.0/24"])
                let after = try await fixture.counts()
                #expect(after.links == before.links)
                #expect(after.prefixes == before.prefixes - 1)
            }
        }
    }
}
