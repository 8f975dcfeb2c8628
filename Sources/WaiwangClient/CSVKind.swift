/// The three inventories the registry imports and exports as CSV.
public enum CSVKind: String, Sendable, CaseIterable, Codable {
    case units, links, prefixes
}

/// How far an upload has got, for a progress display.
public enum UploadProgress: Sendable, Equatable {
    /// Bytes handed to the connection so far, of the whole body.
    case sending(sent: Int, total: Int)
    /// The whole body is sent; the registry is validating it.
    case validating
}
