import ArgumentParser
import WaiwangAPI
import WaiwangClient
import WaiwangCore

/// `waiwangctl incidents …`: incidents folded from the agents' alerts, and their grade.
struct Incidents: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Incidents (网络安全事件): list, show, and set the grade by hand.",
        discussion: """
            The registry folds the agents' alerts of one unit and kind into an incident and grades it by \
            Config/severity.json (GB/T 20986-2023: general 一般, major 较大, serious 重大, especially-serious 特别重大).
            """,
        subcommands: [List.self, Show.self, Report.self, Grade.self, Close.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List incidents, most recently seen first (a county token sees its division only).")

        @OptionGroup var global: GlobalOptions
        @Option(help: "open or closed.") var state: String?
        @Option(help: "A unit's id or 统一社会信用代码.") var unit: String?
        @Option(help: "general, major, serious, especially-serious (or 一般 … 特别重大).") var grade: String?
        @Option(help: "An alert kind, e.g. port_scan, worm_fanout.") var kind: String?
        @OptionGroup var paging: PagingOptions
        @Flag(help: "Print the API's JSON.") var json = false

        func validate() throws {
            if let state, !["open", "closed"].contains(state) {
                throw ValidationError("--state is open or closed")
            }
            _ = try grade.map { text in try validated { () throws(RegistryError) in try IncidentGrade(parsing: text) } }
        }

        func run() async throws {
            let query = IncidentQuery(
                state: state, unit: unit,
                grade: try grade.map { text in
                    try validated { () throws(RegistryError) in try IncidentGrade(parsing: text) }.rawValue
                }, kind: kind)
            let page = try await global.withClient { client in
                try await paging.fetch { offset, limit in
                    var query = query
                    query.offset = offset
                    query.limit = limit
                    return try await client.incidents(query)
                }
            }
            if json { return try printJSON(page) }
            var table = TextTable("ID", "单位", "类型", "级别", "状态", "首次发现", "最近发现", "告警", "工单")
            for incident in page.items {
                table.append(
                    incident.id, incident.unitName ?? incident.units.joined(separator: ","),
                    Labels.incidentKind(incident.kind), Labels.grade(incident.grade),
                    Labels.incidentState(incident.state), incident.firstSeen, incident.lastSeen,
                    String(incident.alertIds.count), incident.orderIds.joined(separator: ","))
            }
            table.print()
            print("\(page.items.count) of \(page.total) incidents" + (page.offset > 0 ? " from \(page.offset)" : ""))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one incident: unit, grade and its reason, alerts, orders, timeline.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The incident's id, e.g. INC-2026-000001.") var id: String
        @Flag(help: "Print the API's JSON.") var json = false

        func run() async throws {
            let incident = try await global.withClient { try await $0.incident(id) }
            if json { return try printJSON(incident) }
            printIncident(incident)
        }
    }

    struct Grade: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set an incident's grade by hand (security or admin); the reason is recorded and audited.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The incident's id.") var id: String
        @Option(help: "general, major, serious, especially-serious (or 一般 … 特别重大, IV … I).") var grade: String
        @Option(help: "调整理由: why the grade changes.") var reason: String
        @Flag(help: "Print the API's JSON.") var json = false

        func validate() throws {
            _ = try validated { () throws(RegistryError) in try IncidentGrade(parsing: grade) }
            if reason.trimmingBlanks().isEmpty { throw ValidationError("--reason must say why the grade changes") }
        }

        func run() async throws {
            let incident = try await global.withClient {
                try await $0.gradeIncident(id, GradeInput(grade: grade, reason: reason))
            }
            if json { return try printJSON(incident) }
            print("\(incident.id) 级别：\(Labels.grade(incident.grade))")
        }
    }
}

extension Incidents {
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the incident's report (事件报告) in Markdown, as the escalation sends it.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The incident's id.") var id: String

        func run() async throws {
            print(try await global.withClient { try await $0.incidentReport(id) })
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "End an incident's handling without (or after) an order, with the reason (security or admin).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The incident's id.") var id: String
        @Option(help: "关闭理由, e.g. 误报 or 已责成单位整改.") var reason: String
        @Flag(help: "Print the API's JSON.") var json = false

        func validate() throws {
            if reason.trimmingBlanks().isEmpty { throw ValidationError("--reason must say why handling ends") }
        }

        func run() async throws {
            let incident = try await global.withClient { try await $0.closeIncident(id, reason: reason) }
            if json { return try printJSON(incident) }
            print("\(incident.id) \(Labels.incidentState(incident.state))")
        }
    }
}

/// One incident in full, labelled in Chinese.
func printIncident(_ incident: IncidentView) {
    var fields = FieldList()
    fields.add("事件编号", incident.id)
    fields.add("事件单位", [incident.unitName, incident.creditCode].compactMap { $0 }.joined(separator: " "))
    fields.add("区县代码", incident.divisionCode)
    fields.add("事件类型", "\(Labels.incidentKind(incident.kind)) (\(incident.kind))")
    fields.add("事件级别", Labels.grade(incident.grade))
    fields.add("定级依据", "\(incident.gradeReason)（规则 \(incident.gradeRule)）")
    fields.add("状态", Labels.incidentState(incident.state))
    fields.add("发现时间", "\(incident.firstSeen) — \(incident.lastSeen)")
    fields.add("攻击源", incident.attackers.joined(separator: ", "))
    if !incident.criticalTargets.isEmpty { fields.add("重要业务系统", incident.criticalTargets.joined(separator: "、")) }
    fields.add("报文数", String(incident.packets))
    fields.add("隔离工单", incident.orderIds.isEmpty ? "-" : incident.orderIds.joined(separator: ", "))
    fields.print()
    if !incident.alerts.isEmpty {
        print("\n告警")
        var table = TextTable("告警", "类型", "攻击源", "首次", "最近", "报文", "证据 SHA-256")
        for alert in incident.alerts {
            table.append(
                alert.alertId, alert.kind, alert.attacker, alert.firstSeen, alert.lastSeen, String(alert.packets),
                alert.evidenceSha256 ?? "-")
        }
        table.print()
    }
    printTimeline(incident.timeline)
}
