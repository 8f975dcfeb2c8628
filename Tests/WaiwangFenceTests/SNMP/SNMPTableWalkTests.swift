import Testing

@testable import WaiwangSNMP

/// The columnar GETBULK table walk: against a scripted agent (no sockets) and against a real snmpd.
@Suite("SNMP columnar table walk")
struct SNMPTableWalkTests {
    /// The 17 ifTable / ifXTable columns the device poller reads.
    static let interfaceColumns: [OID] =
        [2, 5, 7, 8, 9, 10, 13, 14, 16, 19, 20].map { OID("1.3.6.1.2.1.2.2.1")!.appending($0) }
        + [1, 6, 10, 15, 18, 19].map { OID("1.3.6.1.2.1.31.1.1.1")!.appending($0) }

    /// Whether `after` is `before` read a little later: same OIDs, same values, counters equal or grown.
    ///
    /// Rows of the veths other tests create and delete in the root namespace while this one runs (their names
    /// start with `ww`, LAB.md's rule for test interfaces) are left out: the private snmpd reports the root
    /// namespace's interfaces, and one of those going down between the two walks is not a walk error.
    static func sameTable(_ before: [VarBind], _ after: [VarBind], transient: Set<UInt32> = []) -> Bool {
        let before = TransientInterfaces.leavingOut(transient, from: before)
        let after = TransientInterfaces.leavingOut(transient, from: after)
        guard before.map(\.oid) == after.map(\.oid) else { return false }
        return zip(before, after).allSatisfy { old, new in
            switch (old.value, new.value) {
            case (.counter32(let a), .counter32(let b)): b >= a
            case (.counter64(let a), .counter64(let b)): b >= a
            default: old.value == new.value
            }
        }
    }

    // MARK: - Scripted agent

    /// Columns 1…`columns` of a table under `entry` with `rows` rows each, then an object after the table.
    final class ScriptedTable {
        static let entry = OID("1.3.6.1.2.1.2.2.1")!
        var objects: [VarBind]
        var maxAnswer: Int
        var requests: [(NetSNMPSession.Request, [OID])] = []

        init(columns: Int, rows: Int, maxAnswer: Int = .max) {
            objects = (1...columns).flatMap { column in
                (1...rows).map {
                    VarBind(oid: Self.entry.appending(UInt32(column), UInt32($0)), value: .integer(Int64($0)))
                }
            }
            objects.append(VarBind(oid: OID("1.3.6.1.2.1.2.2.2.1")!, value: .null))
            self.maxAnswer = maxAnswer
        }

        func next(after oid: OID) -> VarBind {
            objects.first { $0.oid > oid } ?? VarBind(oid: oid, value: .endOfMibView)
        }

        func send(_ request: NetSNMPSession.Request, _ oids: [OID]) throws(SNMPError) -> [VarBind] {
            requests.append((request, oids))
            switch request {
            case .getBulk(_, let repetitions):
                var current = oids
                var answer: [VarBind] = []
                for _ in 0..<repetitions {
                    for (column, oid) in current.enumerated() {
                        let bind = next(after: oid)
                        answer.append(bind)
                        current[column] = bind.oid
                    }
                }
                return Array(answer.prefix(maxAnswer))
            case .getNext: return oids.map { next(after: $0) }
            case .get, .set: return oids.map { VarBind(oid: $0, value: .noSuchObject) }
            }
        }
    }

    static func column(_ number: UInt32) -> OID { ScriptedTable.entry.appending(number) }

    func expected(_ agent: ScriptedTable, _ column: OID) -> [VarBind] {
        agent.objects.filter { $0.oid.hasPrefix(column) && $0.oid != column }
    }

    @Test("every column comes back whole from one request per max-repetitions rows of all columns")
    func scriptedColumns() throws {
        let agent = ScriptedTable(columns: 5, rows: 30)
        let columns = [1, 2, 3, 4, 5].map(Self.column)
        let result = try SNMPTableWalker(columns: columns, version: .v2c, options: SNMPWalkOptions()).run {
            (request, oids) throws(SNMPError) in try agent.send(request, oids)
        }
        for column in columns { #expect(result[column] == expected(agent, column)) }
        #expect(result.stats.maxRepetitions == [10, 20, 40])
        #expect(result.stats.requests == 3 && result.stats.fallbackColumns == 0)
    }

    @Test("keeps max-repetitions × open columns within the budget")
    func budget() throws {
        let agent = ScriptedTable(columns: 40, rows: 12)
        let columns = (1...40).map { Self.column(UInt32($0)) }
        let result = try SNMPTableWalker(
            columns: columns, version: .v2c,
            options: SNMPWalkOptions(initialMaxRepetitions: 100, maximumMaxRepetitions: 100)
        ).run { (request, oids) throws(SNMPError) in try agent.send(request, oids) }
        for column in columns { #expect(result[column] == expected(agent, column)) }
        for (repetitions, open) in zip(result.stats.maxRepetitions, result.stats.columnsPerRequest) {
            #expect(repetitions * open <= SNMPTableWalker.maximumVarBindsPerRequest)
        }
    }

    @Test("follows an agent that cuts its answers, even below one row of all columns")
    func truncated() throws {
        for cut in [7, 3] {
            let agent = ScriptedTable(columns: 5, rows: 20, maxAnswer: cut)
            let columns = [1, 2, 3, 4, 5].map(Self.column)
            let result = try SNMPTableWalker(columns: columns, version: .v2c, options: SNMPWalkOptions()).run {
                (request, oids) throws(SNMPError) in try agent.send(request, oids)
            }
            for column in columns { #expect(result[column] == expected(agent, column), "cut \(cut)") }
            #expect(result.stats.shrinks >= 1)
        }
    }

    @Test("a missing column is empty and the others are whole; SNMPv1 walks column by column")
    func missingColumnAndV1() throws {
        let agent = ScriptedTable(columns: 3, rows: 4)
        let columns = [Self.column(1), Self.column(99), Self.column(3)]
        let result = try SNMPTableWalker(columns: columns, version: .v2c, options: SNMPWalkOptions()).run {
            (request, oids) throws(SNMPError) in try agent.send(request, oids)
        }
        #expect(result[Self.column(99)].isEmpty)
        #expect(result[Self.column(1)] == expected(agent, Self.column(1)))
        #expect(result[Self.column(3)] == expected(agent, Self.column(3)))
        let v1Agent = ScriptedTable(columns: 3, rows: 4)
        let v1 = try SNMPTableWalker(columns: columns, version: .v1, options: SNMPWalkOptions()).run {
            (request, oids) throws(SNMPError) in try v1Agent.send(request, oids)
        }
        #expect(v1.columns == result.columns && v1.stats.getBulkRequests == 0 && v1.stats.fallbackColumns == 3)
        #expect(v1Agent.requests.allSatisfy { $0.1.count == 1 })
    }

    @Test("stops on an OID that does not increase instead of looping")
    func stopsOnNonIncreasingOID() throws {
        let same = VarBind(oid: Self.column(1).appending(1), value: .integer(1))
        var requests = 0
        let result = try SNMPTableWalker(columns: [Self.column(1)], version: .v2c, options: SNMPWalkOptions()).run {
            (request, oids) throws(SNMPError) in
            requests += 1
            guard case .getBulk(_, let repetitions) = request else { return [same] }
            return Array(repeating: same, count: repetitions * oids.count)
        }
        #expect(result[Self.column(1)] == [same])
        #expect(requests == 1)
    }

    @Test("a GETBULK error falls back to per-column walks; a first timeout is thrown at once")
    func errors() throws {
        let agent = ScriptedTable(columns: 2, rows: 5)
        let columns = [Self.column(1), Self.column(2)]
        var failedBulk = false
        let result = try SNMPTableWalker(columns: columns, version: .v2c, options: SNMPWalkOptions()).run {
            (request, oids) throws(SNMPError) in
            if case .getBulk = request, oids.count > 1 {
                failedBulk = true
                throw SNMPError(code: .genErr, message: "genErr")
            }
            return try agent.send(request, oids)
        }
        #expect(failedBulk)
        #expect(result.stats.fallbackColumns == 2 && result.stats.fallbackReason?.code == .genErr)
        for column in columns { #expect(result[column] == expected(agent, column)) }
        var sent = 0
        #expect(throws: SNMPError.self) {
            try SNMPTableWalker(columns: columns, version: .v2c, options: SNMPWalkOptions()).run {
                (_, _) throws(SNMPError) in
                sent += 1
                throw SNMPError(code: .timeout, message: "Timeout")
            }
        }
        #expect(sent == 1)
    }

    // MARK: - Real snmpd

    /// The ifIndexes of test-made interfaces (ifDescr starting with `ww`), read twice around the caller's walks.
    static func testInterfaces(_ session: SNMPSession) async throws -> Set<UInt32> {
        let ifDescr = OID("1.3.6.1.2.1.2.2.1.2")!
        let table = try await session.walkTable(columns: [ifDescr], options: SNMPWalkOptions())
        return Set(table[ifDescr].compactMap(TransientInterfaces.index(ofName:)))
    }

    /// Per-column walks of `columns`, then the table walk: the same, in far fewer requests.
    func compareWithColumnWalks(_ session: SNMPSession, _ columns: [OID], options: SNMPWalkOptions) async throws
        -> (perColumn: Int, table: Int)
    {
        var transient = try await Self.testInterfaces(session)
        var separate: [OID: [VarBind]] = [:]
        var perColumnRequests = 0
        for column in columns {
            let walk = try await session.walkReporting(column, options: options)
            separate[column] = walk.varBinds.filter { $0.oid != column }
            perColumnRequests += walk.stats.requests
        }
        let table = try await session.walkTable(columns: columns, options: options)
        transient.formUnion(try await Self.testInterfaces(session))
        #expect(table.columnOrder == columns)
        for column in columns {
            #expect(Self.sameTable(separate[column] ?? [], table[column], transient: transient), "\(column)")
        }
        return (perColumnRequests, table.stats.requests)
    }

    @Test("the 17 interface columns equal per-column walks in at most a third of the requests")
    func realAgent() async throws {
        try await PrivateSNMPAgent.run { agent in
            let session = try await SNMPSession(agent.target())
            let options = SNMPWalkOptions(initialMaxRepetitions: 24, maximumMaxRepetitions: 96)
            let counts = try await compareWithColumnWalks(session, Self.interfaceColumns, options: options)
            print("interface columns: \(counts.perColumn) requests per column, \(counts.table) as a table")
            #expect(counts.table * 3 <= counts.perColumn)
            let ifDescr = try await session.walkTable(columns: [Self.interfaceColumns[0]], options: options)
            #expect(!ifDescr[Self.interfaceColumns[0]].isEmpty)
        }
    }

    @Test("an agent with maxGetbulkRepeats 3 gives the same table")
    func cappedRepetitions() async throws {
        try await PrivateSNMPAgent.run(extraConfig: "maxGetbulkRepeats 3") { agent in
            let session = try await SNMPSession(agent.target())
            let counts = try await compareWithColumnWalks(
                session, Self.interfaceColumns, options: SNMPWalkOptions(initialMaxRepetitions: 24))
            print("maxGetbulkRepeats 3: \(counts.perColumn) requests per column, \(counts.table) as a table")
            #expect(counts.table <= counts.perColumn)
        }
    }

    @Test("a column the agent does not have is empty and leaves the others whole")
    func missingColumn() async throws {
        try await PrivateSNMPAgent.run { agent in
            let session = try await SNMPSession(agent.target())
            let missing = OID("1.3.6.1.2.1.2.2.1.99")!
            let columns = [Self.interfaceColumns[0], missing, Self.interfaceColumns[11]]
            _ = try await compareWithColumnWalks(session, columns, options: SNMPWalkOptions())
            let table = try await session.walkTable(columns: columns, options: SNMPWalkOptions())
            #expect(table[missing].isEmpty && table.columns[missing] != nil)
            #expect(!table[Self.interfaceColumns[0]].isEmpty && !table[Self.interfaceColumns[11]].isEmpty)
        }
    }

    @Test("SNMPv1 walks the columns one by one with GETNEXT")
    func v1FallsBack() async throws {
        try await PrivateSNMPAgent.run { agent in
            let v2 = try await SNMPSession(agent.target())
            let v1 = try await SNMPSession(agent.target(version: .v1))
            let columns = Array(Self.interfaceColumns.prefix(4))
            var transient = try await Self.testInterfaces(v2)
            let reference = try await v2.walkTable(columns: columns, options: SNMPWalkOptions())
            let table = try await v1.walkTable(columns: columns, options: SNMPWalkOptions())
            transient.formUnion(try await Self.testInterfaces(v2))
            #expect(table.stats.getBulkRequests == 0 && table.stats.fallbackColumns == columns.count)
            for column in columns {
                #expect(!table[column].isEmpty)
                #expect(Self.sameTable(reference[column], table[column], transient: transient), "\(column)")
            }
        }
    }
}
