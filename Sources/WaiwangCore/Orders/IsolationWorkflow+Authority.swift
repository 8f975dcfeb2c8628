extension IsolationWorkflow {
    /// Who may take each step: security staff and admins decide; a county operator (in its division) records
    /// remediation; the agent reports ports. Four eyes: the approver is never the proposer, the retrospective
    /// approver never the lead who isolated, the verifier never the one who recorded the remediation.
    static func authorize(_ action: IsolationAction, on order: IsolationOrder, by actor: Principal)
        throws(RegistryError)
    {
        // An agent is confined by its hub, which the registry checks when it routes the report.
        if actor.role != .agent {
            try actor.requireScope(division: order.division, what: "isolation order \(order.id)")
        }
        let allowed: [Role]
        switch action {
        case .reportPort: allowed = [.agent, .admin]
        case .startRemediation, .submitRemediation: allowed = [.county, .security, .admin]
        default: allowed = [.security, .admin]
        }
        guard allowed.contains(actor.role) else {
            throw .forbidden(
                "\(actor.name) (\(actor.role.rawValue)) may not \(action.name) an isolation order; \(allowed.map(\.rawValue).joined(separator: " or ")) may"
            )
        }
        switch action {
        case .approve where actor.name == Principal.system.name,
            .approveRetrospectively where actor.name == Principal.system.name,
            .verify(true, _) where actor.name == Principal.system.name:
            throw fourEyes("the registry itself may not \(action.name) order \(order.id); a person must")
        case .approve where actor.name == order.proposedBy:
            throw fourEyes(
                "\(actor.name) proposed order \(order.id) and may not approve it; another person must (四眼原则)")
        case .approveRetrospectively where actor.name == order.emergency?.actor:
            throw fourEyes(
                "\(actor.name) isolated at once under order \(order.id) and may not approve it afterwards; another person must"
            )
        case .verify(true, _) where actor.name == order.remediation?.by:
            throw fourEyes(
                "\(actor.name) recorded the remediation of order \(order.id) and may not accept it; another person must"
            )
        default:
            return
        }
    }

    static func fourEyes(_ message: String) -> RegistryError {
        RegistryError(.forbidden, rule: "four-eyes", message)
    }
}
