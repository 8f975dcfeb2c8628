/// The Chinese report of an incident, for the mail body (`plainText`) and the attachment (`markdown`).
public struct IncidentReport: Hashable, Sendable {
    /// 事件名称.
    public var title: String
    /// The report's fields in order: 事件名称, 发现时间, 事件单位, 链路/汇聚点, 事件类型, 事件级别, 影响范围,
    /// 证据摘要, 已采取措施, 当前状态, 报告时限.
    public var fields: [(label: String, value: String)]
    public var generatedAt: Instant

    public static func == (lhs: IncidentReport, rhs: IncidentReport) -> Bool {
        lhs.title == rhs.title && lhs.generatedAt == rhs.generatedAt
            && lhs.fields.map { "\($0.label)\u{0}\($0.value)" } == rhs.fields.map { "\($0.label)\u{0}\($0.value)" }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(title)
        for field in fields {
            hasher.combine(field.label)
            hasher.combine(field.value)
        }
    }

    /// The report of `input`.
    public init(_ input: IncidentReportInput) {
        let incident = input.incident
        title = "\(input.unitName)\(incident.kind.label)事件"
        generatedAt = input.generatedAt
        fields = [
            ("事件名称", title),
            ("发现时间", ReportText.detection(incident)),
            ("事件单位", ReportText.unit(input)),
            ("链路/汇聚点", ReportText.place(input)),
            (
                "事件类型",
                "\(incident.kind.category.label) · \(incident.kind.standardClass) · \(incident.kind.label)（\(incident.kind.rawValue)）"
            ),
            ("事件级别", "\(incident.grade.fullLabel)；定级依据：\(incident.gradeReason)（规则 \(incident.gradeRule)）"),
            ("影响范围", ReportText.scope(input)),
            ("证据摘要", ReportText.evidence(input)),
            ("已采取措施", ReportText.measures(input.order)),
            ("当前状态", ReportText.status(input.order)),
            ("报告时限", input.deadline.map { "\($0.chinaText) 前（北京时间）" } ?? "无"),
        ]
    }

    /// `标签：值` lines under a heading, for the mail body.
    public var plainText: String {
        var lines = ["【政务外网事件报告】\(title)", ""]
        lines += fields.map { "\($0.label)：\($0.value)" }
        lines += ["", "生成时间：\(generatedAt.chinaText)（北京时间）", "本报告由 Waiwang 根据事件记录自动生成，首报可不完整，后续补报。"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// A Markdown document with a table of the fields and the timeline, for the attachment.
    public func markdown(timeline: [TimelineEntry] = []) -> String {
        var lines = ["# 政务外网事件报告：\(title)", "", "| 项目 | 内容 |", "|---|---|"]
        lines += fields.map { "| \($0.label) | \(ReportText.cell($0.value)) |" }
        if !timeline.isEmpty {
            lines += ["", "## 处置经过", ""]
            lines += timeline.map { "- \(ReportText.cell($0.text))" }
        }
        lines += ["", "生成时间：\(generatedAt.chinaText)（北京时间）"]
        return lines.joined(separator: "\n") + "\n"
    }
}
