extension IsolationWorkflow {
    /// A new order in `proposed`, by security staff, an admin, or the registry's policy (`Principal.system`).
    /// Every port must carry the unit; the entry names the other units it would cut.
    public static func propose(
        id: String, incidentId: String? = nil, unit: String, division: String, reason: String,
        ports: [IsolationPort], by actor: Principal, at now: Instant
    ) throws(RegistryError) -> IsolationStep {
        let order = try draft(
            id: id, incidentId: incidentId, unit: unit, division: division, reason: reason, ports: ports, by: actor,
            at: now)
        var step = IsolationStep(order: order)
        let collateral = order.collateralUnits
        step.record(
            .order(
                orderId: id, state: .proposed,
                note: collateral.isEmpty ? reason : "\(reason)；将同时中断：\(collateral.joined(separator: "、"))"),
            at: now, by: actor.name)
        return step
    }

    /// The emergency path: a security lead (an admin, or security staff listed in `policy.emergencyLeads`)
    /// proposes, approves and executes in one step. The order is marked emergency and needs a retrospective
    /// approval by someone else within `policy.retrospectiveApprovalMinutes`. A shared link still needs its
    /// collateral acknowledged, here by `acknowledgingCollateral`.
    public static func isolateNow(
        id: String, incidentId: String? = nil, unit: String, division: String, reason: String,
        ports: [IsolationPort], acknowledgingCollateral: Bool = false, by actor: Principal, at now: Instant,
        policy: IsolationPolicy
    ) throws(RegistryError) -> IsolationStep {
        guard actor.role == .admin || (actor.role == .security && policy.emergencyLeads.contains(actor.name)) else {
            throw .forbidden(
                "\(actor.name) (\(actor.role.rawValue)) is not a security lead; only admins and the emergencyLeads of Config/isolation.json may isolate at once"
            )
        }
        var order = try draft(
            id: id, incidentId: incidentId, unit: unit, division: division, reason: reason, ports: ports, by: actor,
            at: now)
        if !order.collateralUnits.isEmpty {
            guard acknowledgingCollateral else {
                throw .conflict(
                    "collateral", rule: "shared-link-collateral",
                    "an emergency isolation of \(unit) would also cut \(order.collateralUnits.joined(separator: ", ")) (shared link, article 17); acknowledge the collateral explicitly"
                )
            }
            order.collateralAcknowledgedBy = actor.name
        }
        order.emergency = EmergencyIsolation(
            actor: actor.name, at: now, retrospectiveDue: now.adding(minutes: policy.retrospectiveApprovalMinutes))
        var step = IsolationStep(order: order)
        step.record(.order(orderId: id, state: .proposed, note: "紧急隔离：\(reason)"), at: now, by: actor.name)
        step.record(.order(orderId: id, state: .approved, note: "紧急隔离，须事后审批"), at: now, by: actor.name)
        step.commands = order.ports.map { PortCommand(direction: .down, device: $0.device, ifName: $0.ifName) }
        step.move(to: .executing, at: now, by: actor.name)
        return step
    }

    static func draft(
        id: String, incidentId: String?, unit: String, division: String, reason: String, ports: [IsolationPort],
        by actor: Principal, at now: Instant
    ) throws(RegistryError) -> IsolationOrder {
        guard actor.role == .security || actor.role == .admin else {
            throw .forbidden(
                "\(actor.name) (\(actor.role.rawValue)) may not propose an isolation order; security or admin may")
        }
        try actor.requireScope(division: division, what: "units")
        let why = try required(reason, "reason")
        guard !ports.isEmpty else {
            throw .invalid(
                "ports", rule: "isolation-workflow", "an isolation order needs the hub ports of \(unit)'s links")
        }
        if let stray = ports.first(where: { !$0.carries.contains(unit) }) {
            throw .invalid(
                "ports", rule: "isolation-workflow",
                "port \(stray.name) does not carry \(unit); list only the ports of its links")
        }
        return IsolationOrder(
            id: id, incidentId: incidentId, unit: unit, division: division, reason: why, ports: ports,
            proposedBy: actor.name, proposedAt: now)
    }
}
