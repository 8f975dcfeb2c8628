extension IsolationWorkflow {
    static func acknowledgeCollateral(_ step: inout IsolationStep, by actor: String, at now: Instant)
        throws(RegistryError)
    {
        let units = step.order.collateralUnits
        guard !units.isEmpty else {
            throw .conflict(
                "collateral", rule: "shared-link-collateral",
                "order \(step.order.id) cuts no other unit (each port is \(step.order.unit)'s alone); nothing to acknowledge"
            )
        }
        guard step.order.collateralAcknowledgedBy == nil else {
            throw .conflict(
                "collateral", rule: "shared-link-collateral",
                "the collateral of order \(step.order.id) was already acknowledged by \(step.order.collateralAcknowledgedBy ?? "")"
            )
        }
        step.order.collateralAcknowledgedBy = actor
        step.record(.note("确认隔离将同时中断共用链路的单位：\(units.joined(separator: "、"))"), at: now, by: actor)
    }

    static func execute(_ step: inout IsolationStep, by actor: String, at now: Instant) throws(RegistryError) {
        guard !step.order.needsCollateralAcknowledgement else {
            throw .conflict(
                "collateral", rule: "shared-link-collateral",
                "order \(step.order.id) would also cut \(step.order.collateralUnits.joined(separator: ", ")) (shared link, article 17); acknowledge the collateral explicitly first, or register \(step.order.unit)'s own sub-interface or VLAN port"
            )
        }
        for index in step.order.ports.indices { step.order.ports[index].shutdown = .pending }
        step.commands = step.order.ports.map { PortCommand(direction: .down, device: $0.device, ifName: $0.ifName) }
        step.move(to: .executing, at: now, by: actor)
    }

    static func report(
        _ step: inout IsolationStep, device: String, ifName: String, direction: PortDirection, outcome: PortOutcome,
        by actor: String, at now: Instant
    ) throws(RegistryError) {
        guard let index = step.order.ports.firstIndex(where: { $0.device == device && $0.ifName == ifName }) else {
            throw .notFound("port", "order \(step.order.id) has no port \(device) \(ifName)")
        }
        if direction == .up && step.order.restoreRequestedAt == nil {
            throw .conflict(
                "port", rule: "port-confirmation",
                "order \(step.order.id) has not sent port.restore; a port-up report cannot apply")
        }
        switch direction {
        case .down: step.order.ports[index].shutdown = outcome
        case .up: step.order.ports[index].restore = outcome
        }
        let port = step.order.ports[index]
        step.record(.port(device: device, ifName: ifName, outcome: outcome, direction: direction), at: now, by: actor)
        if outcome.isFailure {
            let text =
                direction == .down
                ? "端口 \(port.name) 关闭\(outcome.label)，单位 \(step.order.unit) 尚未隔离，须人工处置"
                : "端口 \(port.name) 恢复\(outcome.label)，单位 \(step.order.unit) 尚未恢复接入，须人工处置"
            step.escalations.append(text)
            step.record(.escalation(text), at: now, by: "system")
        }
        guard step.order.ports.allSatisfy({ $0.outcome(direction) == .confirmed }) else { return }
        if direction == .down {
            step.order.isolatedAt = now
            step.move(to: .isolated, at: now, by: "system", note: "全部 \(step.order.ports.count) 个端口已确认关闭")
        } else {
            step.move(to: .restored, at: now, by: "system", note: "全部 \(step.order.ports.count) 个端口已确认恢复")
        }
    }

    static func retry(_ step: inout IsolationStep, by actor: String, at now: Instant) throws(RegistryError) {
        let direction: PortDirection = step.order.state == .executing ? .down : .up
        let failed = step.order.failedPorts
        guard !failed.isEmpty, direction == .down || step.order.restoreRequestedAt != nil else {
            throw .conflict(
                "ports", rule: "port-confirmation", "order \(step.order.id) has no failed or timed-out port to retry")
        }
        for index in step.order.ports.indices where step.order.ports[index].outcome(direction).isFailure {
            if direction == .down {
                step.order.ports[index].shutdown = .pending
            } else {
                step.order.ports[index].restore = .pending
            }
        }
        step.commands = failed.map { PortCommand(direction: direction, device: $0.device, ifName: $0.ifName) }
        step.record(.note("重发\(direction.label)命令：\(failed.map(\.name).joined(separator: "、"))"), at: now, by: actor)
    }

    static func verify(
        _ step: inout IsolationStep, accepted: Bool, note: String, by actor: String, at now: Instant
    ) throws(RegistryError) {
        guard step.order.verifiedBy == nil, step.order.restoreRequestedAt == nil else {
            throw .conflict(
                "state", rule: "isolation-workflow",
                "the remediation of order \(step.order.id) was already accepted by \(step.order.verifiedBy ?? "")")
        }
        if accepted {
            step.order.verifiedBy = actor
            let text = note.trimmingBlanks()
            step.record(.note("整改验证通过" + (text.isEmpty ? "" : "：\(text)")), at: now, by: actor)
        } else {
            step.move(to: .remediating, at: now, by: actor, note: "整改验证未通过：\(try required(note, "note"))")
        }
    }

    static func restore(_ step: inout IsolationStep, by actor: String, at now: Instant) throws(RegistryError) {
        guard step.order.verifiedBy != nil else {
            throw .conflict(
                "verification", rule: "isolation-workflow",
                "order \(step.order.id): the remediation must be verified before the ports are restored")
        }
        guard step.order.restoreRequestedAt == nil else {
            throw .conflict(
                "state", rule: "isolation-workflow",
                "order \(step.order.id): port.restore was already sent; retry the failed ports instead")
        }
        step.order.restoreRequestedAt = now
        for index in step.order.ports.indices { step.order.ports[index].restore = .pending }
        step.commands = step.order.ports.map { PortCommand(direction: .up, device: $0.device, ifName: $0.ifName) }
        step.record(.note("下发恢复命令：\(step.order.ports.map(\.name).joined(separator: "、"))"), at: now, by: actor)
    }

    static func approveRetrospectively(_ step: inout IsolationStep, by actor: String, at now: Instant)
        throws(RegistryError)
    {
        guard var emergency = step.order.emergency else {
            throw .conflict(
                "emergency", rule: "emergency-approval", "order \(step.order.id) was not an emergency isolation")
        }
        guard emergency.approvedBy == nil else {
            throw .conflict(
                "emergency", rule: "emergency-approval",
                "order \(step.order.id) was already approved afterwards by \(emergency.approvedBy ?? "")")
        }
        let late = emergency.overdue(at: now)
        emergency.approvedBy = actor
        emergency.approvedAt = now
        step.order.emergency = emergency
        step.order.approvedBy = actor
        step.order.approvedAt = now
        step.record(.note("紧急隔离事后审批通过" + (late ? "（已超过时限）" : "")), at: now, by: actor)
    }
}
