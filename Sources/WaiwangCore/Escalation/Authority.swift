/// Whom a report goes to (article 21(4)): the superior authority, the cyberspace administration, the police.
public enum Authority: String, Hashable, Sendable, Codable, CaseIterable {
    /// 上级主管部门: for a county, the city's extranet management unit; for the city, the province's.
    case superior
    /// 网信: the local cyberspace administration.
    case cyberspace
    /// 公安: the local public security bureau (its cyber security division).
    case police

    /// 上级主管部门, 网信部门, 公安机关.
    public var label: String {
        switch self {
        case .superior: "上级主管部门"
        case .cyberspace: "网信部门"
        case .police: "公安机关"
        }
    }
}

/// Where a report is delivered: a mail address or a signed webhook URL.
public enum Channel: Hashable, Sendable, Codable {
    case mail(String)
    case webhook(String)
}

/// One configured recipient: an authority of a division (or `*`: every division without its own entry).
public struct Recipient: Hashable, Sendable, Codable {
    /// A GB/T 2260 code, or `*`.
    public var division: String
    public var authority: Authority
    /// The body's name, e.g. 玉溪市电子政务外网管理单位.
    public var name: String
    public var mail: [String]
    public var webhooks: [String]

    public init(division: String, authority: Authority, name: String, mail: [String] = [], webhooks: [String] = []) {
        self.division = division
        self.authority = authority
        self.name = name
        self.mail = mail
        self.webhooks = webhooks
    }

    /// Mail first, then webhooks, in file order.
    public var channels: [Channel] { mail.map(Channel.mail) + webhooks.map(Channel.webhook) }
}
