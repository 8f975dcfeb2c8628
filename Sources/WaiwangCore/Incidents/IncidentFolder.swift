/// Decides whether a signal opens a new incident or joins an open one: same subject and kind, and times that
/// overlap or lie within `gapSeconds` of each other. Pure; the store keeps the incidents.
public struct IncidentFolder: Sendable, Equatable {
    /// How an open incident looks to the folder.
    public struct Footprint: Hashable, Sendable {
        public var incidentId: String
        public var subject: IncidentSubject
        public var kind: IncidentKind
        public var firstSeen: Instant
        public var lastSeen: Instant
        /// The alerts already in it: a later report of one of them always joins it.
        public var alertIds: Set<String>

        public init(
            incidentId: String, subject: IncidentSubject, kind: IncidentKind, firstSeen: Instant, lastSeen: Instant,
            alertIds: Set<String> = []
        ) {
            self.incidentId = incidentId
            self.subject = subject
            self.kind = kind
            self.firstSeen = firstSeen
            self.lastSeen = lastSeen
            self.alertIds = alertIds
        }
    }

    /// What to do with a signal.
    public enum Decision: Hashable, Sendable {
        /// Open a new incident.
        case new
        /// Add it to this incident.
        case join(incidentId: String)
    }

    /// Signals this many seconds apart or closer still fold (0: only overlapping ones). Default 1 hour: an
    /// attack paused for a coffee is the same incident; the next day's is a repeat offence.
    public var gapSeconds: Int

    public init(gapSeconds: Int = 3600) {
        self.gapSeconds = max(0, gapSeconds)
    }

    /// The decision for `signal` among the open incidents. Several candidates: the one seen last (ties: the
    /// smallest id), so the result never depends on the order of `open`.
    public func fold(_ signal: IncidentSignal, into open: [Footprint]) -> Decision {
        if let known = open.filter({ $0.alertIds.contains(signal.alertId) }).min(by: { $0.incidentId < $1.incidentId })
        {
            return .join(incidentId: known.incidentId)
        }
        let subject = signal.subject
        let candidates = open.filter { footprint in
            footprint.subject == subject && footprint.kind == signal.kind
                && signal.firstSeen <= footprint.lastSeen.adding(seconds: gapSeconds)
                && signal.lastSeen >= footprint.firstSeen.adding(seconds: -gapSeconds)
        }
        let best = candidates.max { a, b in
            a.lastSeen != b.lastSeen ? a.lastSeen < b.lastSeen : a.incidentId > b.incidentId
        }
        return best.map { .join(incidentId: $0.incidentId) } ?? .new
    }
}
