import Foundation
import WaiwangCore
import WaiwangStore

/// Everything the registry reads from its configuration directory: the division tree (`divisions.json`),
/// the working-day calendar (`calendar/*.txt`), the application policy (`applications.json`), the hub agents'
/// policy (`agents.json`), the incident policy (`severity.json`, `isolation.json`, `critical-targets.json`) and
/// who is told of incidents (`escalation.json`).
public struct RegistryConfiguration: Sendable {
    public var tree: DivisionTree
    public var calendar: WorkingDayCalendar?
    public var policy: ApplicationPolicy
    public var agents = AgentPolicy()
    /// Recipients and deadlines of escalation reports; without the file, no recipient (every report shows why).
    public var escalation = EscalationPolicy()
    public var incidents = IncidentPolicy()

    /// Reads the directory; errors name the file and what is wrong with it.
    public static func load(directory: String) throws -> RegistryConfiguration {
        let tree = try decode(DivisionTree.self, file: "divisions.json", in: directory, required: true)!
        let policy =
            try decode(ApplicationPolicy.self, file: "applications.json", in: directory, required: false)
            ?? ApplicationPolicy()
        let calendarDirectory = (directory as NSString).appendingPathComponent("calendar")
        var calendar: WorkingDayCalendar?
        if let names = try? FileManager.default.contentsOfDirectory(atPath: calendarDirectory) {
            // Every .txt is handed to the parser, so a misnamed file is reported rather than skipped.
            let files = try names.filter { $0.hasSuffix(".txt") }.sorted().map { name -> (name: String, text: String) in
                let path = (calendarDirectory as NSString).appendingPathComponent(name)
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw ConfigurationError("cannot read \(path)")
                }
                return (name, String(decoding: data, as: UTF8.self))
            }
            if !files.isEmpty {
                do { calendar = try WorkingDayCalendar.parse(files: files) } catch {
                    throw ConfigurationError("\(calendarDirectory)/\(error.description)")
                }
            }
        }
        let agents =
            try decode(AgentPolicy.self, file: "agents.json", in: directory, required: false) ?? AgentPolicy()
        do { try agents.validate() } catch {
            throw ConfigurationError("\((directory as NSString).appendingPathComponent("agents.json")): \(error)")
        }
        var incidents = IncidentPolicy()
        if let severity = try decode(SeverityPolicy.self, file: "severity.json", in: directory, required: false) {
            incidents.severity = severity
        }
        if let minimum = try decode(FaultSettings.self, file: "severity.json", in: directory, required: false)?
            .faultMinLinksDown
        {
            incidents.faultMinLinksDown = minimum
        }
        if let isolation = try decode(IsolationPolicy.self, file: "isolation.json", in: directory, required: false) {
            incidents.isolation = isolation
        }
        if let kinds = try decode(AutoProposalSettings.self, file: "isolation.json", in: directory, required: false)?
            .autoProposeKinds
        {
            incidents.autoProposeKinds = Set(kinds)
        }
        incidents.criticalTargets = try loadCriticalTargets(in: directory)
        do { try incidents.validate() } catch {
            throw ConfigurationError(
                "\((directory as NSString).appendingPathComponent("severity.json")) or isolation.json: \(error)")
        }
        let escalation =
            try decode(EscalationPolicy.self, file: "escalation.json", in: directory, required: false)
            ?? EscalationPolicy()
        do { try escalation.validate() } catch {
            throw ConfigurationError("\((directory as NSString).appendingPathComponent("escalation.json")): \(error)")
        }
        return RegistryConfiguration(
            tree: tree, calendar: calendar, policy: policy, agents: agents, escalation: escalation,
            incidents: incidents)
    }

    static func decode<T: Decodable>(_ type: T.Type, file: String, in directory: String, required: Bool) throws
        -> T?
    {
        let path = (directory as NSString).appendingPathComponent(file)
        guard let data = FileManager.default.contents(atPath: path) else {
            if required {
                throw ConfigurationError("cannot read \(path); pass --config with the directory holding \(file)")
            }
            return nil
        }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch {
            throw ConfigurationError("\(path) is not valid: \(error)")
        }
    }
}

/// A configuration file that cannot be used, named with what is wrong.
public struct ConfigurationError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
