/// The grade of a network security event (GB/T 20986-2023, which keeps GB/Z 20986-2007's four levels):
/// 一般 (IV) < 较大 (III) < 重大 (II) < 特别重大 (I). Compared by severity, so `max` is the graver one.
public enum IncidentGrade: String, Sendable, Codable, CaseIterable, Comparable {
    /// 一般事件, level IV.
    case general
    /// 较大事件, level III: the threshold of the national reporting duty and of reports to 网信 and 公安.
    case major
    /// 重大事件, level II.
    case serious
    /// 特别重大事件, level I.
    case especiallySerious = "especially-serious"

    /// 一般, 较大, 重大, 特别重大.
    public var label: String {
        switch self {
        case .general: "一般"
        case .major: "较大"
        case .serious: "重大"
        case .especiallySerious: "特别重大"
        }
    }

    /// The level as the standard numbers it: IV (一般) … I (特别重大).
    public var romanNumeral: String {
        switch self {
        case .general: "IV"
        case .major: "III"
        case .serious: "II"
        case .especiallySerious: "I"
        }
    }

    /// `较大（III级）`, as reports write it.
    public var fullLabel: String { "\(label)（\(romanNumeral)级）" }

    /// 0 for 一般 up to 3 for 特别重大.
    public var severity: Int {
        switch self {
        case .general: 0
        case .major: 1
        case .serious: 2
        case .especiallySerious: 3
        }
    }

    public static func < (lhs: IncidentGrade, rhs: IncidentGrade) -> Bool { lhs.severity < rhs.severity }

    /// True for 较大 and above: reported upward within hours and at the same time to 网信 and 公安.
    public var isReportable: Bool { self >= .major }

    /// Reads `major`, `较大`, `较大事件`, `III`, `3` (the level number), case-insensitively.
    public init(parsing text: String, field: String = "grade") throws(RegistryError) {
        let trimmed = text.trimmingBlanks()
        let lower = trimmed.lowercased()
        for grade in IncidentGrade.allCases
        where grade.rawValue == lower || grade.label == trimmed || grade.label + "事件" == trimmed
            || grade.romanNumeral.lowercased() == lower || "\(4 - grade.severity)" == lower
        {
            self = grade
            return
        }
        throw .invalid(
            field, rule: "incident-grade",
            "unknown grade \"\(text)\"; use general (一般, IV), major (较大, III), serious (重大, II) or especially-serious (特别重大, I)"
        )
    }
}
