import Testing

@testable import WaiwangSNMP

/// The adaptive walk and the value decoder, against a scripted agent: no sockets.
@Suite("SNMP walk algorithm and value decoding")
struct SNMPWalkerTests {
    static let root = OID("1.3.6.1.2.1.2.2.1")!

    /// A table of `count` rows under `root`, then something outside it.
    final class ScriptedAgent {
        var objects: [VarBind]
        var maxAnswer: Int
        var tooBigAbove: Int
        var bulkError: SNMPError?
        var requests: [NetSNMPSession.Request] = []

        init(rows: Int, maxAnswer: Int = .max, tooBigAbove: Int = .max, bulkError: SNMPError? = nil) {
            objects = (1...rows).map {
                VarBind(oid: SNMPWalkerTests.root.appending(2, UInt32($0)), value: .integer(Int64($0)))
            }
            objects.append(VarBind(oid: OID("1.3.6.1.2.1.2.2.2.1")!, value: .null))
            self.maxAnswer = maxAnswer
            self.tooBigAbove = tooBigAbove
            self.bulkError = bulkError
        }

        func next(after oid: OID, count: Int) -> [VarBind] {
            let following = objects.filter { $0.oid > oid }.prefix(count)
            return following.count == count
                ? Array(following)
                : Array(following)
                    + Array(
                        repeating: VarBind(oid: objects.last!.oid, value: .endOfMibView), count: count - following.count
                    )
        }

        func send(_ request: NetSNMPSession.Request, _ oid: OID) throws(SNMPError) -> [VarBind] {
            requests.append(request)
            switch request {
            case .getBulk(_, let repetitions):
                if let bulkError { throw bulkError }
                if repetitions > tooBigAbove { throw SNMPError(code: .tooBig, message: "tooBig") }
                return next(after: oid, count: min(repetitions, maxAnswer))
            case .getNext: return next(after: oid, count: 1)
            case .get, .set: return [VarBind(oid: oid, value: .noSuchObject)]
            }
        }
    }

    func walk(_ agent: ScriptedAgent, version: SNMPTarget.Version = .v2c) throws -> SNMPWalkResult {
        try SNMPWalker(root: Self.root, version: version, options: SNMPWalkOptions()).run {
            (request, oid) throws(SNMPError) in
            try agent.send(request, oid)
        }
    }

    @Test("grows max-repetitions while answers come back whole")
    func grows() throws {
        let result = try walk(ScriptedAgent(rows: 500))
        #expect(result.varBinds.count == 500)
        #expect(result.stats.maxRepetitions == [10, 20, 40, 80, 100, 100, 100, 100])
        #expect(result.stats.end == .leftSubtree)
    }

    @Test("shrinks on tooBig and never grows back past what failed")
    func shrinksOnTooBig() throws {
        let result = try walk(ScriptedAgent(rows: 200, tooBigAbove: 30))
        #expect(result.varBinds.count == 200)
        #expect(result.stats.shrinks >= 1)
        #expect(result.stats.maxRepetitions.prefix(4) == [10, 20, 40, 20])
        #expect(result.stats.maxRepetitions.dropFirst(3).allSatisfy { $0 <= 39 })
    }

    @Test("follows an agent that cuts its answers to fit")
    func followsTruncation() throws {
        let result = try walk(ScriptedAgent(rows: 100, maxAnswer: 7))
        #expect(result.varBinds.count == 100)
        #expect(result.stats.maxRepetitions.dropFirst().allSatisfy { $0 == 7 })
    }

    @Test("falls back to GETNEXT when GETBULK fails, and SNMPv1 never sends GETBULK")
    func fallsBack() throws {
        let failing = try walk(ScriptedAgent(rows: 12, bulkError: SNMPError(code: .genErr, message: "genErr")))
        #expect(failing.varBinds.count == 12)
        #expect(failing.stats.fallbacks == 1 && failing.stats.fallbackReason?.code == .genErr)
        #expect(failing.stats.getNextRequests == 13)
        let v1 = try walk(ScriptedAgent(rows: 12), version: .v1)
        #expect(v1.varBinds.count == 12 && v1.stats.getBulkRequests == 0 && v1.stats.fallbacks == 0)
    }

    @Test("stops on an OID that does not increase instead of looping", arguments: [true, false])
    func stopsOnNonIncreasingOID(bulk: Bool) throws {
        // A broken agent that answers the same first row whatever it is asked.
        var requests = 0
        let same = VarBind(oid: Self.root.appending(2, 1), value: .integer(1))
        let result = try SNMPWalker(root: Self.root, version: .v2c, options: SNMPWalkOptions(useGetBulk: bulk)).run {
            (request, _) throws(SNMPError) in
            requests += 1
            if case .getBulk(_, let repetitions) = request { return Array(repeating: same, count: repetitions) }
            return [same]
        }
        #expect(result.stats.end == .oidNotIncreasing)
        #expect(result.varBinds == [same])
        #expect(requests == (bulk ? 1 : 2))
    }

    @Test("a timeout on the first request is thrown at once; authentication errors are not retried")
    func timeoutsAndAuthentication() {
        let dead = ScriptedAgent(rows: 5, bulkError: SNMPError(code: .timeout, message: "Timeout"))
        #expect(throws: SNMPError.self) { try walk(dead) }
        #expect(dead.requests.count == 1)
        let denied = ScriptedAgent(rows: 5, bulkError: SNMPError(code: .authentication, message: "auth"))
        #expect(throws: SNMPError.self) { try walk(denied) }
        #expect(denied.requests.count == 1)
    }

    @Test(
        "values of the wrong length or truncated become .malformed, never a crash",
        arguments: [
            (0x02, 4, 4), (0x02, 8, 3), (0x41, 2, 2), (0x42, 16, 16), (0x43, 1, 1), (0x46, 8, 8), (0x40, 3, 3),
            (0x40, 5, 5), (0x06, 7, 7), (0x06, 0, 0), (0x04, 10, 4), (0x99, 2, 2),
        ] as [(UInt8, Int, Int)])
    func malformedValues(type: UInt8, claimed: Int, present: Int) {
        let bytes = [UInt8](repeating: 0xAB, count: present)
        let value = bytes.withUnsafeBytes { NetSNMPSession.decodeValue(type: type, bytes: $0, claimedLength: claimed) }
        guard case .malformed(let malformedType, let reason) = value else {
            Issue.record(
                "type 0x\(String(type, radix: 16)) with \(claimed) bytes claimed, \(present) present decoded as \(value)"
            )
            return
        }
        #expect(malformedType == type)
        #expect(!reason.isEmpty)
    }

    @Test("well-formed values decode as net-snmp stores them")
    func wellFormedValues() {
        func decode<T>(_ type: UInt8, _ value: T) -> SNMPValue {
            withUnsafeBytes(of: value) { NetSNMPSession.decodeValue(type: type, bytes: $0, claimedLength: $0.count) }
        }
        #expect(decode(0x02, CLong(-5)) == .integer(-5))
        #expect(decode(0x42, CUnsignedLong(UInt32.max)) == .gauge32(.max))
        #expect(
            decode(0x41, CUnsignedLong(UInt64(UInt32.max) + 1))
                == .malformed(type: 0x41, reason: "Counter32 of 8 bytes or out of range"))
        #expect(decode(0x43, CUnsignedLong(100)) == .timeticks(100))
        #expect(decode(0x40, (UInt8(10), UInt8(0), UInt8(0), UInt8(1))) == .ipAddress(10, 0, 0, 1))
        #expect(decode(0x46, (CUnsignedLong(1), CUnsignedLong(2))) == .counter64(1 << 32 | 2))
        #expect(decode(0x06, (CUnsignedLong(1), CUnsignedLong(3))) == .objectIdentifier(OID("1.3")!))
        #expect(
            decode(0x80, ()) == .noSuchObject && decode(0x81, ()) == .noSuchInstance
                && decode(0x82, ()) == .endOfMibView)
        #expect(decode(0x05, ()) == .null)
        #expect(decode(0x04, (UInt8(0x6C), UInt8(0x6F))) == .octetString(Array("lo".utf8)))
    }
}
