import GRDB
import WaiwangAPI
import WaiwangCore

extension RegistryStore {
    /// Isolation orders, newest first, within the caller's scope.
    public func listOrders(_ filter: OrderFilter, as principal: Principal) async throws -> Page<OrderView> {
        try await writer.read { db in
            var conditions = SQLConditions()
            conditions.confine(principal, column: "divisionCode")
            if let state = filter.state { conditions.add("state = ?", state.rawValue) }
            if let incident = filter.incidentId {
                conditions.add("incidentId = ?", incident.trimmingBlanks().uppercased())
            }
            if let unit = filter.unit {
                conditions.add("unitId = ?", try self.resolveUnit(unit, in: db, as: principal).id)
            }
            let total =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM isolationOrder" + conditions.whereClause,
                    arguments: conditions.arguments) ?? 0
            var arguments = conditions.arguments
            arguments += [filter.limit, filter.offset]
            let items = try String.fetchAll(
                db,
                sql: "SELECT value FROM isolationOrder" + conditions.whereClause
                    + " ORDER BY serial DESC LIMIT ? OFFSET ?", arguments: arguments
            ).map { try self.orderView(IncidentCodec.value(IsolationOrder.self, $0), in: db) }
            return Page(items: items, total: total, limit: filter.limit, offset: filter.offset)
        }
    }

    /// One isolation order with its ports' outcomes and its timeline.
    public func order(_ id: String, as principal: Principal) async throws -> OrderView {
        try await writer.read { db in try self.orderView(try self.resolveOrder(id, in: db, as: principal), in: db) }
    }

    func orderView(_ order: IsolationOrder, in db: Database) throws -> OrderView {
        let row = try Row.fetchOne(
            db, sql: "SELECT createdAt, updatedAt FROM isolationOrder WHERE id = ?", arguments: [order.id])
        let unitName =
            try Int64(order.unit).flatMap {
                try String.fetchOne(db, sql: "SELECT name FROM unit WHERE id = ?", arguments: [$0])
            } ?? order.unit
        // A port with a command still waiting for its result shows `sent` rather than `pending`.
        var outstanding: Set<String> = []
        for command in try Row.fetchAll(
            db,
            sql: """
                SELECT ic.direction, ic.device, ic.ifName FROM isolationCommand ic
                JOIN agentCommand ac ON ac.id = ic.commandId WHERE ic.orderId = ? AND ac.resultAt IS NULL
                """, arguments: [order.id])
        {
            outstanding.insert(
                "\(command["direction"] as String) \(command["device"] as String) \(command["ifName"] as String)")
        }
        func text(_ outcome: PortOutcome, _ direction: PortDirection, _ port: IsolationPort) -> String {
            switch outcome {
            case .pending:
                outstanding.contains("\(direction.rawValue) \(port.device) \(port.ifName)") ? "sent" : "pending"
            case .confirmed: "confirmed"
            case .failed: "failed"
            case .timedOut: "timed_out"
            }
        }
        let ports = order.ports.map { port in
            var failure: String?
            for outcome in [port.shutdown, port.restore] { if case .failed(let reason) = outcome { failure = reason } }
            return OrderPortView(
                device: port.device, ifName: port.ifName, links: [port.link], units: port.carries,
                down: text(port.shutdown, .down, port), up: text(port.restore, .up, port), failure: failure)
        }
        return OrderView(
            id: order.id, incidentId: order.incidentId, unit: order.unit, unitName: unitName,
            divisionCode: order.division, reason: order.reason, state: order.state.rawValue,
            stateLabel: order.state.label, proposedBy: order.proposedBy, approvedBy: order.approvedBy,
            emergency: order.emergency != nil,
            retrospectiveDue: order.emergency.map { IncidentCodec.time($0.retrospectiveDue) },
            retrospectivelyApprovedBy: order.emergency?.approvedBy, collateralUnits: order.collateralUnits,
            collateralAcknowledgedBy: order.collateralAcknowledgedBy, failed: order.failed, ports: ports,
            remediation: order.remediation.map {
                RemediationView(
                    summary: $0.summary, attachments: $0.attachments, by: $0.by, at: IncidentCodec.time($0.at))
            }, verifiedBy: order.verifiedBy, createdAt: row?["createdAt"] ?? IncidentCodec.time(order.proposedAt),
            updatedAt: row?["updatedAt"] ?? IncidentCodec.time(order.stateEnteredAt),
            possibleActions: Self.apiActions(order), deadlines: deadlines(of: order),
            timeline: order.timeline.map(Self.timelineView))
    }

    /// The possible steps as the API spells them: `remediate` covers starting and submitting the remediation;
    /// the agent's port reports are not a person's steps; collateral and retry only when there is something to do.
    static func apiActions(_ order: IsolationOrder) -> [String] {
        var names: [String] = []
        for name in IsolationWorkflow.possibleActionNames(order) where !name.hasPrefix("report-port") {
            if name == "acknowledge-collateral" && !order.needsCollateralAcknowledgement { continue }
            if name == "retry" && order.failedPorts.isEmpty { continue }
            let api = name == "start-remediation" ? "remediate" : name
            if !names.contains(api) { names.append(api) }
        }
        return names
    }

    /// The clocks running on the order now.
    func deadlines(of order: IsolationOrder) -> [OrderDeadlineView] {
        IsolationClock.deadlines(
            order, policy: incidentPolicy.isolation, calendar: calendar, now: IncidentCodec.instant(now())
        ).map {
            OrderDeadlineView(
                step: $0.step.rawValue, label: $0.step.label, since: IncidentCodec.time($0.since),
                due: $0.due.map(IncidentCodec.time), overdue: $0.overdue, problem: $0.problem)
        }
    }
}
