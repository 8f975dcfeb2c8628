/// One line of an incident's or an order's record: what happened, who did it, when. Append-only.
public struct TimelineEntry: Hashable, Sendable, Codable {
    public var at: Instant
    /// The principal's name (`system` for the registry itself, the agent's name for port reports).
    public var actor: String
    public var event: TimelineEvent

    public init(at: Instant, actor: String, event: TimelineEvent) {
        self.at = at
        self.actor = actor
        self.event = event
    }

    /// `2026-11-27 08:00:00 张三：定级为较大（III级）（规则 worm-fanout）`, for reports and the UI.
    public var text: String { "\(at.chinaText) \(actor)：\(event.label)" }
}

/// What a timeline entry records.
public enum TimelineEvent: Hashable, Sendable, Codable {
    /// The incident was opened by this alert or fault.
    case opened(alertId: String)
    /// A further alert was folded in.
    case alertJoined(alertId: String)
    /// The severity policy graded it.
    case graded(IncidentGrade, rule: String)
    /// A person raised or lowered the grade.
    case gradeOverridden(from: IncidentGrade, to: IncidentGrade, reason: String)
    /// An isolation order moved to a state.
    case order(orderId: String, state: IsolationState, note: String?)
    /// A port reported by the agent.
    case port(device: String, ifName: String, outcome: PortOutcome, direction: PortDirection)
    /// The registry raised an escalation signal (a failed port, an overdue step).
    case escalation(String)
    /// A free note.
    case note(String)

    /// The Chinese sentence of the event.
    public var label: String {
        switch self {
        case .opened(let alert): "事件创建（告警 \(alert)）"
        case .alertJoined(let alert): "并入告警 \(alert)"
        case .graded(let grade, let rule): "定级为\(grade.fullLabel)（规则 \(rule)）"
        case .gradeOverridden(let from, let to, let reason):
            "人工\(to > from ? "上调" : "下调")级别：\(from.fullLabel) → \(to.fullLabel)，理由：\(reason)"
        case .order(let id, let state, let note): "隔离工单 \(id) \(state.label)" + (note.map { "：\($0)" } ?? "")
        case .port(let device, let ifName, let outcome, let direction):
            "端口 \(device) \(ifName) \(direction.label)\(outcome.label)"
        case .escalation(let text): "升级提醒：\(text)"
        case .note(let text): text
        }
    }
}
