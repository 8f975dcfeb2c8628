import Testing
import WaiwangCore

/// The Chinese report: golden text for the mail body and the Markdown attachment.
@Suite("Incident report")
struct IncidentReportTests {
    typealias F = IncidentFixture

    static func input() throws -> IncidentReportInput {
        let t0 = F.at("2025-11-27", 9)
        var signal = IncidentSignal(
            alertId: "L1-1764205200000000000-1", kind: .wormFanout, unit: "U1", link: "L1", hub: "HT",
            attacker: "10.77.1.5", firstSeen: t0, lastSeen: t0.adding(seconds: 90), targetCount: 42, packets: 1260,
            packetsPerSecond: 14)
        signal.targetsCritical = false
        var incident = Incident(id: "I1", opening: signal, division: "530402", detectedAt: t0.adding(seconds: 11))
        incident.apply(SeverityPolicy().assess(incident.observation()), at: t0.adding(seconds: 11))
        var order = try F.run(F.order(in: .executing), [F.down(F.ownPort)])
        order.ports[1].shutdown = .timedOut
        return IncidentReportInput(
            incident: incident, unitName: "玉溪市红塔区示例局", creditCode: "11530402MB0000000X", divisionName: "红塔区",
            linkName: "L1 VPDN 专线", hubName: "红塔区政务外网汇聚节点", order: order,
            evidence: [
                EvidenceFile(
                    name: "L1-1764205200000000000-1.pcap",
                    sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
            ],
            deadline: t0.adding(seconds: 3611), generatedAt: t0.adding(seconds: 600))
    }

    static let plainText = """
        【政务外网事件报告】玉溪市红塔区示例局蠕虫扩散事件

        事件名称：玉溪市红塔区示例局蠕虫扩散事件
        发现时间：2025-11-27 09:00:11（北京时间）；攻击/故障持续 2025-11-27 09:00:00 至 2025-11-27 09:01:30
        事件单位：玉溪市红塔区示例局（统一社会信用代码：11530402MB0000000X），红塔区
        链路/汇聚点：链路 L1 VPDN 专线；汇聚点 红塔区政务外网汇聚节点
        事件类型：网络安全事件 · 有害程序事件 · 蠕虫扩散（worm_fanout）
        事件级别：较大（III级）；定级依据：有害程序在政务外网内横向扩散，可致多个系统受损（重要系统严重损失之虞）（规则 worm-fanout）
        影响范围：受攻击目标 42 个
        证据摘要：告警 1 条（L1-1764205200000000000-1）；攻击源 10.77.1.5；数据包 1260 个，峰值 14 包/秒；证据文件 L1-1764205200000000000-1.pcap（SHA-256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08）
        已采取措施：隔离工单 O1：执行中；端口 HT-SW1 Gi0/1（关闭已确认）、HT-SW1 Gi0/2.101（关闭超时未确认）；存在失败或超时的端口，须人工处置
        当前状态：执行中（端口操作失败，未完成）
        报告时限：2025-11-27 10:00:11 前（北京时间）

        生成时间：2025-11-27 09:10:00（北京时间）
        本报告由 Waiwang 根据事件记录自动生成，首报可不完整，后续补报。

        """

    @Test("the mail body, field by field")
    func plain() throws {
        let report = IncidentReport(try Self.input())
        #expect(report.plainText == Self.plainText)
        #expect(
            report.fields.map(\.label) == [
                "事件名称", "发现时间", "事件单位", "链路/汇聚点", "事件类型", "事件级别", "影响范围", "证据摘要", "已采取措施", "当前状态", "报告时限",
            ])
    }

    @Test("the Markdown attachment: a table of the fields and the timeline")
    func markdown() throws {
        let input = try Self.input()
        let text = IncidentReport(input).markdown(timeline: input.incident.timeline)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "# 政务外网事件报告：玉溪市红塔区示例局蠕虫扩散事件")
        #expect(lines[2...3] == ["| 项目 | 内容 |", "|---|---|"])
        #expect(lines[4] == "| 事件名称 | 玉溪市红塔区示例局蠕虫扩散事件 |")
        #expect(lines[8] == "| 事件类型 | 网络安全事件 · 有害程序事件 · 蠕虫扩散（worm_fanout） |")
        #expect(
            lines[16...19] == [
                "## 处置经过", "", "- 2025-11-27 09:00:11 system：事件创建（告警 L1-1764205200000000000-1）",
                "- 2025-11-27 09:00:11 system：定级为较大（III级）（规则 worm-fanout）",
            ])
        #expect(text.hasSuffix("生成时间：2025-11-27 09:10:00（北京时间）\n"))
    }

    @Test("without an order: not isolated; a fault shows devices and links")
    func noOrder() throws {
        var input = try Self.input()
        input.order = nil
        let report = IncidentReport(input)
        #expect(report.fields[8].value == "尚未采取隔离措施")
        #expect(report.fields[9].value == "处置中（未隔离）")
        let fault = IncidentSignal(
            alertId: "F1", kind: .linksDown, unit: nil, hub: "HT", firstSeen: F.at("2025-11-27"),
            lastSeen: F.at("2025-11-27", 11), linksDown: 12)
        input.incident = Incident(id: "I2", opening: fault, division: "530402", detectedAt: F.at("2025-11-27"))
        #expect(IncidentReport(input).fields[6].value == "不可达设备 0 台，中断链路 12 条")
    }
}
