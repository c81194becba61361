import CLibXML2

/// The floor: libxml2's SAX2 parser over the same bytes with handlers that only count
/// elements and text bytes. No decoding, no tree, no adapters.
enum RawSAX {
    final class Counter {
        var elements = 0
        var textBytes = 0
    }

    static func pass(_ bytes: [UInt8]) -> Int {
        var handler = xmlSAXHandler()
        handler.initialized = UInt32(XML_SAX2_MAGIC)
        handler.startElementNs = { ctx, _, _, _, _, _, _, _, _ in
            Unmanaged<Counter>.fromOpaque(ctx!).takeUnretainedValue().elements += 1
        }
        handler.endElementNs = { _, _, _, _ in }
        handler.characters = { ctx, _, len in
            Unmanaged<Counter>.fromOpaque(ctx!).takeUnretainedValue().textBytes += Int(len)
        }
        handler.cdataBlock = handler.characters
        let counter = Counter()
        let ctx = Unmanaged.passUnretained(counter).toOpaque()
        bytes.withUnsafeBufferPointer { buf in
            buf.withMemoryRebound(to: CChar.self) { chars in
                _ = xmlSAXUserParseMemory(&handler, ctx, chars.baseAddress, Int32(chars.count))
            }
        }
        return counter.elements
    }
}
