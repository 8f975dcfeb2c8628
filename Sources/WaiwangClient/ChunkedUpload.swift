import Foundation
import NIOCore

/// A request body sent in chunks, reporting each chunk as the connection takes it.
struct ChunkedUpload: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    static let chunkSize = 256 << 10

    let data: Data
    let progress: @Sendable (UploadProgress) -> Void

    struct AsyncIterator: AsyncIteratorProtocol {
        let data: Data
        let progress: @Sendable (UploadProgress) -> Void
        var offset = 0
        var finished = false

        mutating func next() async throws -> ByteBuffer? {
            guard offset < data.count else {
                if !finished {
                    finished = true
                    progress(.validating)
                }
                return nil
            }
            let end = Swift.min(offset + ChunkedUpload.chunkSize, data.count)
            let start = data.startIndex + offset
            let chunk = ByteBuffer(bytes: data[start..<(data.startIndex + end)])
            offset = end
            progress(.sending(sent: end, total: data.count))
            return chunk
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(data: data, progress: progress)
    }
}
