/// The deadlines running on an isolation order at a moment: a pure function of the order, the policy, the
/// working-day calendar and `now`.
public enum IsolationClock {
    /// Every deadline running now (none for a final order but an unapproved emergency).
    ///
    /// Minute limits count from the step's start; working-day limits end at the close (24:00 China time) of the
    /// n-th working day after the start's day, which itself never counts, as article 19's deadlines do.
    public static func deadlines(
        _ order: IsolationOrder, policy: IsolationPolicy, calendar: WorkingDayCalendar?, now: Instant
    ) -> [IsolationDeadline] {
        var result: [IsolationDeadline] = []
        func minutes(_ step: IsolationDeadline.Step, since: Instant, _ limit: Int) {
            let due = since.adding(minutes: limit)
            result.append(IsolationDeadline(step: step, since: since, due: due, overdue: now >= due))
        }
        func workingDays(_ step: IsolationDeadline.Step, since: Instant, _ days: Int) {
            guard let calendar else {
                result.append(
                    IsolationDeadline(
                        step: step, since: since, due: nil, overdue: false,
                        problem: "no working-day calendar is configured (Config/calendar/)"))
                return
            }
            do {
                let last = try calendar.addWorkingDays(days, to: since.chinaDate, division: order.division)
                let due = Instant(startOf: last.advanced(by: 1))
                result.append(IsolationDeadline(step: step, since: since, due: due, overdue: now >= due))
            } catch {
                result.append(
                    IsolationDeadline(step: step, since: since, due: nil, overdue: false, problem: error.description))
            }
        }
        switch order.state {
        case .proposed:
            minutes(.approval, since: order.proposedAt, policy.approvalMinutes)
        case .approved, .executing:
            minutes(
                .execution, since: order.emergency?.at ?? order.approvedAt ?? order.stateEnteredAt,
                policy.executionMinutes)
        case .isolated, .remediating:
            workingDays(.remediation, since: order.isolatedAt ?? order.stateEnteredAt, policy.remediationWorkingDays)
        case .verifying:
            if let sent = order.restoreRequestedAt {
                minutes(.restore, since: sent, policy.restoreMinutes)
            } else {
                workingDays(
                    .verification, since: order.remediation?.at ?? order.stateEnteredAt, policy.verificationWorkingDays)
            }
        case .restored, .closed, .rejected, .cancelled:
            break
        }
        if let emergency = order.emergency, emergency.approvedBy == nil {
            result.append(
                IsolationDeadline(
                    step: .retrospectiveApproval, since: emergency.at, due: emergency.retrospectiveDue,
                    overdue: emergency.overdue(at: now)))
        }
        return result
    }

    /// The deadlines overdue at `now`, for the escalation signals and the UI's red flags.
    public static func overdue(
        _ order: IsolationOrder, policy: IsolationPolicy, calendar: WorkingDayCalendar?, now: Instant
    ) -> [IsolationDeadline] {
        deadlines(order, policy: policy, calendar: calendar, now: now).filter(\.overdue)
    }
}
