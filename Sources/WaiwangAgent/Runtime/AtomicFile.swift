import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes a whole file or nothing: a temporary file beside it with the final mode, fsync, rename over the old one,
/// fsync of the directory. A crash leaves the old file or the new one, never half of either.
public enum AtomicFile {
    /// Writes `data` to `path` with permission `mode` (e.g. 0o600).
    public static func write(_ data: Data, to path: String, mode: mode_t) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw error("cannot create \(temporary)") }
        var ok = false
        defer {
            if !ok { unlink(temporary) }
        }
        do {
            defer { close(fd) }
            guard fchmod(fd, mode) == 0 else { throw error("cannot set the mode of \(temporary)") }
            try data.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw error("cannot write \(temporary)")
                    }
                    offset += written
                }
            }
            guard fsync(fd) == 0 else { throw error("cannot fsync \(temporary)") }
        }
        guard rename(temporary, path) == 0 else { throw error("cannot rename \(temporary) to \(path)") }
        ok = true
        let directoryFD = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryFD >= 0 {
            _ = fsync(directoryFD)
            close(directoryFD)
        }
    }

    private static func error(_ message: String) -> any Error {
        let code = errno
        return CocoaError(
            .fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "\(message): \(String(cString: strerror(code)))"])
    }
}
