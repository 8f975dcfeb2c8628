/// Decides which reports an incident owes (article 21(4) and the national reporting measures). Pure.
///
/// - 较大 and above (`reportableGrade`): the superior authority, 网信 and 公安 at the same time, within
///   `reportDeadlineMinutes` of detection.
/// - An executed isolation below that grade: the superior authority within `isolationReportMinutes` of it.
/// - A suspected crime: 公安, whatever the grade, within `crimeReportMinutes` of detection.
/// - Once handling ends: a summary to everyone who had a first report, within `summaryReportDays`.
public enum EscalationPlanner {
    /// The reports due for `incident`, one per authority and stage, by deadline then authority.
    public static func plan(_ incident: EscalationCase, policy: EscalationPolicy) -> [DueReport] {
        var initial: [Authority: (deadline: Instant, rule: String, reason: String)] = [:]
        func owe(_ authority: Authority, _ deadline: Instant, _ rule: String, _ reason: String) {
            if let known = initial[authority], known.deadline <= deadline { return }
            initial[authority] = (deadline, rule, reason)
        }
        let grade = incident.grade
        if grade >= policy.reportableGrade {
            let due = incident.detectedAt.adding(minutes: policy.reportDeadlineMinutes)
            let what = incident.kind.category == .fault ? "重大故障" : "\(grade.label)及以上网络安全事件"
            owe(
                .superior, due, "reportable-grade",
                "\(grade.fullLabel)\(what)，自发现起 \(policy.reportDeadlineMinutes) 分钟内报告上级主管部门（第二十一条第四项）")
            owe(.cyberspace, due, "reportable-grade", "\(grade.fullLabel)事件，同时报告网信部门（第二十一条第四项）")
            owe(.police, due, "reportable-grade", "\(grade.fullLabel)事件，同时报告公安机关（第二十一条第四项）")
        }
        if let isolation = incident.isolation, let executed = isolation.executedAt {
            let kind = isolation.emergency ? "紧急隔离" : "隔离"
            owe(
                .superior, executed.adding(minutes: policy.isolationReportMinutes), "isolation",
                "对接入单位实施\(kind)（工单 \(isolation.orderId)），报告上级主管部门（第二十一条第四项、第二十五条）")
        }
        if incident.suspectedCrime {
            owe(
                .police, incident.detectedAt.adding(minutes: policy.crimeReportMinutes), "suspected-crime",
                "涉嫌违法犯罪，报告公安机关")
        }
        var reports: [DueReport] = []
        for authority in Authority.allCases {
            guard let due = initial[authority] else { continue }
            reports.append(report(.initial, authority, due.deadline, due.rule, due.reason, incident, policy))
            if let ended = incident.handlingEndedAt {
                reports.append(
                    report(
                        .summary, authority, ended.adding(seconds: policy.summaryReportDays * 86_400), "summary",
                        "处置结束后 \(policy.summaryReportDays) 日内报送总结报告", incident, policy))
            }
        }
        return reports.sorted { ($0.deadline, $0.authority.order) < ($1.deadline, $1.authority.order) }
    }

    static func report(
        _ stage: DueReport.Stage, _ authority: Authority, _ deadline: Instant, _ rule: String, _ reason: String,
        _ incident: EscalationCase, _ policy: EscalationPolicy
    ) -> DueReport {
        guard let recipient = policy.recipient(authority, division: incident.division) else {
            return DueReport(
                stage: stage, authority: authority, recipientName: authority.label, channels: [], deadline: deadline,
                rule: rule, reason: reason,
                problem:
                    "no \(authority.rawValue) recipient for division \(incident.division) (nor \"*\") in Config/escalation.json"
            )
        }
        return DueReport(
            stage: stage, authority: authority, recipientName: recipient.name, channels: recipient.channels,
            deadline: deadline, rule: rule, reason: reason)
    }
}

extension Authority {
    /// Superior, cyberspace, police: the order reports are listed in.
    var order: Int { Authority.allCases.firstIndex(of: self) ?? 0 }
}
