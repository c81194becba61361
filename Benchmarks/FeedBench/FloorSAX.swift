import CLibXML2
import Feeds
#if canImport(Glibc)
import Glibc
#endif

/// The floor for a feed parser that must read each item's HTML (issue 3: text stripped of
/// tags, HTML sanitized): `RawSAX`'s XML pass over the feed, plus libxml2's HTML SAX parser
/// over every item body it delivers — RSS `description` and `content:encoded`, Atom
/// `content` and an HTML-typed `summary` — with callbacks that only count. The HTML parser
/// runs with the options `HTMLTree` uses for pages (recovery, no network, no error output,
/// encoding fixed to UTF-8), one push-parser context per body (libxml2 has no supported way
/// to reuse an HTML push context). No tree, no strings: the least work any libxml2-based
/// parser that honours the fields can do.
enum FloorSAX {
    struct Counts {
        var elements = 0
        var bodies = 0
        var bodyBytes = 0
        var htmlElements = 0
    }

    final class State {
        var counts = Counts()
        /// Inside a body element: its text is collected (markup nested in an Atom xhtml body
        /// is counted as elements, not collected).
        var collecting = false
        var body: [UInt8] = []
    }

    static let htmlOptions = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue
        | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_COMPACT.rawValue)
        | Int32(1 << 21) // HTML_PARSE_IGNORE_ENC, as HTMLTree

    @inline(never)  // instructions.sh finds the pass by its symbol
    static func pass(_ bytes: [UInt8]) -> Counts {
        var handler = RawSAX.quietHandler()
        handler.startElementNs = { ctx, localname, _, _, nbAttributes, _, _, _, attributes in
            let s = FloorSAX.state(ctx)
            s.counts.elements += 1
            guard !s.collecting, let localname, FloorSAX.isBody(localname, Int(nbAttributes), attributes) else { return }
            s.collecting = true
            s.body.removeAll(keepingCapacity: true)
        }
        handler.endElementNs = { ctx, localname, _, _ in
            let s = FloorSAX.state(ctx)
            guard s.collecting, let localname, FloorSAX.isBodyName(localname) else { return }
            s.collecting = false
            FloorSAX.parseHTML(s)
        }
        handler.characters = { ctx, ch, len in
            let s = FloorSAX.state(ctx)
            guard s.collecting, let ch else { return }
            s.body.append(contentsOf: UnsafeBufferPointer(start: ch, count: Int(len)))
        }
        handler.cdataBlock = handler.characters
        handler.ignorableWhitespace = handler.characters
        let state = State()
        RawSAX.push(bytes, handler: &handler, state: state)
        return state.counts
    }

    /// libxml2's HTML parser over one body, SAX1 callbacks that count elements.
    private static func parseHTML(_ s: State) {
        guard !s.body.isEmpty else { return }
        s.counts.bodies += 1
        s.counts.bodyBytes += s.body.count
        var sax = htmlSAXHandler()
        sax.startElement = { ctx, _, _ in
            Unmanaged<State>.fromOpaque(ctx!).takeUnretainedValue().counts.htmlElements += 1
        }
        sax.endElement = { _, _ in }
        sax.characters = { _, _, _ in }
        sax.ignorableWhitespace = sax.characters
        sax.cdataBlock = sax.characters
        sax.serror = { _, _ in }
        let me = Unmanaged.passUnretained(s).toOpaque()
        guard let h = htmlCreatePushParserCtxt(&sax, me, nil, 0, nil, XML_CHAR_ENCODING_UTF8) else { return }
        _ = htmlCtxtUseOptions(h, htmlOptions)
        s.body.withUnsafeBufferPointer { b in
            b.withMemoryRebound(to: CChar.self) { c in _ = htmlParseChunk(h, c.baseAddress, Int32(c.count), 1) }
        }
        if let doc = h.pointee.myDoc { xmlFreeDoc(doc) }
        h.pointee.myDoc = nil
        htmlFreeParserCtxt(h)
    }

    /// RSS `description`, `content:encoded` (local name `encoded`), Atom `content`, and an
    /// Atom `summary` or `title` whose `type` is html.
    static func isBody(_ name: UnsafePointer<xmlChar>, _ nbAttributes: Int,
                       _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) -> Bool {
        if matches(name, "description") || matches(name, "encoded") || matches(name, "content") { return true }
        guard matches(name, "summary"), nbAttributes > 0, let attributes else { return false }
        for k in 0..<nbAttributes {
            let p = attributes + k * 5
            guard let n = p[0], matches(n, "type"), let vs = p[3], let ve = p[4] else { continue }
            return String(decoding: UnsafeBufferPointer(start: vs, count: ve - vs), as: UTF8.self).lowercased() == "html"
        }
        return false
    }

    static func isBodyName(_ name: UnsafePointer<xmlChar>) -> Bool {
        matches(name, "description") || matches(name, "encoded") || matches(name, "content") || matches(name, "summary")
    }

    private static func matches(_ p: UnsafePointer<xmlChar>, _ s: StaticString) -> Bool {
        strcmp(UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self),
               UnsafeRawPointer(s.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
    }

    private static func state(_ ctx: UnsafeMutableRawPointer?) -> State {
        let parser = ctx!.assumingMemoryBound(to: xmlParserCtxt.self)
        return Unmanaged<State>.fromOpaque(parser.pointee._private!).takeUnretainedValue()
    }
}
