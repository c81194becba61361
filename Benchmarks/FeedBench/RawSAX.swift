import CLibXML2
import Feeds

/// The floor: libxml2's SAX2 push parser over the same UTF-8 bytes, set up as the feed parser
/// sets it up (`XMLParserSetup`: the same options — recovery, no network, no entity
/// substitution, libxml2's depth and size limits — the same 1 MiB chunks, libxml2's default
/// SAX2 handlers for the document, DTD and entity declarations), with element and text
/// handlers that only count. No tree, no strings, no adapters: what any libxml2-based feed
/// parser must pay at least.
enum RawSAX {
    struct Counts {
        var elements = 0
        var textBytes = 0
    }

    final class Counter {
        var counts = Counts()
    }

    @inline(never)  // instructions.sh finds the pass by its symbol
    static func pass(_ bytes: [UInt8]) -> Counts {
        var handler = quietHandler()
        handler.startElementNs = { ctx, _, _, _, _, _, _, _, _ in RawSAX.tally(ctx).counts.elements += 1 }
        handler.endElementNs = { _, _, _, _ in }
        handler.characters = { ctx, _, len in RawSAX.tally(ctx).counts.textBytes += Int(len) }
        handler.cdataBlock = handler.characters
        handler.ignorableWhitespace = handler.characters
        let counter = Counter()
        push(bytes, handler: &handler, state: counter)
        return counter.counts
    }

    /// The SAX2 handler both passes (this one and `FloorSAX`) start from: libxml2's defaults
    /// for the document, DTD and entity declarations; no comments, processing instructions,
    /// external subset or entity resolution; errors silenced, as in the feed parser.
    static func quietHandler() -> xmlSAXHandler {
        var handler = xmlSAXHandler()
        xmlSAXVersion(&handler, 2)
        handler.comment = nil
        handler.processingInstruction = nil
        handler.externalSubset = nil
        handler.resolveEntity = { _, _, _ in nil }
        handler.serror = { _, _ in }
        handler.warning = nil
        handler.error = nil
        handler.fatalError = nil
        return handler
    }

    /// Pushes `bytes` through a push parser with `handler` and the feed parser's options and
    /// chunks; `state` rides in the context's `_private` for the callbacks.
    static func push(_ bytes: [UInt8], handler: inout xmlSAXHandler, state: AnyObject) {
        guard let ctxt = xmlCreatePushParserCtxt(&handler, nil, nil, 0, nil) else { return }
        ctxt.pointee._private = Unmanaged.passUnretained(state).toOpaque()
        defer {
            if let doc = ctxt.pointee.myDoc { xmlFreeDoc(doc) }
            ctxt.pointee.myDoc = nil
            xmlFreeParserCtxt(ctxt)
        }
        xmlCtxtUseOptions(ctxt, XMLParserSetup.options)
        withExtendedLifetime(state) {
            bytes.withUnsafeBufferPointer { XMLParserSetup.push($0, into: ctxt) }
        }
    }

    /// userData is the parser context (as in the feed parser); the counter rides in `_private`.
    private static func tally(_ ctx: UnsafeMutableRawPointer?) -> Counter {
        let parser = ctx!.assumingMemoryBound(to: xmlParserCtxt.self)
        return Unmanaged<Counter>.fromOpaque(parser.pointee._private!).takeUnretainedValue()
    }
}
