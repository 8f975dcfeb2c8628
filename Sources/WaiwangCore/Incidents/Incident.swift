/// An incident: the folded alerts (or fault signals) of one subject and kind, their aggregate, its grade and
/// its timeline. A value; the store persists it and its timeline as append-only events.
public struct Incident: Hashable, Sendable, Codable {
    public var id: String
    public var kind: IncidentKind
    public var subject: IncidentSubject
    /// The division (GB/T 2260) of the unit or hub, which picks the escalation recipients.
    public var division: String
    /// When the registry first saw it: the reporting clock runs from here.
    public var detectedAt: Instant
    /// The latest report of each alert, by `alertId` order.
    public private(set) var signals: [IncidentSignal]
    /// The grade in force (the policy's, or a person's override).
    public var grade: IncidentGrade
    /// The rule that graded it, and its reason, as the report shows them.
    public var gradeRule: String
    public var gradeReason: String
    public var timeline: [TimelineEntry]

    /// A new incident opened by `signal`, graded `general` until the policy assesses it.
    public init(id: String, opening signal: IncidentSignal, division: String, detectedAt: Instant) {
        self.id = id
        self.kind = signal.kind
        self.subject = signal.subject
        self.division = division
        self.detectedAt = detectedAt
        self.signals = [signal]
        self.grade = .general
        self.gradeRule = "unassessed"
        self.gradeReason = "尚未定级"
        self.timeline = [TimelineEntry(at: detectedAt, actor: "system", event: .opened(alertId: signal.alertId))]
        noteCriticalTargets(known: [], at: detectedAt)
    }

    /// Folds a signal in: a later report of a known alert replaces it, a new alert is added and recorded.
    /// An important system attacked for the first time is noted in the timeline.
    public mutating func absorb(_ signal: IncidentSignal, at now: Instant) {
        let known = criticalTargets
        if let index = signals.firstIndex(where: { $0.alertId == signal.alertId }) {
            signals[index] = signal
        } else {
            signals.append(signal)
            signals.sort { $0.alertId < $1.alertId }
            timeline.append(TimelineEntry(at: now, actor: "system", event: .alertJoined(alertId: signal.alertId)))
        }
        noteCriticalTargets(known: known, at: now)
    }

    public var firstSeen: Instant { signals.map(\.firstSeen).min() ?? detectedAt }
    public var lastSeen: Instant { signals.map(\.lastSeen).max() ?? detectedAt }
    /// Seconds from the first to the last packet seen.
    public var durationSeconds: Int { firstSeen.seconds(to: lastSeen) }
    /// The largest target count of one alert (alerts may share targets, so they are not added).
    public var targetCount: Int { signals.map(\.targetCount).max() ?? 0 }
    public var packets: Int { signals.reduce(0) { $0 + $1.packets } }
    public var peakPacketsPerSecond: Double { signals.map(\.packetsPerSecond).max() ?? 0 }
    public var targetsCritical: Bool { signals.contains { $0.targetsCritical } }
    public var spoofed: Bool { signals.contains { $0.spoofed } }
    public var attackers: [String] { Array(Set(signals.map(\.attacker).filter { !$0.isEmpty })).sorted() }
    public var units: [String] { Array(Set(signals.flatMap(\.units))).sorted() }
    public var links: [String] { Array(Set(signals.compactMap(\.link))).sorted() }
    public var devicesUnreachable: Int { signals.map(\.devicesUnreachable).max() ?? 0 }
    public var linksDown: Int { signals.map(\.linksDown).max() ?? 0 }

    /// How the folder sees this incident.
    public var footprint: IncidentFolder.Footprint {
        IncidentFolder.Footprint(
            incidentId: id, subject: subject, kind: kind, firstSeen: firstSeen, lastSeen: lastSeen,
            alertIds: Set(signals.map(\.alertId)))
    }

    /// What the severity policy looks at; `priorIncidents` are the times of the subject's earlier incidents.
    public func observation(priorIncidents: [Instant] = []) -> SeverityObservation {
        SeverityObservation(
            kind: kind, packetsPerSecond: peakPacketsPerSecond, targetCount: targetCount,
            durationSeconds: durationSeconds, targetsCritical: targetsCritical, criticalTargets: criticalTargets,
            at: detectedAt,
            priorIncidents: priorIncidents, devicesUnreachable: devicesUnreachable, linksDown: linksDown)
    }
}
