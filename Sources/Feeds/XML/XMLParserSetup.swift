import CLibXML2

/// How every feed parse drives libxml2, in one place so the benchmark's raw SAX pass
/// (Benchmarks/FeedBench/RawSAX.swift) runs libxml2 exactly as the feed parser does.
///
/// Recovery on (keep every item a broken feed still holds), `XML_PARSE_NONET` (no network
/// from the parser), errors reported through the structured handler only, and the XML
/// declaration's encoding ignored because `Charset` already converted the bytes to UTF-8.
/// No `XML_PARSE_NOENT` and no `XML_PARSE_HUGE`: libxml2 keeps its depth and size limits,
/// and entity expansion is budgeted by `EntityBudget`.
public enum XMLParserSetup {
    public static let options = Int32(XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue
        | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_IGNORE_ENC.rawValue)

    /// Bytes handed to `xmlParseChunk` at a time: keeps libxml2's input buffer small for
    /// large feeds.
    public static let chunkSize = 1 << 20

    /// Feeds a push parser context `bytes` in `chunkSize` pieces; `stop` is asked after each
    /// chunk (a fatal error found by a handler ends the parse early).
    public static func push(_ bytes: UnsafeBufferPointer<UInt8>, into ctxt: xmlParserCtxtPtr,
                            stop: () -> Bool = { false }) {
        bytes.withMemoryRebound(to: CChar.self) { chars in
            var offset = 0
            repeat {
                let n = min(chunkSize, chars.count - offset)
                let last = offset + n >= chars.count
                _ = xmlParseChunk(ctxt, chars.baseAddress.map { $0 + offset }, Int32(n), last ? 1 : 0)
                offset += n
                if stop() { break }
            } while offset < chars.count
        }
    }
}
