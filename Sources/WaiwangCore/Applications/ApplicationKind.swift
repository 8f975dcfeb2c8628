/// What an access application asks for (article 18): to join the extranet, to change a unit's access, or to leave.
public enum ApplicationKind: String, Sendable, Codable, CaseIterable {
    case newAccess = "new-access"
    case change
    case withdrawal

    /// The Chinese label of the form.
    public var label: String {
        switch self {
        case .newAccess: "新接入申请"
        case .change: "变更申请"
        case .withdrawal: "退网申请"
        }
    }

    public init(parsing text: String, field: String = "kind") throws(RegistryError) {
        let trimmed = text.trimmingBlanks().lowercased()
        if let kind = ApplicationKind(rawValue: trimmed) {
            self = kind
            return
        }
        switch trimmed {
        case "new", "newaccess", "新接入", "接入", "新接入申请": self = .newAccess
        case "变更", "变更申请": self = .change
        case "withdraw", "退网", "退网申请": self = .withdrawal
        default:
            throw .invalid(
                field, rule: "application-kind",
                "unknown application kind \"\(text)\"; use new-access, change or withdrawal")
        }
    }
}

/// Where an application stands: draft → submitted → under review → approved | rejected → provisioning → active,
/// or withdrawn (taken back by the applicant, or a withdrawal carried out).
public enum ApplicationState: String, Sendable, Codable, CaseIterable {
    case draft, submitted
    case underReview = "under-review"
    case approved, rejected, provisioning, active, withdrawn

    public var label: String {
        switch self {
        case .draft: "草稿"
        case .submitted: "已提交"
        case .underReview: "审核中"
        case .approved: "已批准"
        case .rejected: "已驳回"
        case .provisioning: "开通中"
        case .active: "已开通"
        case .withdrawn: "已撤回/已退网"
        }
    }

    /// No transition leaves these.
    public var isFinal: Bool { self == .rejected || self == .active || self == .withdrawn }

    public init(parsing text: String, field: String = "state") throws(RegistryError) {
        let trimmed = text.trimmingBlanks().lowercased()
        if let state = ApplicationState(rawValue: trimmed) {
            self = state
            return
        }
        if let state = ApplicationState.allCases.first(where: { $0.label == text.trimmingBlanks() }) {
            self = state
            return
        }
        throw .invalid(
            field, rule: "application-state",
            "unknown application state \"\(text)\"; use one of \(ApplicationState.allCases.map(\.rawValue).joined(separator: ", "))"
        )
    }
}
