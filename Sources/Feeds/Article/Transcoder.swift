#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

extension ArticleExtractor {
    /// Decodes a page to UTF-8 before libxml2 sees it, so that invalid bytes become U+FFFD
    /// (WHATWG Encoding §4.1 "replacement" error mode) instead of ending the parse, as
    /// libxml2's own converters do at the first bad byte.
    enum Transcoder {
        static func utf8(_ data: Data, from charset: Charset.Choice) -> Data {
            var body = data
            if charset.source == "bom" {
                body = data.dropFirst(charset.name == "UTF-8" ? 3 : 2)
            }
            if charset.name == "UTF-8" {
                return Data(String(decoding: body, as: UTF8.self).utf8)
            }
            return iconvDecode(body, from: charset.name) ?? Data(String(decoding: body, as: UTF8.self).utf8)
        }

        private static func iconvDecode(_ data: Data, from name: String) -> Data? {
            let converter = iconv_open("UTF-8", name)
            guard let converter, converter != iconv_t(bitPattern: -1) else { return nil }
            defer { iconv_close(converter) }
            var input = [UInt8](data)
            var output = [UInt8](repeating: 0, count: 64 * 1024)
            var result = Data()
            result.reserveCapacity(data.count * 2)
            input.withUnsafeMutableBufferPointer { inBuffer in
                guard let base = inBuffer.baseAddress else { return }
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(base).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                output.withUnsafeMutableBufferPointer { outBuffer in
                    while inLeft > 0 {
                        var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                        var outLeft = outBuffer.count
                        let status = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                        let failure = errno
                        result.append(outBuffer.baseAddress!, count: outBuffer.count - outLeft)
                        guard status == -1 else { continue }
                        if failure == E2BIG { continue }
                        // EILSEQ / EINVAL: one replacement character per undecodable byte.
                        result.append(contentsOf: [0xEF, 0xBF, 0xBD])
                        inPointer = inPointer.map { $0 + 1 }
                        inLeft -= 1
                        _ = iconv(converter, nil, nil, nil, nil)
                    }
                }
            }
            return result
        }
    }
}
