/// How ``SNMPSession/walkReporting(_:options:)`` walks a subtree.
public struct SNMPWalkOptions: Sendable, Hashable {
    /// max-repetitions of the first GETBULK.
    public var initialMaxRepetitions: Int
    /// The most max-repetitions the walk grows to.
    public var maximumMaxRepetitions: Int
    /// `false` walks with GETNEXT only (SNMPv1 always does).
    public var useGetBulk: Bool

    public init(initialMaxRepetitions: Int = 10, maximumMaxRepetitions: Int = 100, useGetBulk: Bool = true) {
        self.initialMaxRepetitions = max(1, initialMaxRepetitions)
        self.maximumMaxRepetitions = max(self.initialMaxRepetitions, maximumMaxRepetitions)
        self.useGetBulk = useGetBulk
    }
}

/// What a walk did: requests sent, max-repetitions used, fallbacks, and why it stopped.
public struct SNMPWalkStats: Sendable, Hashable {
    /// Why the walk ended.
    public enum End: Sendable, Hashable {
        /// The next OID was outside the subtree (the normal end).
        case leftSubtree
        /// The agent had nothing further (endOfMibView, or SNMPv1 noSuchName).
        case endOfMibView
        /// The agent answered an OID not greater than the one before: stopped rather than loop.
        case oidNotIncreasing
        /// The subtree was empty and the root itself is an instance, fetched with GET.
        case rootInstance
        /// Nothing at or under the root.
        case empty
    }

    /// All requests sent (not counting net-snmp's retries of one request).
    public var requests = 0
    public var getBulkRequests = 0
    public var getNextRequests = 0
    public var getRequests = 0
    /// max-repetitions of each GETBULK, in order.
    public var maxRepetitions: [Int] = []
    /// Times max-repetitions was cut after tooBig, a truncated answer, or a timeout.
    public var shrinks = 0
    /// Times max-repetitions was raised after a whole answer.
    public var grows = 0
    /// Switches from GETBULK to GETNEXT (0 or 1), with the error that caused it.
    public var fallbacks = 0
    public var fallbackReason: SNMPError?
    public var end: End = .empty
}

/// The varbinds of a walk, in the agent's order, and how the walk went.
public struct SNMPWalkResult: Sendable, Hashable {
    public var varBinds: [VarBind]
    public var stats: SNMPWalkStats
}

/// The adaptive walk, over any request function: the session gives it net-snmp, tests a fake.
struct SNMPWalker {
    typealias Send = (NetSNMPSession.Request, OID) throws(SNMPError) -> [VarBind]

    let root: OID
    let version: SNMPTarget.Version
    let options: SNMPWalkOptions

    func run(_ send: Send) throws(SNMPError) -> SNMPWalkResult {
        var stats = SNMPWalkStats()
        var found: [VarBind] = []
        var last = root
        var bulk = options.useGetBulk && version != .v1
        var repetitions = options.initialMaxRepetitions
        var ceiling = options.maximumMaxRepetitions
        var bulkAnswered = false
        var timeoutsInARow = 0

        func shrink() -> Bool {
            guard repetitions > 1 else { return false }
            ceiling = repetitions - 1
            repetitions = max(1, repetitions / 2)
            stats.shrinks += 1
            return true
        }
        func fallBack(_ reason: SNMPError) {
            bulk = false
            stats.fallbacks += 1
            stats.fallbackReason = reason
        }

        walking: while true {
            let answer: [VarBind]
            stats.requests += 1
            if bulk {
                stats.getBulkRequests += 1
                stats.maxRepetitions.append(repetitions)
                do {
                    answer = try send(.getBulk(nonRepeaters: 0, maxRepetitions: repetitions), last)
                } catch {
                    switch error.code {
                    case .tooBig:
                        if !shrink() { fallBack(error) }
                        continue walking
                    case .timeout:
                        // A reachable agent that goes quiet on a large request: a lost big answer.
                        // Without an earlier answer it is most likely down: do not double the wait.
                        guard bulkAnswered, timeoutsInARow < 3, shrink() else { throw error }
                        timeoutsInARow += 1
                        continue walking
                    case .authentication, .transport, .invalidTarget:
                        throw error
                    default:
                        fallBack(error)
                        continue walking
                    }
                }
                bulkAnswered = true
                timeoutsInARow = 0
                if answer.isEmpty {
                    fallBack(SNMPError(code: .malformed, message: "an empty answer to GETBULK"))
                    continue walking
                }
            } else {
                stats.getNextRequests += 1
                do {
                    answer = try send(.getNext, last)
                } catch  where error.code == .noSuchName {
                    stats.end = .endOfMibView
                    break walking
                }
                guard answer.count == 1 else {
                    throw SNMPError(code: .malformed, message: "\(answer.count) varbinds in the answer to one GETNEXT")
                }
            }
            for bind in answer {
                if bind.value == .endOfMibView {
                    stats.end = .endOfMibView
                    break walking
                }
                guard bind.oid.hasPrefix(root), bind.oid != root else {
                    stats.end = .leftSubtree
                    break walking
                }
                guard bind.oid > last else {
                    stats.end = .oidNotIncreasing
                    break walking
                }
                found.append(bind)
                last = bind.oid
            }
            if bulk {
                if answer.count >= repetitions {
                    if repetitions < ceiling {
                        repetitions = min(ceiling, repetitions * 2)
                        stats.grows += 1
                    }
                } else {
                    // The agent cut the answer to fit its message size: ask for no more than it sent.
                    ceiling = answer.count
                    repetitions = answer.count
                    stats.shrinks += 1
                }
            }
        }
        if found.isEmpty, stats.end != .oidNotIncreasing {
            stats.requests += 1
            stats.getRequests += 1
            if let exact = try? send(.get, root).first, exact.oid == root, !exact.value.isException {
                found.append(exact)
                stats.end = .rootInstance
            } else {
                stats.end = .empty
            }
        }
        return SNMPWalkResult(varBinds: found, stats: stats)
    }
}
