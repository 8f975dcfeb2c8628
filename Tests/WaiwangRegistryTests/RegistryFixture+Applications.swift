import Foundation
import WaiwangAPI
import WaiwangCore
import WaiwangStore

extension RegistryFixture {
    /// A one-page PDF as a scanner would write it: enough for the registry's type check.
    static let samplePDF = Data("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".utf8)

    /// A complete new-access form for a 红塔区 unit at a new address, asking for 10.1.9.0/24.
    static func newAccessForm(serial: Int = 95) -> ApplicationForm {
        ApplicationForm(
            unitName: "红塔区审计局", creditCode: creditCode(division: "530402", serial: serial), level: "county",
            divisionCode: "530402", officeAddress: "红塔区珊瑚路\(serial)号", contactName: "周七",
            contactPhone: "0877-2030405", reason: "政务办公需要接入政务外网", business: "OA、视频会议",
            protectiveMeasures: "边界防火墙、终端杀毒", linkKind: "vpdn", carrier: "中国电信", bandwidthMbps: 50,
            prefixes: ["10.1.9.0/24"])
    }

    /// A new-access application walked by the admin to `state` (draft, submitted, under-review, approved or
    /// provisioning), with both attachments; returns its id.
    func application(in state: ApplicationState) async throws -> Int64 {
        let draft = try await store.createApplication(
            ApplicationCreate(kind: ApplicationKind.newAccess.rawValue, form: Self.newAccessForm()), as: .system)
        for kind in ["form", "commitment-letter"] {
            _ = try await store.attach(Self.samplePDF, kind: kind, filename: "\(kind).pdf", to: draft.id, as: .system)
        }
        let steps: [ApplicationAction] = [.submit, .startReview, .approve, .startProvisioning]
        let order: [ApplicationState] = [.draft, .submitted, .underReview, .approved, .provisioning]
        guard let target = order.firstIndex(of: state) else {
            fatalError("the fixture walks applications up to provisioning, not to \(state)")
        }
        // Four eyes: the city authority's reviewer decides what the system filed.
        let reviewer = Principal(name: "reviewer", role: .admin)
        for action in steps.prefix(target) {
            _ = try await store.act(action, on: draft.id,
                                    approval: ApprovalInput(hubDevice: Self.device(ofHub: "HT"), port: "GigabitEthernet0/0/5"),
                                    as: action == .approve ? reviewer : .system)
        }
        return draft.id
    }
}
