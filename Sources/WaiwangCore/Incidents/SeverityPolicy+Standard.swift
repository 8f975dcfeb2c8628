extension SeverityPolicy {
    /// The 定级依据 when no rule matches.
    public static let standardDefaultReason =
        "单位局域网对政务外网的攻击或局部故障，未涉及重要系统、未造成较大损失（GB/T 20986-2023 一般事件）"

    /// The shipped rules (the same as `Config/severity.json`); docs/INCIDENTS.md explains each threshold.
    public static let standardRules: [SeverityRule] = [
        SeverityRule(
            name: "worm-fanout", grade: .major,
            reason: "有害程序在政务外网内横向扩散，可致多个系统受损（重要系统严重损失之虞）",
            kinds: [.wormFanout]),
        SeverityRule(
            name: "critical-targets", grade: .major,
            reason: "攻击指向登记为重要系统的目标（特别重要系统、较大损失之虞）",
            category: .security, targetsCritical: true),
        SeverityRule(
            name: "sustained-flood", grade: .major,
            reason: "持续 10 分钟以上、每秒 1 万包以上的洪泛攻击，可致业务中断（较大损失）",
            kinds: [.synFlood, .udpFlood, .icmpFlood], minPacketsPerSecond: 10_000, minDurationSeconds: 600),
        SeverityRule(
            name: "repeat-offence", grade: .major,
            reason: "同一单位 30 日内第三次发起攻击，整改无效（较大社会影响之虞）",
            category: .security, minRepeats: 2),
        SeverityRule(
            name: "critical-flood", grade: .serious,
            reason: "持续 30 分钟以上、每秒 5 万包以上的洪泛攻击指向重要系统（特别重要系统严重损失）",
            kinds: [.synFlood, .udpFlood, .icmpFlood], minPacketsPerSecond: 50_000, minDurationSeconds: 1800,
            targetsCritical: true),
        SeverityRule(
            name: "critical-worm", grade: .serious,
            reason: "有害程序扩散至 100 个以上目标且涉及重要系统（特别重要系统严重损失）",
            kinds: [.wormFanout], minTargets: 100, targetsCritical: true),
        SeverityRule(
            name: "hub-unreachable", grade: .major,
            reason: "汇聚节点设备失联 30 分钟以上，所辖接入单位整体中断（重大故障，第二十一条第四项）",
            kinds: [.deviceUnreachable], minDurationSeconds: 1800, minDevicesUnreachable: 1),
        SeverityRule(
            name: "hub-links-down", grade: .major,
            reason: "同一汇聚节点 10 条以上链路同时中断（重大故障，第二十一条第四项）",
            kinds: [.linksDown], minLinksDown: 10),
        SeverityRule(
            name: "hub-links-down-massive", grade: .serious,
            reason: "同一汇聚节点 50 条以上链路同时中断且持续 1 小时以上（重要系统严重损失）",
            kinds: [.linksDown], minDurationSeconds: 3600, minLinksDown: 50),
    ]
}
