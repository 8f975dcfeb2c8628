/// The isolation order's state machine: pure, so every step is table-tested. Each step checks that the action
/// is possible in the order's state, that the actor's role and division allow it, four eyes, the shared-link
/// collateral and the ports' read-backs, and returns the next order with the commands to send.
public enum IsolationWorkflow {
    /// The states from which an action is possible at all (its other preconditions aside).
    public static func states(allowing action: IsolationAction) -> [IsolationState] {
        switch action {
        case .approve, .reject: [.proposed]
        case .cancel, .acknowledgeCollateral: [.proposed, .approved]
        case .execute: [.approved]
        case .reportPort(_, _, let direction, _): direction == .down ? [.executing] : [.verifying]
        case .retryFailedPorts: [.executing, .verifying]
        case .startRemediation: [.isolated]
        case .submitRemediation: [.remediating]
        case .verify, .restore: [.verifying]
        case .close: [.restored]
        case .approveRetrospectively: [.executing, .isolated, .remediating, .verifying, .restored]
        }
    }

    /// The next order after `action` by `actor` at `now`, or a refusal naming the rule: `isolation-workflow`
    /// (not possible in this state), `role-scope`, `four-eyes`, `shared-link-collateral`, `port-confirmation`,
    /// `emergency-approval`.
    public static func next(
        _ order: IsolationOrder, _ action: IsolationAction, by actor: Principal, at now: Instant
    ) throws(RegistryError) -> IsolationStep {
        guard states(allowing: action).contains(order.state) else {
            let possible = possibleActionNames(order)
            let hint =
                possible.isEmpty
                ? "it is \(order.state.rawValue) (\(order.state.label)) and final"
                : "from \(order.state.rawValue) (\(order.state.label)) only \(possible.joined(separator: ", ")) is possible"
            throw .conflict("state", rule: "isolation-workflow", "cannot \(action.name) order \(order.id): \(hint)")
        }
        try authorize(action, on: order, by: actor)
        var step = IsolationStep(order: order)
        switch action {
        case .approve:
            step.order.approvedBy = actor.name
            step.order.approvedAt = now
            step.move(to: .approved, at: now, by: actor.name)
        case .reject(let reason):
            step.move(to: .rejected, at: now, by: actor.name, note: try required(reason, "reason"))
        case .cancel(let reason):
            step.move(to: .cancelled, at: now, by: actor.name, note: try required(reason, "reason"))
        case .acknowledgeCollateral:
            try acknowledgeCollateral(&step, by: actor.name, at: now)
        case .execute:
            try execute(&step, by: actor.name, at: now)
        case .reportPort(let device, let ifName, let direction, let outcome):
            try report(
                &step, device: device, ifName: ifName, direction: direction, outcome: outcome, by: actor.name, at: now)
        case .retryFailedPorts:
            try retry(&step, by: actor.name, at: now)
        case .startRemediation:
            step.move(to: .remediating, at: now, by: actor.name)
        case .submitRemediation(let summary, let attachments):
            let text = try required(summary, "summary")
            step.order.remediation = RemediationRecord(summary: text, attachments: attachments, by: actor.name, at: now)
            step.move(to: .verifying, at: now, by: actor.name, note: text)
        case .verify(let accepted, let note):
            try verify(&step, accepted: accepted, note: note, by: actor.name, at: now)
        case .restore:
            try restore(&step, by: actor.name, at: now)
        case .close:
            if let emergency = order.emergency, emergency.approvedBy == nil {
                throw .conflict(
                    "emergency", rule: "emergency-approval",
                    "order \(order.id) was an emergency isolation by \(emergency.actor) and has no retrospective approval yet; it cannot close until someone else approves it"
                )
            }
            step.move(to: .closed, at: now, by: actor.name)
        case .approveRetrospectively:
            try approveRetrospectively(&step, by: actor.name, at: now)
        }
        return step
    }

    /// The names of the actions possible from the order's state (their other preconditions aside).
    public static func possibleActionNames(_ order: IsolationOrder) -> [String] {
        let samples: [IsolationAction] = [
            .approve, .reject(reason: ""), .cancel(reason: ""), .acknowledgeCollateral, .execute,
            .reportPort(device: "", ifName: "", direction: .down, outcome: .pending),
            .reportPort(device: "", ifName: "", direction: .up, outcome: .pending), .retryFailedPorts,
            .startRemediation, .submitRemediation(summary: "", attachments: []), .verify(accepted: true, note: ""),
            .restore, .close, .approveRetrospectively,
        ]
        return samples.filter { action in
            if case .approveRetrospectively = action, order.emergency?.approvedBy != nil || order.emergency == nil {
                return false
            }
            return states(allowing: action).contains(order.state)
        }.map(\.name)
    }

    static func required(_ text: String, _ field: String) throws(RegistryError) -> String {
        let trimmed = text.trimmingBlanks()
        guard !trimmed.isEmpty else {
            throw .invalid(field, rule: "isolation-workflow", "\(field) is required and was empty")
        }
        return trimmed
    }
}

extension IsolationStep {
    /// Moves the order to `state` and records it.
    mutating func move(to state: IsolationState, at now: Instant, by actor: String, note: String? = nil) {
        order.state = state
        order.stateEnteredAt = now
        record(.order(orderId: order.id, state: state, note: note), at: now, by: actor)
    }

    /// Appends an entry to the order's timeline and to this step's entries.
    mutating func record(_ event: TimelineEvent, at now: Instant, by actor: String) {
        let entry = TimelineEntry(at: now, actor: actor, event: event)
        order.timeline.append(entry)
        entries.append(entry)
    }
}
