import Foundation
import Testing
import WaiwangCore
import WaiwangStore

extension RegistryFixture {
    /// Journals one pending mail delivery of a sample incident (no dispatcher runs) and returns its id.
    func sampleDelivery(incident: String = "INC-SAMPLE-1") async throws -> Int64 {
        let draft = DeliveryDraft(
            idempotencyKey: "\(incident)/initial/superior/mail/waiwang@yuxi.example.gov.cn", incidentId: incident,
            stage: "initial", authority: "superior", recipient: "玉溪市电子政务外网管理单位（市数据局）", channel: "mail",
            address: "waiwang@yuxi.example.gov.cn", subject: "【政务外网事件首报·较大】示例", body: "示例报告",
            attachmentName: "事件报告-\(incident).md", attachment: "# 示例", rule: "reportable-grade",
            reason: "较大事件", deadline: Date().addingTimeInterval(3600))
        let ids = try await store.journalDeliveries([draft], as: .system)
        if let id = ids.first { return id }
        return try #require(try await store.listDeliveries(DeliveryFilter(incidentId: incident)).first?.id)
    }
}
