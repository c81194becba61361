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

    static func pass(_ bytes: [UInt8]) -> Counts {
        var handler = xmlSAXHandler()
        xmlSAXVersion(&handler, 2)
        handler.startElementNs = { ctx, _, _, _, _, _, _, _, _ in RawSAX.tally(ctx).counts.elements += 1 }
        handler.endElementNs = { _, _, _, _ in }
        handler.characters = { ctx, _, len in RawSAX.tally(ctx).counts.textBytes += Int(len) }
        handler.cdataBlock = handler.characters
        handler.ignorableWhitespace = handler.characters
        handler.comment = nil
        handler.processingInstruction = nil
        handler.externalSubset = nil
        handler.resolveEntity = { _, _, _ in nil }
        handler.serror = { _, _ in }
        handler.warning = nil
        handler.error = nil
        handler.fatalError = nil
        let counter = Counter()
        guard let ctxt = xmlCreatePushParserCtxt(&handler, nil, nil, 0, nil) else { return Counts() }
        ctxt.pointee._private = Unmanaged.passUnretained(counter).toOpaque()
        defer {
            if let doc = ctxt.pointee.myDoc { xmlFreeDoc(doc) }
            ctxt.pointee.myDoc = nil
            xmlFreeParserCtxt(ctxt)
        }
        xmlCtxtUseOptions(ctxt, XMLParserSetup.options)
        bytes.withUnsafeBufferPointer { XMLParserSetup.push($0, into: ctxt) }
        return counter.counts
    }

    /// userData is the parser context (as in the feed parser); the counter rides in `_private`.
    private static func tally(_ ctx: UnsafeMutableRawPointer?) -> Counter {
        let parser = ctx!.assumingMemoryBound(to: xmlParserCtxt.self)
        return Unmanaged<Counter>.fromOpaque(parser.pointee._private!).takeUnretainedValue()
    }
}
