extension Incident {
    /// The important systems (critical-targets.json) any of its alerts targeted, by name, sorted.
    public var criticalTargets: [String] {
        Array(Set(signals.flatMap { $0.criticalTargets ?? [] })).sorted()
    }

    /// Appends a timeline note naming the important systems attacked that were not among `known`.
    mutating func noteCriticalTargets(known: [String], at now: Instant) {
        let new = criticalTargets.filter { !known.contains($0) }
        guard !new.isEmpty else { return }
        timeline.append(
            TimelineEntry(at: now, actor: "system", event: .note("攻击目标含重要业务系统：\(new.joined(separator: "、"))")))
    }
}
