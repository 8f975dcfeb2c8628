import WaiwangAPI

extension SchemaReflector {
    /// Example values of the incident and isolation-order wire types, every optional filled.
    static func incidentExamples() -> [(String, any Sendable)] {
        let entry = TimelineEntryView(at: "", actor: "system", event: "opened", text: "")
        let alert = IncidentAlertView(
            alertId: "", agentId: 1, kind: "port_scan", attacker: "", linkId: 1, firstSeen: "", lastSeen: "",
            targetCount: 0, packets: 0, packetsPerSecond: 0, evidenceSha256: "")
        let incident = IncidentView(
            id: "INC-2026-000001", unit: "1", unitName: "", creditCode: "", units: ["1"], divisionCode: "530402",
            kind: "port_scan", grade: "general", gradeRule: "default", gradeReason: "", state: "open",
            firstSeen: "", lastSeen: "", createdAt: "", attackers: [""], links: ["1"], packets: 0,
            peakPacketsPerSecond: 0, targetCount: 0, criticalTargets: [""], alertIds: [""], orderIds: [""],
            alerts: [alert], timeline: [entry])
        let port = OrderPortView(
            device: "HT-AGG-01", ifName: "", links: ["1"], units: ["1"], down: "pending", up: "pending", failure: "")
        let remediation = RemediationView(summary: "", attachments: [""], by: "", at: "")
        let deadline = OrderDeadlineView(
            step: "approval", label: "审批", since: "", due: "", overdue: false, problem: "")
        let order = OrderView(
            id: "ORD-2026-000001", incidentId: "INC-2026-000001", unit: "1", unitName: "", divisionCode: "530402",
            reason: "", state: "proposed", stateLabel: "待审批", proposedBy: "", approvedBy: "", emergency: false,
            retrospectiveDue: "", retrospectivelyApprovedBy: "", collateralUnits: [""], collateralAcknowledgedBy: "",
            failed: false, ports: [port], remediation: remediation, verifiedBy: "", createdAt: "", updatedAt: "",
            possibleActions: ["approve"], deadlines: [deadline], timeline: [entry])
        let attachment = RemediationAttachment(filename: "", contentBase64: "")
        return [
            ("TimelineEntryView", entry),
            ("IncidentAlertView", alert),
            ("IncidentView", incident),
            ("GradeInput", GradeInput(grade: "major", reason: "")),
            ("IncidentClosing", IncidentClosing(reason: "")),
            ("OrderPortView", port),
            ("RemediationView", remediation),
            ("OrderDeadlineView", deadline),
            ("OrderView", order),
            ("OrderProposal", OrderProposal(incidentId: "", reason: "")),
            ("IsolateNowInput", IsolateNowInput(incidentId: "", acknowledgeCollateral: false, reason: "")),
            ("OrderNote", OrderNote(reason: "")),
            ("RemediationAttachment", attachment),
            ("RemediationInput", RemediationInput(summary: "", attachments: [attachment])),
            ("VerificationInput", VerificationInput(accepted: true, note: "")),
        ]
    }
}
