import Foundation
import WaiwangAPI
import WaiwangCore
import WaiwangStore

/// Turns a due report into one journal draft per channel and address: the Chinese mail (subject, text body,
/// the Markdown report attached as `事件报告-<incident>.md`) and the webhook's signed JSON. Pure.
enum EscalationRendering {
    /// `incidentId/stage/authority/channel/address`: a repeated escalation finds its drafts already journaled.
    static func key(incident: String, _ due: DueReport, channel: String, address: String) -> String {
        "\(incident)/\(due.stage.rawValue)/\(due.authority.rawValue)/\(channel)/\(address)"
    }

    /// The drafts of `due`; `held` gives, per channel not configured, why it cannot be sent now.
    static func drafts(for due: DueReport, incidentId: String, input: IncidentReportInput, held: [String: String])
        -> [DeliveryDraft]
    {
        var input = input
        input.deadline = due.deadline
        let report = IncidentReport(input)
        let subject = subject(due, report: report, grade: input.incident.grade)
        let deadline = Date(timeIntervalSince1970: TimeInterval(due.deadline.secondsSince1970))
        func draft(_ channel: String, _ address: String, body: String, attachment: (String, String)? = nil)
            -> DeliveryDraft
        {
            DeliveryDraft(
                idempotencyKey: key(incident: incidentId, due, channel: channel, address: address),
                incidentId: incidentId, stage: due.stage.rawValue, authority: due.authority.rawValue,
                recipient: due.recipientName, channel: channel, address: address, subject: subject, body: body,
                attachmentName: attachment?.0, attachment: attachment?.1, rule: due.rule, reason: due.reason,
                deadline: deadline, problem: channel == "none" ? due.problem : held[channel])
        }
        guard !due.channels.isEmpty else {
            return [
                draft(
                    "none", "-",
                    body: "\(due.problem ?? "no recipient configured"); add one to Config/escalation.json and restart")
            ]
        }
        let markdown = report.markdown(timeline: timeline(input))
        let attachmentName = "事件报告-\(incidentId).md"
        return due.channels.map { channel -> DeliveryDraft in
            switch channel {
            case .mail(let address):
                return draft(
                    "mail", address, body: mailBody(due, report: report, attachmentName: attachmentName),
                    attachment: (attachmentName, markdown))
            case .webhook(let url):
                let body = EscalationWebhookBody(
                    idempotencyKey: key(incident: incidentId, due, channel: "webhook", address: url),
                    incidentId: incidentId, stage: due.stage.rawValue, authority: due.authority.rawValue,
                    recipient: due.recipientName, deadline: iso8601(deadline), rule: due.rule, reason: due.reason,
                    grade: input.incident.grade.rawValue, title: report.title,
                    fields: report.fields.map { EscalationWebhookBody.Field(label: $0.label, value: $0.value) },
                    text: report.plainText, markdown: markdown)
                return draft("webhook", url, body: json(body))
            }
        }
    }

    /// 【政务外网事件首报·较大】…, naming what the report is for.
    static func subject(_ due: DueReport, report: IncidentReport, grade: IncidentGrade) -> String {
        let what =
            switch (due.stage, due.rule) {
            case (.summary, _): "事件总结报告"
            case (_, "isolation"): "隔离处置报告"
            case (_, "suspected-crime"): "涉嫌违法犯罪报告"
            default: "事件首报"
            }
        return "【政务外网\(what)·\(grade.label)】\(report.title)"
    }

    /// The salutation, why the report is owed and by when, then the report's fields.
    static func mailBody(_ due: DueReport, report: IncidentReport, attachmentName: String) -> String {
        """
        \(due.recipientName)：

        \(due.reason)。报告时限：\(due.deadline.chinaText) 前（北京时间）。完整报告见附件《\(attachmentName)》。

        \(report.plainText)
        """
    }

    /// The incident's and the order's timeline, in time order.
    static func timeline(_ input: IncidentReportInput) -> [TimelineEntry] {
        let entries = input.incident.timeline + (input.order?.timeline ?? [])
        return entries.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
    }

    static func iso8601(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    static func json(_ body: EscalationWebhookBody) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings and arrays cannot fail.
        return (try? encoder.encode(body)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
