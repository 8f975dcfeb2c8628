import Foundation
import WaiwangAPI
import WaiwangCapture

/// The capture part of an assignment: the mirror interfaces to open and what the detectors watch on them.
///
/// Two plans compare equal exactly when the captures would be the same, so the service restarts them only when
/// the assignment's `capture` list or `watch` changed (not when, say, a device's community did).
public struct CapturePlan: Sendable, Equatable {
    /// The interfaces to capture on, each with the link whose traffic it sees.
    public var captures: [AssignedCapture]
    /// The units, prefixes, links and allowlist the detectors attribute by.
    public var watch: WatchAssignment

    public init(captures: [AssignedCapture], watch: WatchAssignment) {
        self.captures = captures
        self.watch = watch
    }

    /// The plan of an assignment.
    public init(_ assignment: AgentAssignment) {
        self.init(captures: assignment.capture, watch: assignment.watch)
    }

    /// The watch in the detectors' own type, validated: the assignment's JSON shape is the watch file's.
    public func watchConfiguration() throws -> WatchConfiguration {
        try WatchConfiguration.decode(from: try JSONEncoder().encode(watch))
    }
}
