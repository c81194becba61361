import ArgumentParser
import Curl
import Feeds
import Foundation
import Rules

struct MatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Show which rules match the stories of feeds or pages, and why.",
        discussion: """
        Parses each input like `inspect`, then matches every story against the rules at --rules. With --explain, shows the terms that matched and where (title, text, source), and the place mentions behind each region of the story. Exits 1 when the rules have errors or an input could not be read.
        """
    )

    @Argument(help: "Files or http(s) URLs.")
    var inputs: [String]

    @Option(help: "A rules directory or a single rules file.")
    var rules: String

    @Flag(help: "Print JSON (one object per input).")
    var json = false

    @Flag(help: "Show the matched terms and fields for each match.")
    var explain = false

    func run() async throws {
        let (book, diagnostics) = RulesLoader.load(path: rules, regions: RegionSupport.resolver)
        if !diagnostics.isEmpty {
            for d in diagnostics { printError(d.description) }
            throw ExitCode(1)
        }
        let matcher = book.compile(regions: RegionSupport.resolver)
        let ok = await Inputs.each(inputs) { input, doc in
            let source = doc.feed.title ?? input
            var results: [(Story, RuleMatch)] = []
            for story in doc.stories {
                for m in matcher.match(MatchInput(story: story, source: source)) { results.append((story, m)) }
            }
            if json {
                print(MatchJSON.object(input: input, results: results))
                return
            }
            print("\(input): \(doc.stories.count) stories, \(results.count) match\(results.count == 1 ? "" : "es")")
            for (story, m) in results {
                print("  \(m.owner)/\(m.rule): \(story.title)")
                if let url = story.url { print("      \(url)") }
                if explain {
                    for t in m.matched { print("      matched \(t.term) in \(t.fields.names.joined(separator: ", "))") }
                    for line in RegionSupport.explain(story) { print("      " + line) }
                }
            }
        }
        if !ok { throw ExitCode(1) }
    }
}

/// `match --json`: `{"input", "matches": [{"story": {guid,title,url}, owner, rule, matched, regions}]}`.
enum MatchJSON {
    static func object(input: String, results: [(Story, RuleMatch)]) -> String {
        let matches: [[String: Any]] = results.map { story, m in
            [
                "story": ["guid": story.guid, "title": story.title, "url": story.url as Any? ?? NSNull()],
                "owner": m.owner, "rule": m.rule, "matched": m.terms,
                "regions": story.regions.map(\.code),
            ]
        }
        let object: [String: Any] = ["input": input, "matches": matches]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
