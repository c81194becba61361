import CLibXML2

/// Streams an XML document through libxml2's SAX2 parser and builds `XMLNode` trees.
/// Elements named in `records` (item, entry, url, sitemap) are handed to `onRecord` as soon
/// as they close and are not kept, so a 50 MB feed never exists as one tree.
///
/// Safety (DESIGN "Bounded work per input"): `XMLParserSetup.options` (recovery on,
/// `XML_PARSE_NONET`, no DTD loading, no entity substitution by libxml2, no `XML_PARSE_HUGE`,
/// so libxml2 keeps its depth (256) and size limits). Entities declared in an internal subset are
/// expanded here, as text only, under `EntityBudget`; billion-laughs and quadratic-blowup
/// documents stop with a fatal error.
final class XMLTreeReader {
    struct Result {
        var root: XMLNode?
        var warnings: [String]
        var fatal: String?
    }

    // The mutable state below is touched only from libxml2's callbacks on the parsing
    // thread, one callback at a time: the runtime's exclusivity bookkeeping on every access
    // (≈ 3 % of a feed parse, Benchmarks/FeedBench/RESULTS.md) guards nothing here.
    /// One or two names: a linear check of small strings, not a hash per closing element.
    private let records: [String]
    private let onRecord: (XMLNode) -> Void
    @exclusivity(unchecked) private var stack: [XMLNode] = []
    @exclusivity(unchecked) private var root: XMLNode?
    @exclusivity(unchecked) private var textBuffer: [UInt8] = []
    @exclusivity(unchecked) private var names = NameCache()
    private var warnings: [String] = []
    private var suppressedWarnings = 0
    @exclusivity(unchecked) private var fatal: String?
    @exclusivity(unchecked) private var skippedDepth = 0
    fileprivate var ctxt: xmlParserCtxtPtr?
    fileprivate var entities = EntityBudget()
    private let documentBase: String?

    /// Elements deeper than this are flattened into their ancestor's text; libxml2 itself
    /// stops at 256.
    static let maxTreeDepth = 64

    init(records: Set<String>, base: String?, onRecord: @escaping (XMLNode) -> Void) {
        self.records = Array(records)
        self.onRecord = onRecord
        self.documentBase = base
    }

    /// Parses UTF-8 bytes (already decoded by `Charset`; the XML declaration's encoding is
    /// ignored because the bytes were converted).
    func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Result {
        _ = Self.libraryReady
        var handler = xmlSAXHandler()
        xmlSAXVersion(&handler, 2)
        handler.startElementNs = { ctx, localname, prefix, uri, _, _, nbAttributes, _, attributes in
            XMLTreeReader.from(ctx).start(localname, prefix, uri, Int(nbAttributes), attributes)
        }
        handler.endElementNs = { ctx, _, _, _ in XMLTreeReader.from(ctx).end() }
        handler.characters = { ctx, ch, len in XMLTreeReader.from(ctx).characters(ch, Int(len)) }
        handler.cdataBlock = handler.characters
        handler.ignorableWhitespace = handler.characters
        handler.comment = nil
        handler.processingInstruction = nil
        handler.reference = { ctx, name in
            XMLTreeReader.from(ctx).reference(name, in: ctx!.assumingMemoryBound(to: xmlParserCtxt.self))
        }
        handler.getEntity = { ctx, name in
            XMLTreeReader.entity(name, in: ctx!.assumingMemoryBound(to: xmlParserCtxt.self))
        }
        handler.externalSubset = nil
        handler.resolveEntity = { _, _, _ in nil }
        handler.serror = { ctx, error in
            guard let ctx, let error else { return }
            XMLTreeReader.from(ctx).error(error.pointee)
        }
        handler.warning = nil
        handler.error = nil
        handler.fatalError = nil

        let me = Unmanaged.passUnretained(self).toOpaque()
        // userData stays the parser context, so libxml2's own SAX2 handlers (document, DTD,
        // entity declarations) work; this reader rides along in `_private`, which libxml2
        // copies into the contexts it creates for entity content.
        guard let ctxt = xmlCreatePushParserCtxt(&handler, nil, nil, 0, nil) else {
            return Result(root: nil, warnings: [], fatal: "cannot create an XML parser")
        }
        ctxt.pointee._private = me
        self.ctxt = ctxt
        defer {
            if let doc = ctxt.pointee.myDoc { xmlFreeDoc(doc) }
            ctxt.pointee.myDoc = nil
            xmlFreeParserCtxt(ctxt)
            self.ctxt = nil
        }
        xmlCtxtUseOptions(ctxt, XMLParserSetup.options)
        XMLParserSetup.push(bytes, into: ctxt) { fatal != nil }
        while stack.count > 0 { end() }
        if suppressedWarnings > 0 { warnings.append("… and \(suppressedWarnings) more XML errors") }
        return Result(root: root, warnings: warnings, fatal: fatal)
    }

    /// libxml2 must be initialized once before threads use it concurrently (libxml2
    /// "Thread safety"); a static let runs exactly once.
    private static let libraryReady: Void = { xmlInitParser() }()

    private static func from(_ ctx: UnsafeMutableRawPointer?) -> XMLTreeReader {
        let parser = ctx!.assumingMemoryBound(to: xmlParserCtxt.self)
        return Unmanaged<XMLTreeReader>.fromOpaque(parser.pointee._private!).takeUnretainedValue()
    }

    private func intern(_ p: UnsafePointer<xmlChar>?) -> String? {
        guard let p else { return nil }
        return names.string(p)
    }

    /// libxml2 drops every entity reference (even `&amp;`) once a document is marked not
    /// well-formed; recovery is the point here, so the flag is re-armed after each error and
    /// the error itself is kept as a warning.
    private func rearm() {
        if let ctxt, ctxt.pointee.wellFormed == 0 { ctxt.pointee.wellFormed = 1 }
    }

    private func start(_ localname: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?,
                       _ uri: UnsafePointer<xmlChar>?, _ nbAttributes: Int,
                       _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        rearm()
        if stack.count >= Self.maxTreeDepth || skippedDepth > 0 {
            skippedDepth += 1
            return
        }
        flushText()
        let parent = stack.last
        var base = parent?.base ?? documentBase
        var lang = parent?.lang
        var attrs: [XMLAttribute] = []
        if nbAttributes > 0, let attributes {
            attrs.reserveCapacity(nbAttributes)
            for k in 0..<nbAttributes {
                let p = attributes + k * 5
                guard let name = intern(p[0]), let vs = p[3], let ve = p[4] else { continue }
                let value = String(decoding: UnsafeBufferPointer(start: vs, count: ve - vs), as: UTF8.self)
                let family = p[2].map { names.family($0) } ?? .none
                if family == .xmlURI {
                    if name == "base" { base = URLResolver.resolve(value, against: base) ?? value }
                    if name == "lang" { lang = value }
                }
                attrs.append(XMLAttribute(name: name, family: family, value: value))
            }
        }
        let line = ctxt.map { Int(xmlSAX2GetLineNumber($0)) } ?? 0
        var name = intern(localname) ?? ""
        var family = uri.map { names.family($0) } ?? .none
        if uri == nil, let p = intern(prefix), let known = NS.conventionalPrefixes[p] {
            family = NS.family(of: known)
        } else if uri == nil, let localname, xmlStrchr(localname, 0x3A) != nil, let colon = name.firstIndex(of: ":") {
            // An undeclared prefix ("dc:creator" without xmlns:dc): libxml2 hands over the
            // qualified name; map well-known prefixes to their namespace.
            if let known = NS.conventionalPrefixes[String(name[..<colon])] {
                family = NS.family(of: known)
                name = String(name[name.index(after: colon)...])
            }
        }
        let node = XMLNode(name: name, family: family, attributes: attrs, base: base, lang: lang, line: line)
        stack.append(node)
    }

    private func end() {
        rearm()
        if skippedDepth > 0 {
            skippedDepth -= 1
            return
        }
        flushText()
        guard let node = stack.popLast() else { return }
        if let parent = stack.last {
            if records.contains(node.name) {
                onRecord(node)
            } else {
                parent.append(node)
            }
        } else {
            root = node
        }
    }

    private func characters(_ ch: UnsafePointer<xmlChar>?, _ len: Int) {
        rearm()
        guard let ch, len > 0, !stack.isEmpty, fatal == nil else { return }
        textBuffer.append(contentsOf: UnsafeBufferPointer(start: ch, count: len))
    }

    private func flushText() {
        guard !textBuffer.isEmpty, let top = stack.last else {
            textBuffer.removeAll(keepingCapacity: true)
            return
        }
        if textBuffer.allSatisfy(String.isSpace) {
            if !top.endsWithSpace { top.append(XMLNode.space) }
        } else {
            top.appendText(String(decoding: textBuffer, as: UTF8.self))
        }
        textBuffer.removeAll(keepingCapacity: true)
    }

    private func appendText(_ s: String) {
        textBuffer.append(contentsOf: s.utf8)
    }

    /// Undeclared entities: the predefined five are libxml2's; HTML named entities
    /// (`&nbsp;`, `&eacute;`), which RSS feeds use without declaring them, come from
    /// `HTMLEntities` as predefined-type entities so their text is delivered inline.
    private static func entity(_ name: UnsafePointer<xmlChar>?, in ctxt: xmlParserCtxtPtr) -> xmlEntityPtr? {
        guard let name else { return nil }
        if let e = xmlSAX2GetEntity(ctxt, name) { return e }
        return HTMLEntityPool.shared.entity(String(cString: name))
    }

    /// libxml2 streams a declared entity's content through the SAX callbacks itself, then
    /// reports the reference here; each report is charged to the budget, and an input over
    /// budget stops every parser context involved.
    private func reference(_ name: UnsafePointer<xmlChar>?, in current: xmlParserCtxtPtr) {
        guard let name else { return }
        if fatal == nil {
            var length = 0
            if let doc = current.pointee.myDoc ?? ctxt?.pointee.myDoc, let ent = xmlGetDocEntity(doc, name) {
                length = Int(ent.pointee.length)
            }
            fatal = entities.charge(length)
        }
        if fatal != nil {
            xmlStopParser(current)
            if let ctxt { xmlStopParser(ctxt) }
        }
    }

    private func error(_ e: xmlError) {
        if e.code == XML_ERR_ENTITY_LOOP.rawValue {
            fatal = fatal ?? "entity expansion limit exceeded (\(Self.message(e)))"
        }
        guard warnings.count < 20 else {
            suppressedWarnings += 1
            return
        }
        warnings.append("line \(e.line): \(Self.message(e)); recovered")
    }

    private static func message(_ e: xmlError) -> String {
        guard let m = e.message else { return "XML error \(e.code)" }
        return String(cString: m).trimmedFeedText
    }
}

enum XMLNamespaces {
    static let xml = "http://www.w3.org/XML/1998/namespace"
}
