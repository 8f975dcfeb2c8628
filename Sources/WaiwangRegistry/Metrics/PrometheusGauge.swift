/// One gauge family of `/metrics` in Prometheus text format: its HELP and TYPE lines, then a sample per label
/// value (or one unlabelled sample).
enum PrometheusGauge {
    /// `name{label="key"} count` for each of `keys`, in order; a key without a count is 0.
    static func text<Key: RawRepresentable & Hashable>(
        _ name: String, help: String, label: String, keys: [Key], counts: [Key: Int]
    ) -> String where Key.RawValue == String {
        var text = "# HELP \(name) \(help)\n# TYPE \(name) gauge\n"
        for key in keys { text += "\(name){\(label)=\"\(key.rawValue)\"} \(counts[key] ?? 0)\n" }
        return text
    }

    /// A gauge with one unlabelled sample.
    static func text(_ name: String, help: String, value: Int) -> String {
        "# HELP \(name) \(help)\n# TYPE \(name) gauge\n\(name) \(value)\n"
    }
}
