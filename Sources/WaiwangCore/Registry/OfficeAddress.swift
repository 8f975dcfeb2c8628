/// Normalises office addresses so that units at one address are recognised as co-located (article 17).
///
/// Full-width characters become ASCII, blanks and punctuation go, ASCII is lower-cased, and the
/// province and city names at the front are dropped: "云南省玉溪市红塔区 玉兴路１号" and
/// "红塔区玉兴路1号" normalise alike.
public struct OfficeAddressNormalizer: Sendable {
    private let leadingNames: [String]

    /// - Parameter leadingNames: names dropped from the front, e.g. the province and the city.
    public init(leadingNames: [String]) {
        self.leadingNames = leadingNames.map { Self.fold($0) }.filter { !$0.isEmpty }
    }

    public init(tree: DivisionTree) {
        self.init(leadingNames: [tree.province, tree.city.name])
    }

    public func normalize(_ address: String) -> String {
        var text = Self.fold(address)
        var stripped = true
        while stripped {
            stripped = false
            for name in leadingNames where text.hasPrefix(name) && text.count > name.count {
                text.removeFirst(name.count)
                stripped = true
            }
        }
        return text
    }

    private static let dropped: Set<Character> = [
        ",", ".", ";", ":", "(", ")", "[", "]", "-", "_", "#", "/", "\\", "'", "\"", "~",
        "，", "。", "、", "；", "：", "（", "）", "【", "】", "—", "－", "·", "“", "”", "‘", "’", "～",
    ]

    /// Marks that join numbers ("1-3号", "3#楼", "5/6栋"): kept, as one "-", when they stand between digits,
    /// so that 1-3号 never equals 13号.
    private static let numberJoiners: Set<Character> = ["-", "—", "#", "/", "~", "～"]

    private static func fold(_ text: String) -> String {
        var scalars: [Unicode.Scalar] = []
        for scalar in text.unicodeScalars {
            var value = scalar.value
            if value == 0x3000 { value = 0x20 }
            if (0xFF01...0xFF5E).contains(value) { value -= 0xFEE0 }
            if (0x41...0x5A).contains(value) { value += 0x20 }
            guard let folded = Unicode.Scalar(value), !Character(folded).isWhitespace else { continue }
            scalars.append(folded)
        }
        func isDigit(_ index: Int) -> Bool {
            scalars.indices.contains(index) && (0x30...0x39).contains(scalars[index].value)
        }
        var out = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            let character = Character(scalar)
            if numberJoiners.contains(character), isDigit(index - 1), isDigit(index + 1) {
                out.append("-")
            } else if character == "#", isDigit(index - 1) {
                out.append("号")  // "3#楼" is building No. 3 (3号楼), not the third floor (3楼)
            } else if !dropped.contains(character) {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
