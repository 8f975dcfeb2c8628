/// Where an isolation order stands (articles 21(4), 25): proposed → approved → executing → isolated →
/// remediating → verifying → restored → closed, or rejected / cancelled before anything was cut.
public enum IsolationState: String, Sendable, Codable, CaseIterable {
    case proposed, approved, executing, isolated, remediating, verifying, restored, closed, rejected, cancelled

    /// The Chinese label for the UI and the reports.
    public var label: String {
        switch self {
        case .proposed: "待审批"
        case .approved: "已批准"
        case .executing: "执行中"
        case .isolated: "已隔离"
        case .remediating: "整改中"
        case .verifying: "待验证"
        case .restored: "已恢复"
        case .closed: "已关闭"
        case .rejected: "已驳回"
        case .cancelled: "已撤销"
        }
    }

    /// No transition leaves these.
    public var isFinal: Bool { self == .closed || self == .rejected || self == .cancelled }

    /// True while the unit's ports are (or may be) down: the unit shows `isolated` in the registry.
    public var cutsUnit: Bool {
        switch self {
        case .executing, .isolated, .remediating, .verifying: true
        default: false
        }
    }

    /// Parses a state by its code or its Chinese label; refuses anything else, naming the codes.
    public init(parsing text: String, field: String = "state") throws(RegistryError) {
        let trimmed = text.trimmingBlanks()
        guard
            let state = IsolationState(rawValue: trimmed.lowercased())
                ?? IsolationState.allCases.first(where: { $0.label == trimmed })
        else {
            throw .invalid(
                field, rule: "order-state",
                "unknown state \"\(text)\"; use \(IsolationState.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = state
    }
}
