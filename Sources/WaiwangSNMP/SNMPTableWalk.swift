/// What a table walk did: requests sent, max-repetitions used, fallbacks.
public struct SNMPTableWalkStats: Sendable, Hashable {
    /// All requests sent, including those of per-column fallback walks (not counting net-snmp's retries).
    public var requests = 0
    public var getBulkRequests = 0
    public var getNextRequests = 0
    public var getRequests = 0
    /// max-repetitions of each columnar GETBULK, in order.
    public var maxRepetitions: [Int] = []
    /// Open columns (varbinds) of each columnar GETBULK, in order.
    public var columnsPerRequest: [Int] = []
    /// Times max-repetitions was cut after tooBig, a truncated answer, or a timeout.
    public var shrinks = 0
    /// Times max-repetitions was raised after a whole answer.
    public var grows = 0
    /// Columns walked one by one with ``SNMPSession/walkReporting(_:options:)``'s walker (SNMPv1, GETBULK off,
    /// or after the columnar GETBULK failed), with the error that caused it if any.
    public var fallbackColumns = 0
    public var fallbackReason: SNMPError?
}

/// The varbinds of each column of a table walk, and how the walk went.
public struct SNMPTableWalkResult: Sendable, Hashable {
    /// The columns asked for, in order (duplicates removed).
    public var columnOrder: [OID]
    /// The instances of each column, in increasing OID order; an empty array for a column with none.
    public var columns: [OID: [VarBind]]
    public var stats: SNMPTableWalkStats

    /// The instances of `column`, empty if it was not walked or has none.
    public subscript(column: OID) -> [VarBind] {
        columns[column] ?? []
    }
}

/// The columnar GETBULK walk, over any request function: the session gives it net-snmp, tests a fake.
///
/// Each GETBULK carries one varbind per column still open (non-repeaters 0), so an answer holds
/// max-repetitions rows of every column. A column continues from its own last OID and closes when its
/// next OID leaves the column, is endOfMibView or another exception, or does not increase.
struct SNMPTableWalker {
    typealias Send = (NetSNMPSession.Request, [OID]) throws(SNMPError) -> [VarBind]

    /// The most varbinds one request asks for (max-repetitions × open columns).
    static let maximumVarBindsPerRequest = 200

    let columns: [OID]
    let version: SNMPTarget.Version
    let options: SNMPWalkOptions

    init(columns: [OID], version: SNMPTarget.Version, options: SNMPWalkOptions) {
        var seen = Set<OID>()
        self.columns = columns.filter { seen.insert($0).inserted }
        self.version = version
        self.options = options
    }

    func run(_ send: Send) throws(SNMPError) -> SNMPTableWalkResult {
        var stats = SNMPTableWalkStats()
        var found: [OID: [VarBind]] = [:]
        for column in columns { found[column] = [] }
        var last: [OID: OID] = [:]
        for column in columns { last[column] = column }
        var open = columns
        var fallback: [OID] = []
        var repetitions = options.initialMaxRepetitions
        var ceiling = options.maximumMaxRepetitions
        var bulkAnswered = false
        var timeoutsInARow = 0

        func shrink(from asked: Int) -> Bool {
            guard asked > 1 else { return false }
            ceiling = asked - 1
            repetitions = max(1, asked / 2)
            stats.shrinks += 1
            return true
        }
        func fallBack(_ reason: SNMPError?) {
            fallback = open
            open = []
            stats.fallbackReason = reason
        }

        if !options.useGetBulk || version == .v1 {
            fallBack(nil)
        }
        while !open.isEmpty {
            let budget = max(1, Self.maximumVarBindsPerRequest / open.count)
            let asked = max(1, min(repetitions, budget))
            stats.requests += 1
            stats.getBulkRequests += 1
            stats.maxRepetitions.append(asked)
            stats.columnsPerRequest.append(open.count)
            let answer: [VarBind]
            do {
                answer = try send(.getBulk(nonRepeaters: 0, maxRepetitions: asked), open.map { last[$0]! })
            } catch {
                switch error.code {
                case .tooBig:
                    if !shrink(from: asked) { fallBack(error) }
                    continue
                case .timeout:
                    // As SNMPWalker: a timeout before any answer means the agent is down.
                    guard bulkAnswered, timeoutsInARow < 3, shrink(from: asked) else { throw error }
                    timeoutsInARow += 1
                    continue
                case .authentication, .transport, .invalidTarget:
                    throw error
                default:
                    fallBack(error)
                    continue
                }
            }
            bulkAnswered = true
            timeoutsInARow = 0
            if answer.isEmpty {
                fallBack(SNMPError(code: .malformed, message: "an empty answer to GETBULK"))
                continue
            }
            // The answer is row by row: varbind i belongs to column i % open.count.
            let width = open.count
            var closed = Set<OID>()
            var progressed = false
            for (position, bind) in answer.enumerated() {
                let column = open[position % width]
                guard !closed.contains(column) else { continue }
                guard !bind.value.isException, bind.oid.hasPrefix(column), bind.oid != column,
                    bind.oid > last[column]!
                else {
                    closed.insert(column)
                    progressed = true
                    continue
                }
                found[column]!.append(bind)
                last[column] = bind.oid
                progressed = true
            }
            open.removeAll { closed.contains($0) }
            if !progressed {
                fallBack(SNMPError(code: .malformed, message: "a GETBULK answer that advanced no column"))
                continue
            }
            if answer.count >= asked * width {
                if repetitions < ceiling, asked == repetitions {
                    repetitions = min(ceiling, repetitions * 2)
                    stats.grows += 1
                }
            } else if !open.isEmpty {
                // The agent cut the answer to fit its message size: ask for no more rows than it sent.
                let rows = max(1, answer.count / width)
                ceiling = min(ceiling, rows)
                repetitions = rows
                stats.shrinks += 1
            }
        }
        if !fallback.isEmpty {
            stats.fallbackColumns = fallback.count
            for column in fallback {
                let walk = try SNMPWalker(root: column, version: version, options: options).run {
                    (request, oid) throws(SNMPError) in
                    try send(request, [oid])
                }
                // Only instances: never the column itself (SNMPWalker GETs the root of an empty subtree).
                found[column] = walk.varBinds.filter { $0.oid != column }
                stats.requests += walk.stats.requests
                stats.getBulkRequests += walk.stats.getBulkRequests
                stats.getNextRequests += walk.stats.getNextRequests
                stats.getRequests += walk.stats.getRequests
            }
        }
        return SNMPTableWalkResult(columnOrder: columns, columns: found, stats: stats)
    }
}
