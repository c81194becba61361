import Yams

extension RuleFileParser {
    mutating func parseRules(_ node: Node, channels channelNames: [String]) -> [Rule] {
        guard case .sequence(let seq) = node else {
            if case .scalar(let s) = node, YAMLReader.isNull(s) { return [] }
            r.error(node, "rules must be a list (each entry starting with '- name:'), found \(YAMLReader.kind(node))")
            return []
        }
        var out: [Rule] = []
        var firstSeen: [String: SourceLocation] = [:]
        for item in seq {
            guard let f = r.fields(item, allowed: Self.ruleKeys, in: "a rule") else { continue }
            let before = r.diagnostics.count
            var name: String?
            if let n = f["name"], let s = r.string(n.value, "name") {
                if let first = firstSeen[s] {
                    r.error(n.value, "duplicate rule name '\(s)' (first at line \(first.line)); rule names must be unique per owner")
                } else {
                    firstSeen[s] = r.location(n.value)
                    name = s
                }
            } else if f["name"] == nil {
                r.error(item, "rule without 'name'")
            }
            let label = name.map { "rule '\($0)'" } ?? "this rule"

            var query: (String, QueryNode)?
            if let q = f["query"] {
                query = parseQuery(q.value, label)
            } else {
                r.error(item, "\(label) has no 'query'")
            }

            let regions = f["regions"].flatMap { parseRegions($0.value, "regions") } ?? []
            let excluded = f["exclude_regions"].flatMap { parseRegions($0.value, "exclude_regions") } ?? []
            var mode = RegionMode.focus
            if let m = f["region_mode"], let s = r.string(m.value, "region_mode") {
                if let v = RegionMode(rawValue: s) { mode = v } else {
                    r.error(m.value, "unknown region_mode '\(s)'\(Suggest.hint(s, among: RegionMode.allCases.map(\.rawValue))); use focus or mentioned")
                }
            }

            var notify: [String] = []
            if let n = f["notify"], let list = r.strings(n.value, "notify") {
                if list.isEmpty { r.error(n.value, "\(label) notifies no channel; list at least one of: \(channelNames.joined(separator: ", "))") }
                for (c, cnode) in list {
                    if channelNames.contains(c) {
                        if !notify.contains(c) { notify.append(c) }
                    } else {
                        let known = channelNames.isEmpty ? "no channels are defined" : "defined: \(channelNames.joined(separator: ", "))"
                        r.error(cnode, "unknown channel '\(c)'\(Suggest.hint(c, among: channelNames)); \(known)")
                    }
                }
            } else if f["notify"] == nil {
                r.error(item, "\(label) has no 'notify': list the channels to alert, e.g. notify: [\(channelNames.first ?? "inbox")]")
            }

            var digest: DigestSchedule?
            if let d = f["digest"], let s = r.string(d.value, "digest") {
                digest = Values.digest(s)
                if digest == nil { r.error(d.value, "bad digest '\(s)': write a duration like 1h or 30m, or \"daily 08:00\"") }
            }

            guard r.diagnostics.count == before, let name, let query else { continue }
            out.append(Rule(name: name, queryText: query.0, query: query.1, regions: regions, excludeRegions: excluded,
                            regionMode: mode, notify: notify, digest: digest, location: r.location(item)))
        }
        return out
    }

    /// Parses the query; an error points at its column inside the file.
    private mutating func parseQuery(_ node: Node, _ label: String) -> (String, QueryNode)? {
        guard case .scalar(let scalar) = node else {
            r.error(node, "query must be a single value, found \(YAMLReader.kind(node))")
            return nil
        }
        let text = YAMLReader.isNull(scalar) ? "" : scalar.string
        do {
            return (text, try QueryParser.parse(text))
        } catch {
            let lines = self.text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
            var loc = r.location(node)
            if let (line, col) = ScalarColumns.locate(offset: error.offset, in: scalar, lines: lines) {
                loc.line = line
                loc.column = col
            }
            r.error(at: loc, "\(label): \(error.message)")
            return nil
        }
    }

    private mutating func parseRegions(_ node: Node, _ what: String) -> [RegionRef]? {
        guard let list = r.strings(node, what) else { return nil }
        var out: [RegionRef] = []
        for (name, n) in list {
            let loc = r.location(n)
            guard let resolver else {
                out.append(RegionRef(name: name, code: name, location: loc))
                continue
            }
            switch resolver.resolveRegion(named: name) {
            case .region(let code):
                out.append(RegionRef(name: name, code: code, location: loc))
            case .unknown(let suggestion):
                r.error(n, "unknown region '\(name)'\(suggestion.map { " (did you mean \($0)?)" } ?? ""); use an ISO 3166 code (IQ, IQ-BB), a place name or a group like middle-east")
            }
        }
        return out
    }
}
