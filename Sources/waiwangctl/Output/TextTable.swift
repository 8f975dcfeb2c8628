/// A table aligned for a terminal, counting CJK characters as two columns.
struct TextTable {
    var headers: [String]
    var rows: [[String]] = []

    init(_ headers: String...) {
        self.headers = headers
    }

    mutating func append(_ cells: String...) {
        rows.append(cells)
    }

    mutating func append(row: [String]) {
        rows.append(row)
    }

    func render() -> String {
        var widths = headers.map(Self.displayWidth)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], Self.displayWidth(cell))
            }
        }
        func line(_ cells: [String]) -> String {
            var text = ""
            for (index, cell) in cells.enumerated() {
                let isLast = index == cells.count - 1
                text +=
                    isLast ? cell : cell + String(repeating: " ", count: widths[index] - Self.displayWidth(cell) + 2)
            }
            return text
        }
        var lines = [line(headers), line(widths.map { String(repeating: "-", count: $0) })]
        lines += rows.map(line)
        return lines.joined(separator: "\n")
    }

    func print() {
        Swift.print(render())
    }

    /// Terminal columns of `text`: East Asian wide and full-width characters take two.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { total, scalar in
            switch scalar.value {
            case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F: total
            case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
                0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
                0xFFE0...0xFFE6, 0x20000...0x3FFFD:
                total + 2
            default: total + 1
            }
        }
    }
}

/// Label–value lines for one record, labels padded to one width.
struct FieldList {
    private var entries: [(String, String)] = []

    mutating func add(_ label: String, _ value: String) {
        entries.append((label, value))
    }

    func print() {
        let width = entries.map { TextTable.displayWidth($0.0) }.max() ?? 0
        for (label, value) in entries {
            Swift.print(label + String(repeating: " ", count: width - TextTable.displayWidth(label) + 2) + value)
        }
    }
}
