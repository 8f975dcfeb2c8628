import ArgumentParser
import Foundation
import WaiwangAPI
import WaiwangClient

/// The exit statuses of waiwangctl (sysexits.h) and how a registry error is told to the operator.
enum Failure {
    static let usage: Int32 = 64
    /// Bad input, or refused by a rule (validation, conflict).
    static let dataError: Int32 = 65
    static let notFound: Int32 = 66
    static let unavailable: Int32 = 69
    static let software: Int32 = 70
    /// Unauthorized or forbidden.
    static let noPermission: Int32 = 77
    /// waiwangctl's own settings are wrong (e.g. an unreadable --ca-file).
    static let configuration: Int32 = 78

    /// The exit status for a registry error.
    static func status(for error: RegistryClientError) -> Int32 {
        if error.code == .unreachable { return unavailable }
        if error.code == .badResponse { return software }
        if error.code == .configuration { return configuration }
        switch error.status ?? 0 {
        case 401, 403: return noPermission
        case 404, 410: return notFound
        case 502, 503, 504: return unavailable
        case 400..<500: return dataError
        default: return software
        }
    }

    /// Prints `error: <detail> (field, rule)` and every listed row or field to stderr; returns the exit status.
    static func report(_ error: RegistryClientError) -> ExitCode {
        printError("error: \(error)")
        for item in error.errors { printError("  " + describe(item)) }
        return ExitCode(status(for: error))
    }

    /// `line N: field: message [rule]`, as far as the item tells.
    static func describe(_ item: Problem.Item) -> String {
        var text = ""
        if let line = item.line { text += "line \(line): " }
        if let field = item.field { text += "\(field): " }
        text += item.message
        if let rule = item.rule { text += " [\(rule)]" }
        return text
    }
}

/// Writes a line to standard error.
func printError(_ text: String) {
    try? FileHandle.standardError.write(contentsOf: Data((text + "\n").utf8))
}
