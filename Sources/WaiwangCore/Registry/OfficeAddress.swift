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
        ",", ".", ";", ":", "(", ")", "[", "]", "-", "_", "#", "/", "\\", "'", "\"",
        "，", "。", "、", "；", "：", "（", "）", "【", "】", "—", "－", "·", "“", "”", "‘", "’",
    ]

    private static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            var value = scalar.value
            if value == 0x3000 { value = 0x20 }
            if (0xFF01...0xFF5E).contains(value) { value -= 0xFEE0 }
            guard let folded = Unicode.Scalar(value) else { continue }
            let character = Character(folded)
            if character.isWhitespace || dropped.contains(character) { continue }
            if (0x41...0x5A).contains(value) { out.append(Unicode.Scalar(value + 0x20)!) } else { out.append(folded) }
        }
        return String(out)
    }
}
