extension Incident {
    /// True once a person has set the grade; the policy may then still raise it (new evidence), never lower it.
    public var gradeOverridden: Bool {
        timeline.contains { if case .gradeOverridden = $0.event { true } else { false } }
    }

    /// Applies the policy's verdict and records it when the grade or rule changes. After an override only a
    /// graver verdict applies. Returns true when the grade changed.
    @discardableResult
    public mutating func apply(_ assessment: SeverityAssessment, at now: Instant) -> Bool {
        if gradeOverridden && assessment.grade <= grade { return false }
        guard assessment.grade != grade || assessment.rule != gradeRule else {
            // The same rule may cite more now (a further important system attacked); the timeline notes that.
            gradeReason = assessment.reason
            return false
        }
        let changed = assessment.grade != grade
        grade = assessment.grade
        gradeRule = assessment.rule
        gradeReason = assessment.reason
        timeline.append(
            TimelineEntry(at: now, actor: "system", event: .graded(assessment.grade, rule: assessment.rule)))
        return changed
    }

    /// A person raises or lowers the grade. Only security staff and admins may; the reason is mandatory and
    /// recorded in the timeline; setting the grade in force is refused.
    public mutating func overrideGrade(to newGrade: IncidentGrade, reason: String, by actor: Principal, at now: Instant)
        throws(RegistryError)
    {
        guard actor.role == .security || actor.role == .admin else {
            throw .forbidden(
                "\(actor.name) (\(actor.role.rawValue)) may not change an incident's grade; security staff or an admin may"
            )
        }
        let why = reason.trimmingBlanks()
        guard !why.isEmpty else {
            throw .invalid("reason", rule: "grade-override", "a reason is required to change the grade (调整级别须说明理由)")
        }
        guard newGrade != grade else {
            throw .conflict("grade", rule: "grade-override", "the incident is already \(grade.fullLabel)")
        }
        timeline.append(
            TimelineEntry(at: now, actor: actor.name, event: .gradeOverridden(from: grade, to: newGrade, reason: why)))
        grade = newGrade
        gradeRule = "override"
        gradeReason = "人工调整（\(actor.name)）：\(why)"
    }
}
