import Foundation
import Synchronization
import WaiwangClient

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One self-overwriting progress line on stderr while a big file uploads; silent unless stderr is a terminal.
final class UploadProgressLine: Sendable {
    /// Files smaller than this finish too fast to need progress.
    static let threshold = 1 << 20
    private let lastShown = Mutex<Int>(-1)
    private let label: String

    init(label: String) {
        self.label = label
    }

    /// A reporter for the client when stderr is a terminal and the upload is big, else nil.
    static func reporter(label: String, bytes: Int) -> (@Sendable (UploadProgress) -> Void)? {
        guard bytes >= threshold, isatty(STDERR_FILENO) == 1 else { return nil }
        let line = UploadProgressLine(label: label)
        return { line.show($0) }
    }

    func show(_ progress: UploadProgress) {
        let text: String
        switch progress {
        case .sending(let sent, let total):
            let percent = total == 0 ? 100 : sent * 100 / total
            let changed = lastShown.withLock { last in
                defer { last = percent }
                return last != percent
            }
            guard changed else { return }
            text = "\(label): uploaded \(Self.mebibytes(sent)) of \(Self.mebibytes(total)) (\(percent)%)"
        case .validating:
            text = "\(label): uploaded, the registry is validating…"
        }
        try? FileHandle.standardError.write(contentsOf: Data(("\r\u{1B}[K" + text).utf8))
    }

    /// Clears the line before the result is printed.
    static func clear() {
        guard isatty(STDERR_FILENO) == 1 else { return }
        try? FileHandle.standardError.write(contentsOf: Data("\r\u{1B}[K".utf8))
    }

    static func mebibytes(_ bytes: Int) -> String {
        String(format: "%.1f MiB", Double(bytes) / 1_048_576)
    }
}
