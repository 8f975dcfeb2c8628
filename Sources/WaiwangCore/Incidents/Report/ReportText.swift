/// The sentences of the report's fields.
enum ReportText {
    static func detection(_ incident: Incident) -> String {
        "\(incident.detectedAt.chinaText)（北京时间）；攻击/故障持续 \(incident.firstSeen.chinaText) 至 \(incident.lastSeen.chinaText)"
    }

    static func unit(_ input: IncidentReportInput) -> String {
        let code = input.creditCode.map { "（统一社会信用代码：\($0)）" } ?? ""
        return "\(input.unitName)\(code)，\(input.divisionName)"
    }

    static func place(_ input: IncidentReportInput) -> String {
        let link = input.linkName ?? (input.incident.links.isEmpty ? "—" : input.incident.links.joined(separator: "、"))
        return "链路 \(link)；汇聚点 \(input.hubName ?? "—")"
    }

    static func scope(_ input: IncidentReportInput) -> String {
        let incident = input.incident
        var parts: [String] = []
        if incident.kind.category == .fault {
            parts.append("不可达设备 \(incident.devicesUnreachable) 台，中断链路 \(incident.linksDown) 条")
        } else {
            let systems = incident.criticalTargets
            let critical =
                !systems.isEmpty
                ? "，含重要业务系统 \(systems.joined(separator: "、"))"
                : (incident.targetsCritical ? "，含登记为重要系统的目标" : "")
            parts.append("受攻击目标 \(incident.targetCount) 个\(critical)")
        }
        if incident.units.count > 1 { parts.append("涉及单位 \(incident.units.joined(separator: "、"))") }
        if let order = input.order, !order.collateralUnits.isEmpty {
            parts.append("隔离同时中断共用链路单位 \(order.collateralUnits.joined(separator: "、"))")
        }
        return parts.joined(separator: "；")
    }

    static func evidence(_ input: IncidentReportInput) -> String {
        let incident = input.incident
        var parts = ["告警 \(incident.signals.count) 条（\(incident.signals.map(\.alertId).joined(separator: "、"))）"]
        if !incident.attackers.isEmpty {
            parts.append("攻击源 \(incident.attackers.joined(separator: "、"))" + (incident.spoofed ? "（含伪造源地址）" : ""))
        }
        if incident.kind.category == .security {
            parts.append("数据包 \(incident.packets) 个，峰值 \(rate(incident.peakPacketsPerSecond)) 包/秒")
        }
        if !input.evidence.isEmpty {
            parts.append("证据文件 " + input.evidence.map { "\($0.name)（SHA-256 \($0.sha256)）" }.joined(separator: "、"))
        }
        return parts.joined(separator: "；")
    }

    static func measures(_ order: IsolationOrder?) -> String {
        guard let order else { return "尚未采取隔离措施" }
        let emergency = order.emergency.map { e in
            "紧急隔离（\(e.actor)），事后审批" + (e.approvedBy.map { "已由 \($0) 完成" } ?? "待完成，时限 \(e.retrospectiveDue.chinaText)")
        }
        let ports = order.ports.map { port in
            let down = "关闭\(port.shutdown.label)"
            let up = order.restoreRequestedAt == nil ? "" : "，恢复\(port.restore.label)"
            return "\(port.name)（\(down)\(up)）"
        }
        var parts = ["隔离工单 \(order.id)：\(order.state.label)"]
        if let emergency { parts.append(emergency) }
        parts.append("端口 " + ports.joined(separator: "、"))
        if order.failed { parts.append("存在失败或超时的端口，须人工处置") }
        return parts.joined(separator: "；")
    }

    static func status(_ order: IsolationOrder?) -> String {
        guard let order else { return "处置中（未隔离）" }
        if order.failed { return "\(order.state.label)（端口操作失败，未完成）" }
        return order.state.label
    }

    /// A rate with no fraction: `3000`, or `0.5` below 1.
    static func rate(_ value: Double) -> String {
        if value >= 1 || value == 0 { return "\(Int(value.rounded()))" }
        let tenths = Int((value * 10).rounded())
        return "0.\(tenths)"
    }

    /// A table cell: pipes and line breaks escaped.
    static func cell(_ text: String) -> String {
        text.replacing("|", with: "\\|").replacing("\n", with: " ")
    }
}
