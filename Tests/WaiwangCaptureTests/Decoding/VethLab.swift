import Foundation
import Synchronization

/// A network namespace joined to the root namespace by a veth pair, made for one test and
/// removed after it (LAB.md's rules): the pair is created under fresh names that cannot exist
/// already, its peer is created directly inside the fresh namespace and renamed there, and no
/// existing interface is ever moved. Deleting the namespace deletes both ends.
final class VethLab {
    private static let counter = Atomic<Int>(0)

    /// The namespace's name (`waiwang-cap-PID-N`).
    let namespace: String
    /// The root-namespace end of the pair, where the test captures (`wwcPIDNa`).
    let hostEnd: String
    private var closed = false

    /// Creates the namespace and the pair; the namespace end is `eth0`, up, with `address`
    /// (a private /24) and a static neighbour `gateway` at `gatewayMAC`, so it sends without ARP.
    init(address: String, gateway: String, gatewayMAC: String) throws {
        let number = VethLab.counter.add(1, ordering: .relaxed).newValue
        let pid = Int(getpid()) % 100_000
        namespace = "waiwang-cap-\(pid)-\(number)"
        hostEnd = "wwc\(pid)n\(number)a"
        let peer = "wwc\(pid)n\(number)b"
        try VethLab.ip(["netns", "add", namespace])
        do {
            try VethLab.ip(["link", "add", hostEnd, "type", "veth", "peer", "name", peer, "netns", namespace])
            try VethLab.ip(["-n", namespace, "link", "set", peer, "name", "eth0"])
            try VethLab.ip(["-n", namespace, "link", "set", "eth0", "up"])
            try VethLab.ip(["-n", namespace, "addr", "add", "\(address)/24", "dev", "eth0"])
            try VethLab.ip(["-n", namespace, "neigh", "add", gateway, "lladdr", gatewayMAC, "dev", "eth0"])
            try VethLab.ip(["link", "set", hostEnd, "up"])
        } catch {
            remove()
            throw error
        }
    }

    deinit {
        remove()
    }

    /// Runs a shell command inside the namespace and returns its output.
    @discardableResult
    func run(_ script: String) throws -> String {
        try VethLab.ip(["netns", "exec", namespace, "bash", "-c", script])
    }

    /// Deletes the namespace (and with it both veth ends). Safe to call twice.
    func remove() {
        guard !closed else { return }
        closed = true
        _ = try? VethLab.ip(["link", "del", hostEnd])
        _ = try? VethLab.ip(["netns", "del", namespace])
    }

    struct CommandFailed: Error, CustomStringConvertible {
        var description: String
    }

    @discardableResult
    static func ip(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ToolPath.find("ip") ?? "/usr/sbin/ip")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw CommandFailed(description: "ip \(arguments.joined(separator: " ")): \(output)")
        }
        return output
    }
}
