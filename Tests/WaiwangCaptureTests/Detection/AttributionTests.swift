import Foundation
import Testing
import WaiwangCapture

@Suite("attribution to units by link and longest prefix, and the allowlist")
struct AttributionTests {
    static func sweep(_ traffic: inout Traffic, from source: String, hosts: Int = 25) {
        for host in 1...hosts { traffic.ping(source, "10.60.0.\(host)") }
        traffic.finish()
    }

    @Test("on a shared link the unit owning the prefix is named (U3 for 10.77.2.200, U2 for 10.77.2.20)")
    func sharedLinkPrefixOwner() throws {
        var u3 = Traffic(policy: Traffic.only(.hostSweep), link: "L2")
        Self.sweep(&u3, from: "10.77.2.200")
        #expect(u3.opened.map(\.unit) == ["U3"])
        #expect(u3.opened.first?.units == ["U3"])
        #expect(u3.opened.first?.spoofedSource == false)

        var u2 = Traffic(policy: Traffic.only(.hostSweep), link: "L2")
        Self.sweep(&u2, from: "10.77.2.20")
        #expect(u2.opened.map(\.unit) == ["U2"])
    }

    @Test("a source forged inside U4's prefix but seen on L1 is U1's spoofed traffic, never U4's")
    func forgedSourceStaysOnItsLink() throws {
        var traffic = Traffic(policy: Traffic.only(.hostSweep))
        // A forged source's first packet only marks it in the doorkeeper, so 26 probes make 25.
        Self.sweep(&traffic, from: "10.88.4.4", hosts: 26)
        let alert = try #require(traffic.opened.first)
        #expect(alert.attacker == "10.88.4.4")
        #expect(alert.unit == "U1")
        #expect(alert.units == ["U1"])
        #expect(alert.spoofedSource)
        #expect(traffic.engine.statistics.spoofed == 26)
        #expect(traffic.engine.statistics.doorkeeperRejected == 1)
    }

    @Test("an IPv6 source in U1's prefix is U1's")
    func ipv6() throws {
        var traffic = Traffic(policy: Traffic.only(.portScan))
        for port in 1...15 { traffic.tcp("2001:db8:77:1::5", "2001:db8:50::9", 40000, UInt16(port), [.syn]) }
        traffic.finish()
        #expect(traffic.opened.map(\.unit) == ["U1"])
        #expect(traffic.opened.first?.attacker == "2001:db8:77:1::5")
    }

    @Test("the authority's scanner never alerts, nor do replies to it; a port-limited entry allows only that port")
    func allowlist() throws {
        var traffic = Traffic()
        for port in 1...200 { traffic.tcp("10.99.0.7", "10.50.0.9", 40000, UInt16(port), [.syn]) }
        for port in 1...200 { traffic.udp("10.77.1.5", "10.99.0.7", UInt16(port), 33434) }
        for host in 1...50 { traffic.tcp("10.77.1.200", "10.60.0.\(host)", 40000, 443, [.syn]) }
        traffic.finish()
        #expect(traffic.alerts.isEmpty)
        #expect(traffic.engine.statistics.allowlisted == 450)

        var other = Traffic(policy: Traffic.only(.hostSweep))
        for host in 1...50 { other.tcp("10.77.1.200", "10.60.0.\(host)", 40000, 22, [.syn]) }
        other.finish()
        #expect(other.opened.map(\.kind) == [.hostSweep])
    }

    @Test("counters split packets by attribution class")
    func counters() throws {
        var traffic = Traffic(policy: Traffic.only())
        traffic.connection("10.77.1.5", "10.50.0.80", clientPort: 40000, serverPort: 80, dataPackets: 1)
        traffic.udp("10.77.1.5", "224.0.0.251", 5353, 5353)
        traffic.send(.other(etherType: 0x88CC))
        let stats = traffic.engine.statistics
        #expect(stats.outbound == 5)
        #expect(stats.inbound == 3)
        #expect(stats.ignored == 2)
        #expect(stats.packets == 10)
    }
}

@Suite("watch file and detection policy")
struct ConfigurationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func error(_ json: String) -> DetectionConfigurationError? {
        do {
            _ = try WatchConfiguration.decode(from: Data(json.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test("the issue's minimal shape is accepted")
    func minimal() throws {
        let watch = try WatchConfiguration.decode(
            from: Data(
                #"{"units": [{"id": "U1", "name": "…", "prefixes": ["10.77.1.0/24"], "link": "L1"}], "links": [{"id": "L1", "units": ["U1"]}], "allow": ["10.99.0.0/24"]}"#
                    .utf8))
        #expect(watch.units.count == 1)
        #expect(watch.linkIDs == ["L1"])
        #expect(watch.allow.first?.port == nil)
        let engine = try DetectionEngine(watch: watch, link: nil)
        #expect(engine.link == "L1")
    }

    @Test("errors name the field at fault")
    func errorsNameTheField() throws {
        #expect(
            Self.error(#"{"units": [{"id": "U1", "prefixes": ["10.77.1.1/24"]}]}"#)?.field == "units[0].prefixes[0]")
        #expect(
            Self.error(#"{"units": [{"id": "U1", "prefixes": [], "link": "L9"}], "links": [{"id": "L1"}]}"#)?.field
                == "units[0].link")
        #expect(
            Self.error(#"{"units": [{"id": "U1", "prefixes": []}, {"id": "U1", "prefixes": []}]}"#)?.field
                == "units[1].id")
        #expect(Self.error(#"{"units": [], "links": [{"id": "L1", "units": ["U7"]}]}"#)?.field == "links[0].units[0]")
        #expect(Self.error(#"{"units": [{"prefixes": []}]}"#)?.field == "units[0].id")
        #expect(Self.error(#"{"units": [], "allow": ["10.99.0.0/33"]}"#)?.field == "allow[0]")
        #expect(
            Self.error(#"{"units": [], "links": [{"id": "L1", "gateways": [{"ip": "10.0.0.1", "mac": "zz"}]}]}"#)?.field
                == "links[0].gateways[0].mac")
        #expect(
            Self.error(
                #"{"units": [{"id": "A", "prefixes": ["10.0.0.0/8"], "link": "L"}, {"id": "B", "prefixes": ["10.0.0.0/8"], "link": "L"}]}"#
            )?.field == "units[1].prefixes[0]")
        #expect(throws: DetectionConfigurationError.self) {
            try DetectionEngine(watch: Traffic.watch, link: "L7")
        }
        #expect(throws: DetectionConfigurationError.self) {
            try DetectionEngine(watch: Traffic.watch, link: nil)
        }
    }

    @Test("Config/detection.json holds the defaults; a partial file keeps the rest; a bad value names its field")
    func policyFile() throws {
        let shipped = try DetectionPolicy.load(contentsOf: Self.root.appendingPathComponent("Config/detection.json"))
        #expect(shipped == DetectionPolicy())
        let partial = try DetectionPolicy.decode(from: Data(#"{"portScan": {"distinctPorts": 30}}"#.utf8))
        #expect(partial.portScan.distinctPorts == 30)
        #expect(partial.portScan.windowSeconds == 300)
        #expect(partial.hostSweep == HostSweepPolicy())
        do {
            _ = try DetectionPolicy.decode(from: Data(#"{"hostSweep": {"distinctHosts": 0}}"#.utf8))
            Issue.record("accepted 0 hosts")
        } catch {
            #expect(error.field == "hostSweep.distinctHosts")
        }
        do {
            _ = try DetectionPolicy.decode(from: Data(#"{"synFlood": {"windowSeconds": "x"}}"#.utf8))
            Issue.record("accepted a string")
        } catch {
            #expect(error.field.hasPrefix("synFlood"))
        }
    }
}
