import CLibXML2
import Synchronization

/// libxml2 entity records for HTML named references, so `&nbsp;` in an RSS feed that never
/// declared it reads as U+00A0 instead of an "undeclared entity" error that drops the text.
/// Records are created once per name and never freed (at most the ~2,100 HTML names);
/// libxml2 only reads predefined-type entities.
final class HTMLEntityPool: Sendable {
    static let shared = HTMLEntityPool()

    private struct Entry: @unchecked Sendable { let pointer: xmlEntityPtr }
    private let entries = Mutex<[String: Entry]>([:])

    func entity(_ name: String) -> xmlEntityPtr? {
        if let e = entries.withLock({ $0[name] }) { return e.pointer }
        guard let text = HTMLEntities.named[name] else { return nil }
        return entries.withLock { map in
            if let e = map[name] { return e.pointer }
            guard let p = xmlNewEntity(nil, name, Int32(XML_INTERNAL_PREDEFINED_ENTITY.rawValue), nil, nil, text)
            else { return nil }
            map[name] = Entry(pointer: p)
            return p
        }
    }
}
