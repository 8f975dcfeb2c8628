import GRDB

/// The latest state of the links one batch touches, moved forward in memory observation by observation and
/// written once per link when the batch ends: a batch of thousands of samples of a few hundred links costs a few
/// hundred state writes, not thousands.
///
/// The rule is the one a person expects of a link's state: an observation older than the state (an outbox resend
/// after a newer one got through) leaves it alone; `since` moves only when the health changes.
struct LinkStateBook {
    struct State {
        var agentId: Int64
        var health: String
        var since: String
        var observedAt: String
        var lastSampleAt: String?
        var inBitsPerSecond: Double?
        var outBitsPerSecond: Double?
        var inUtilisation: Double?
        var outUtilisation: Double?
        var errorsAndDiscardsPerSecond: Double?
    }

    private var states: [Int64: State?] = [:]
    private var changed: Set<Int64> = []

    /// A poll's sample: health, rates and the sample time.
    mutating func apply(sample: State, linkId: Int64, in db: Database) throws {
        guard let current = try moveForward(linkId, to: sample.observedAt, in: db) else { return }
        var next = sample
        next.since = (current?.health == sample.health) ? (current?.since ?? sample.since) : sample.observedAt
        next.lastSampleAt = sample.observedAt
        record(next, for: linkId)
    }

    /// A health change: the health moves, the last rates stay.
    mutating func apply(health: String, agentId: Int64, observedAt: String, linkId: Int64, in db: Database) throws {
        guard let current = try moveForward(linkId, to: observedAt, in: db) else { return }
        var next =
            current
            ?? State(agentId: agentId, health: health, since: observedAt, observedAt: observedAt)
        next.agentId = agentId
        if next.health != health || current == nil { next.since = observedAt }
        next.health = health
        next.observedAt = observedAt
        record(next, for: linkId)
    }

    /// Writes every state the batch moved.
    func write(in db: Database) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO linkState (linkId, agentId, health, since, observedAt, lastSampleAt, inBitsPerSecond,
                    outBitsPerSecond, inUtilisation, outUtilisation, errorsAndDiscardsPerSecond)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (linkId) DO UPDATE SET agentId = excluded.agentId, health = excluded.health,
                    since = excluded.since, observedAt = excluded.observedAt, lastSampleAt = excluded.lastSampleAt,
                    inBitsPerSecond = excluded.inBitsPerSecond, outBitsPerSecond = excluded.outBitsPerSecond,
                    inUtilisation = excluded.inUtilisation, outUtilisation = excluded.outUtilisation,
                    errorsAndDiscardsPerSecond = excluded.errorsAndDiscardsPerSecond
                """)
        for linkId in changed.sorted() {
            guard let state = states[linkId] ?? nil else { continue }
            try statement.execute(arguments: [
                linkId, state.agentId, state.health, state.since, state.observedAt, state.lastSampleAt,
                state.inBitsPerSecond, state.outBitsPerSecond, state.inUtilisation, state.outUtilisation,
                state.errorsAndDiscardsPerSecond,
            ])
        }
    }

    /// The link's current state (nil inside when it has none yet), or nil when `observedAt` is older than it.
    private mutating func moveForward(_ linkId: Int64, to observedAt: String, in db: Database) throws -> State?? {
        let current = try state(of: linkId, in: db)
        if let current, observedAt < current.observedAt { return nil }
        return .some(current)
    }

    private mutating func record(_ state: State, for linkId: Int64) {
        states[linkId] = state
        changed.insert(linkId)
    }

    private mutating func state(of linkId: Int64, in db: Database) throws -> State? {
        if let known = states[linkId] { return known }
        let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM linkState WHERE linkId = ?"), arguments: [linkId])
        let state = row.map { row in
            State(
                agentId: row["agentId"], health: row["health"], since: row["since"], observedAt: row["observedAt"],
                lastSampleAt: row["lastSampleAt"], inBitsPerSecond: row["inBitsPerSecond"],
                outBitsPerSecond: row["outBitsPerSecond"], inUtilisation: row["inUtilisation"],
                outUtilisation: row["outUtilisation"], errorsAndDiscardsPerSecond: row["errorsAndDiscardsPerSecond"])
        }
        states[linkId] = .some(state)
        return state
    }
}
