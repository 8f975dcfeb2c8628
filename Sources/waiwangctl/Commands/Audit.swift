import ArgumentParser
import WaiwangAPI
import WaiwangClient

/// `waiwangctl audit …`: the hash-chained log of every change.
struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The audit log (admin and auditor only): list, verify.", subcommands: [List.self, Verify.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List audit entries, oldest first.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Only entries after this sequence number.") var after: Int64?
        @Option(help: "At most this many entries.") var limit: Int?
        @Option(help: "Only entries about this entity (unit, link, prefix, hubDevice, snmpCredential).")
        var entity: String?
        @Flag(help: "Print the API's JSON.") var json = false

        func validate() throws {
            if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
            if let after, after < 0 { throw ValidationError("--after must not be negative") }
        }

        func run() async throws {
            let entries = try await global.withClient { try await $0.audit(after: after, limit: limit, entity: entity) }
            if json { return try printJSON(entries) }
            var table = TextTable("序号", "时间", "操作人", "操作", "对象", "对象标识", "哈希")
            for entry in entries {
                table.append(
                    String(entry.seq), entry.at, entry.actor, entry.action, entry.entity, entry.entityId,
                    String(entry.hash.prefix(12)))
            }
            table.print()
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fetch the whole audit log and check its hash chain; exit 1 when it is broken.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Entries fetched per request.") var pageSize = 1000

        func validate() throws {
            if pageSize < 1 { throw ValidationError("--page-size must be at least 1") }
        }

        func run() async throws {
            let outcome: (count: Int, head: String, broken: AuditChain.Break?) = try await global.withClient { client in
                var count = 0
                var head = AuditChain.genesis
                var lastSeq: Int64 = 0
                while true {
                    let entries = try await client.audit(after: lastSeq, limit: pageSize)
                    if entries.isEmpty { break }
                    if let broken = AuditChain.verify(entries, previous: head, previousSeq: lastSeq) {
                        return (count, head, broken)
                    }
                    count += entries.count
                    head = entries[entries.count - 1].hash
                    lastSeq = entries[entries.count - 1].seq
                }
                return (count, head, nil)
            }
            if let broken = outcome.broken {
                printError("\(broken) (after \(outcome.count) intact entries)")
                throw ExitCode(1)
            }
            print("audit chain intact: \(outcome.count) entries, head \(outcome.head)")
        }
    }
}
