/// A step of the application workflow, as a person takes it.
public enum ApplicationAction: String, Sendable, Codable, CaseIterable {
    case submit
    case startReview = "review"
    case approve, reject
    case startProvisioning = "provision"
    case completeProvisioning = "complete"
    case withdraw
}

/// The application workflow's state machine: pure, so every transition is table-tested.
public enum ApplicationWorkflow {
    /// The state an action leads to, or nil when the action is not possible from `state`.
    public static func target(_ state: ApplicationState, _ action: ApplicationAction, kind: ApplicationKind)
        -> ApplicationState?
    {
        switch (state, action) {
        case (.draft, .submit): .submitted
        case (.submitted, .startReview): .underReview
        case (.underReview, .approve): .approved
        case (.underReview, .reject): .rejected
        case (.approved, .startProvisioning): .provisioning
        case (.provisioning, .completeProvisioning): kind == .withdrawal ? .withdrawn : .active
        case (.draft, .withdraw), (.submitted, .withdraw), (.underReview, .withdraw): .withdrawn
        default: nil
        }
    }

    /// The actions possible from a state.
    public static func actions(from state: ApplicationState, kind: ApplicationKind) -> [ApplicationAction] {
        ApplicationAction.allCases.filter { target(state, $0, kind: kind) != nil }
    }

    /// The state an action leads to, or a refusal naming the state and what is possible from it.
    public static func next(_ state: ApplicationState, _ action: ApplicationAction, kind: ApplicationKind)
        throws(RegistryError) -> ApplicationState
    {
        if let next = target(state, action, kind: kind) { return next }
        let possible = actions(from: state, kind: kind)
        let hint =
            possible.isEmpty
            ? "it is \(state.rawValue) (\(state.label)) and final"
            : "from \(state.rawValue) (\(state.label)) only \(possible.map(\.rawValue).joined(separator: ", ")) is possible"
        throw .conflict("state", rule: "application-workflow", "cannot \(action.rawValue) this application: \(hint)")
    }
}
