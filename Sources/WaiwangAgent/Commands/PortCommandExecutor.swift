import Foundation
import WaiwangAPI
import WaiwangCore
import WaiwangSNMP

/// Executes one `port.shutdown` or `port.restore` against the assigned device's credentials through
/// ``PortAdminControl`` (SET ifAdminStatus, then read back until confirmed or the command's deadline).
public struct PortCommandExecutor: Sendable {
    public var control: PortAdminControl
    public var timeout: Duration
    public var retries: Int

    public init(control: PortAdminControl = PortAdminControl(), timeout: Duration = .seconds(2), retries: Int = 1) {
        self.control = control
        self.timeout = timeout
        self.retries = retries
    }

    /// Runs `command` on the device named in it; every failure is a result, never a throw.
    public func execute(_ command: AgentCommand, assignment: AgentAssignment?) async -> AgentCommandResult {
        func result(_ outcome: AgentCommandOutcome, admin: Int? = nil, oper: Int? = nil, _ message: String)
            -> AgentCommandResult
        {
            AgentCommandResult(
                id: command.id, outcome: outcome, adminStatus: admin.map(Self.adminName),
                operStatus: oper.map(Self.operName), message: message, finishedAt: Timestamp.rfc3339())
        }
        guard let device = assignment?.devices.first(where: { $0.name == command.device }) else {
            return result(.failed, "device \(command.device) is not in this agent's assignment")
        }
        let status: AdminStatus = command.kind == .portShutdown ? .down : .up
        do {
            let session = try await SNMPSession(try device.target(timeout: timeout, retries: retries))
            let outcome = try await control.set(
                .ifName(command.ifName), to: status, on: session,
                deadline: .seconds(max(1, command.deadlineSeconds)))
            let text =
                "ifIndex \(outcome.ifIndex) after \(String(format: "%.1f", outcome.seconds)) s, \(outcome.reads) reads"
            return outcome.confirmed
                ? result(
                    .confirmed, admin: outcome.ifAdminStatus, oper: outcome.ifOperStatus,
                    "confirmed \(outcome.requested), \(text)")
                : result(
                    .timedOut, admin: outcome.ifAdminStatus, oper: outcome.ifOperStatus,
                    "not confirmed \(outcome.requested) before the deadline, \(text)")
        } catch let error as SNMPError {
            return result(.failed, "\(error) — \(error.advice)")
        } catch {
            return result(.failed, "\(error)")
        }
    }

    /// ifAdminStatus by name (IF-MIB).
    static func adminName(_ value: Int) -> String {
        switch value {
        case 1: "up"
        case 2: "down"
        case 3: "testing"
        default: String(value)
        }
    }

    /// ifOperStatus by name (IF-MIB).
    static func operName(_ value: Int) -> String {
        switch value {
        case 1: "up"
        case 2: "down"
        case 3: "testing"
        case 4: "unknown"
        case 5: "dormant"
        case 6: "notPresent"
        case 7: "lowerLayerDown"
        default: String(value)
        }
    }
}
