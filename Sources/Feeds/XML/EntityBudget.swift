/// The budget for entities declared in a document's internal subset. libxml2 is not asked to
/// substitute entities (no `XML_PARSE_NOENT`), but in SAX mode it replays an entity's content
/// for every reference; this caps the number of references and the bytes they replay, so
/// billion-laughs (nested) and quadratic-blowup (one large entity referenced many times)
/// documents stop within milliseconds (OWASP XML External Entity Prevention, "XEE").
struct EntityBudget {
    static let maxReferences = 10_000
    static let maxReplayedBytes = 1 << 20
    private(set) var references = 0
    private(set) var replayedBytes = 0

    /// Records one reference to an entity whose content has `length` bytes; returns why the
    /// document must be refused once over budget.
    mutating func charge(_ length: Int) -> String? {
        references += 1
        replayedBytes += length
        if references > Self.maxReferences {
            return "more than \(Self.maxReferences) entity references (billion-laughs input?); parsing stopped"
        }
        if replayedBytes > Self.maxReplayedBytes {
            return "entities expand to more than 1 MiB (quadratic-blowup input?); parsing stopped"
        }
        return nil
    }
}
