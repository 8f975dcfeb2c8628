/// Who is told of what and by when, from `Config/escalation.json`.
public struct EscalationPolicy: Hashable, Sendable, Codable {
    /// Incidents of this grade and above are reported to all three authorities (the national measures: 较大).
    public var reportableGrade: IncidentGrade
    /// Minutes from detection for those reports (1 hour: the extranet is public and key infrastructure).
    public var reportDeadlineMinutes: Int
    /// Minutes from the isolation for the superior authority's notice of an isolation below `reportableGrade`.
    public var isolationReportMinutes: Int
    /// Minutes from detection for the police when a crime is suspected.
    public var crimeReportMinutes: Int
    /// Days after handling ends for the summary report.
    public var summaryReportDays: Int
    public var recipients: [Recipient]

    public init(
        reportableGrade: IncidentGrade = .major, reportDeadlineMinutes: Int = 60, isolationReportMinutes: Int = 240,
        crimeReportMinutes: Int = 60, summaryReportDays: Int = 30, recipients: [Recipient] = []
    ) {
        self.reportableGrade = reportableGrade
        self.reportDeadlineMinutes = reportDeadlineMinutes
        self.isolationReportMinutes = isolationReportMinutes
        self.crimeReportMinutes = crimeReportMinutes
        self.summaryReportDays = summaryReportDays
        self.recipients = recipients
    }

    /// The recipient of `authority` for `division`: its own entry, else the `*` entry, else nil.
    public func recipient(_ authority: Authority, division: String) -> Recipient? {
        recipients.first { $0.division == division && $0.authority == authority }
            ?? recipients.first { $0.division == "*" && $0.authority == authority }
    }

    /// Refuses limits out of range, a recipient without a name or a channel, a mail address without `@`, a
    /// webhook that is not https, or two entries for one division and authority.
    public func validate() throws(RegistryError) {
        for (field, value) in [
            ("reportDeadlineMinutes", reportDeadlineMinutes), ("isolationReportMinutes", isolationReportMinutes),
            ("crimeReportMinutes", crimeReportMinutes),
        ] where !(1...10_080).contains(value) {
            throw .invalid(field, rule: "escalation-policy", "\(field) must be 1–10080 minutes")
        }
        guard (1...365).contains(summaryReportDays) else {
            throw .invalid(
                "summaryReportDays", rule: "escalation-policy", "summaryReportDays must be 1–365 (the measures set 30)")
        }
        var seen: Set<String> = []
        for (index, recipient) in recipients.enumerated() {
            let field = "recipients[\(index)]"
            guard seen.insert("\(recipient.division)/\(recipient.authority.rawValue)").inserted else {
                throw .invalid(
                    field, rule: "escalation-policy",
                    "\(recipient.division) has two \(recipient.authority.rawValue) recipients")
            }
            guard !recipient.name.trimmingBlanks().isEmpty, !recipient.channels.isEmpty else {
                throw .invalid(
                    field, rule: "escalation-policy",
                    "a recipient needs a name and at least one mail address or webhook")
            }
            if let bad = recipient.mail.first(where: { !$0.contains("@") }) {
                throw .invalid("\(field).mail", rule: "escalation-policy", "\"\(bad)\" is not a mail address")
            }
            if let bad = recipient.webhooks.first(where: { !$0.hasPrefix("https://") }) {
                throw .invalid(
                    "\(field).webhooks", rule: "escalation-policy",
                    "\"\(bad)\" is not an https URL; webhooks carry incident data")
            }
        }
    }
}
