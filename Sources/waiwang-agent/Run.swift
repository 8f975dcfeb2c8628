import ArgumentParser
import Foundation
import Logging
import Metrics
import Prometheus
import WaiwangAgent

extension WaiwangAgentCommand {
    /// `waiwang-agent run`: the daemon systemd starts.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the agent: poll the assigned devices, send observations, execute port commands.",
            discussion: """
                Reads the TOML configuration (see Config/agent.example.toml), the credential from `enroll`, and the
                outbox in the state directory. Stops gracefully on SIGTERM or SIGINT.
                Exit status: 0 stopped, 64 bad configuration, 65 not enrolled, 70 failed.
                """)

        @Option(help: "The configuration file.") var config: String = "/etc/waiwang/agent.toml"
        @Option(help: "Log level: trace, debug, info, notice, warning, error.") var logLevel: String = "info"

        func run() async throws {
            let configuration: AgentConfig
            do {
                configuration = try AgentConfig(path: config)
            } catch {
                FileHandle.standardError.write(Data("error: \(config): \(error)\n".utf8))
                throw ExitCode(64)
            }
            let level = Logger.Level(rawValue: logLevel) ?? .info
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
            let logger = Logger(label: "waiwang-agent")
            let metrics = AgentMetrics()
            // swift-metrics users (the capture code) land in the same registry as the agent's own metrics.
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics.registry))
            let runtime: AgentRuntime
            do {
                runtime = try AgentRuntime(config: configuration, metrics: metrics, logger: logger)
            } catch let error as UplinkError {
                FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
                throw ExitCode(65)
            } catch {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                throw ExitCode(70)
            }
            do {
                try await runtime.run()
            } catch {
                logger.critical("agent failed", metadata: ["error": "\(error)"])
                throw ExitCode(70)
            }
        }
    }
}
