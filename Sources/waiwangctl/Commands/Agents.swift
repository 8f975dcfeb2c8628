import ArgumentParser
import Foundation
import WaiwangAPI

/// `waiwangctl agents …`: the probe agents at the hubs, their enrolment and their commands.
struct Agents: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Hub agents (汇聚点探针): create (enrolment token), list, revoke, command, commands, observations.",
        subcommands: [Create.self, List.self, Revoke.self, Command.self, Commands.self, Observations.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make an agent at a hub and print its one-time enrolment token (admin).",
            discussion: """
                The token is shown once and works once, until it expires (Config/agents.json, 24 h by default). \
                On the hub's agent host: waiwang-agent enroll --registry URL --token TOKEN --state-dir DIR.
                """)

        @OptionGroup var global: GlobalOptions
        @Option(help: "Hub code (e.g. HT) or the division it serves.") var hub: String
        @Option(help: "A name for people, e.g. 红塔区汇聚点探针.") var name: String?
        @Flag(help: "Print the API's JSON.") var json = false

        func run() async throws {
            let ticket = try await global.withClient {
                try await $0.createAgent(AgentEnrollmentCreate(hub: hub, name: name))
            }
            if json { return try printJSON(ticket) }
            print("探针 \(ticket.agentId) @ \(ticket.hub)；一次性注册令牌（\(ticket.expiresAt) 前有效，只显示一次）：")
            print(ticket.token)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List agents with last heartbeat, version, outbox depth, drops and staleness.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Hub code or the division it serves.") var hub: String?
        @Flag(help: "Print the API's JSON.") var json = false

        func run() async throws {
            let agents = try await global.withClient { try await $0.agents(hub: hub) }
            if json { return try printJSON(agents) }
            var table = TextTable("ID", "汇聚节点", "名称", "主机", "版本", "最近心跳", "状态", "待发", "丢弃")
            for agent in agents {
                let state =
                    agent.revokedAt != nil ? "已撤销" : agent.enrolledAt == nil ? "未注册" : agent.stale ? "失联" : "在线"
                table.append(
                    String(agent.id), agent.hub, agent.name, agent.hostname ?? "-", agent.version ?? "-",
                    agent.lastHeartbeatAt ?? "-", state, agent.outboxDepth.map(String.init) ?? "-",
                    agent.droppedSamples.map(String.init) ?? "-")
            }
            table.print()
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke an agent (admin): its credential stops working at once; a new probe needs a new agent.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The agent's id (waiwangctl agents list).") var id: Int64
        @Option(help: "Why, kept with the agent and in the audit log, e.g. 探针主机报废.") var reason: String
        @Flag(help: "Print the API's JSON.") var json = false

        func run() async throws {
            let agent = try await global.withClient { try await $0.revokeAgent(id, reason: reason) }
            if json { return try printJSON(agent) }
            print("探针 \(agent.id) @ \(agent.hub) 已撤销（\(agent.revokedAt ?? "")，\(agent.revokedBy ?? "")）：\(agent.revokeReason ?? "")")
        }
    }

    struct Command: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Queue port.shutdown or port.restore for an agent (admin or security).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The agent's id.") var agent: Int64
        @Argument(help: "port.shutdown or port.restore.") var kind: String
        @Option(help: "A device of the agent's hub.") var device: String
        @Option(help: "The port's ifName, e.g. GigabitEthernet0/0/1.") var ifName: String
        @Option(help: "Seconds the agent reads back before it reports timed_out.") var deadline = 30
        @Flag(help: "Print the API's JSON.") var json = false

        func validate() throws {
            guard AgentCommandKind(rawValue: kind) != nil else {
                throw ValidationError("kind must be port.shutdown or port.restore")
            }
            guard (1...600).contains(deadline) else { throw ValidationError("--deadline must be 1–600 seconds") }
        }

        func run() async throws {
            let body = AgentCommandCreate(
                kind: AgentCommandKind(rawValue: kind) ?? .portShutdown, device: device, ifName: ifName,
                deadlineSeconds: deadline)
            let view = try await global.withClient { try await $0.queueAgentCommand(agent: agent, body) }
            if json { return try printJSON(view) }
            print("queued command \(view.command.id): \(kind) \(device) \(ifName) for agent \(agent)")
        }
    }

    struct Commands: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "An agent's commands with status and result.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The agent's id.") var agent: Int64
        @Flag(help: "Print the API's JSON.") var json = false

        func run() async throws {
            let commands = try await global.withClient { try await $0.agentCommands(agent: agent) }
            if json { return try printJSON(commands) }
            var table = TextTable("命令", "类型", "设备", "端口", "下发时间", "状态", "回读", "说明")
            for view in commands {
                let readBack = view.result.map { "\($0.adminStatus ?? "-")/\($0.operStatus ?? "-")" } ?? "-"
                table.append(
                    view.command.id, view.command.kind.rawValue, view.command.device, view.command.ifName,
                    view.command.issuedAt, Self.label(view.status), readBack, view.result?.message ?? "")
            }
            table.print()
        }

        static func label(_ status: AgentCommandStatus) -> String {
            switch status {
            case .queued: "待取"
            case .delivered: "已下发"
            case .confirmed: "已确认"
            case .failed: "失败"
            case .timedOut: "超时"
            }
        }
    }

    struct Observations: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What an agent's observations left in the registry, by kind.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The agent's id.") var agent: Int64
        @Flag(help: "Print the API's JSON.") var json = false

        func run() async throws {
            let counts = try await global.withClient { try await $0.agentObservationCounts(agent: agent) }
            if json { return try printJSON(counts) }
            var fields = FieldList()
            fields.add("探针", String(counts.agentId))
            fields.add("幂等键", String(counts.keys))
            fields.add("链路采样", String(counts.linkSamples))
            fields.add("状态变化", String(counts.healthChanges))
            fields.add("安全告警", String(counts.alerts))
            fields.add("Trap", String(counts.traps))
            fields.add("心跳", String(counts.heartbeats))
            fields.print()
        }
    }
}
