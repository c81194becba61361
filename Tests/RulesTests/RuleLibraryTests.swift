import Foundation
import Rules
import Testing

private func file(owner: String, query: String) -> String {
    """
    owner: \(owner)
    channels:
      inbox: { email: \(owner)@example.org }
    rules:
      - name: watch
        query: '\(query)'
        notify: [inbox]

    """
}

private let story = MatchInput(title: "Airstrike hits militia depot", text: "A drone attack followed.")

private func owners(_ lib: RuleLibrary) -> [String] {
    lib.matcher.match(story).map(\.owner)
}

struct RuleLibraryTests {
    @Test func brokenFileKeepsLastGoodVersion() throws {
        let t = try TempRules()
        try t.write("alice.yaml", file(owner: "alice", query: "airstrike"))
        let lib = RuleLibrary(path: t.dir)
        let first = lib.reload()
        #expect(first.loaded.count == 1 && first.recompiled)
        #expect(owners(lib) == ["alice"])

        let path = try t.write("alice.yaml", file(owner: "alice", query: "(airstrike OR"))
        #expect(lib.hasChanges())
        let r = lib.reloadIfChanged()
        #expect(r.keptLastGood == [path] && !r.recompiled)
        #expect(r.diagnostics.map(\.description) == ["\(path):6:24: rule 'watch': OR needs a term on both sides"])
        #expect(lib.diagnostics.count == 1)
        #expect(owners(lib) == ["alice"], "last good version stays live")
        #expect(!lib.hasChanges())
    }

    @Test func fixedFileTakesEffect() throws {
        let t = try TempRules()
        try t.write("bob.yaml", file(owner: "bob", query: "sports -"))
        let lib = RuleLibrary(path: t.dir)
        let r = lib.reload()
        #expect(r.failed.count == 1 && owners(lib).isEmpty)
        try t.write("bob.yaml", file(owner: "bob", query: "drone attack"))
        let r2 = lib.reloadIfChanged()
        #expect(r2.loaded.count == 1 && r2.recompiled && r2.diagnostics.isEmpty)
        #expect(owners(lib) == ["bob"])
        #expect(lib.diagnostics.isEmpty)
    }

    @Test func deletedFileStopsItsRules() throws {
        let t = try TempRules()
        try t.write("alice.yaml", file(owner: "alice", query: "airstrike"))
        try t.write("carol.yaml", file(owner: "carol", query: "militia*"))
        let lib = RuleLibrary(path: t.dir)
        lib.reload()
        #expect(owners(lib) == ["alice", "carol"])
        try t.remove("alice.yaml")
        #expect(lib.hasChanges())
        let r = lib.reloadIfChanged()
        #expect(r.removed.count == 1 && r.recompiled)
        #expect(owners(lib) == ["carol"])
        #expect(lib.book.summary == "1 file, 1 owner, 1 rule, 1 channel")
    }

    @Test func newFileAndUnchangedPoll() throws {
        let t = try TempRules()
        let lib = RuleLibrary(path: t.dir)
        lib.reload()
        #expect(!lib.hasChanges())
        #expect(!lib.reloadIfChanged().recompiled)
        try t.write("dave.yaml", file(owner: "dave", query: "\"drone attack\""))
        #expect(lib.hasChanges())
        #expect(lib.reloadIfChanged().loaded.count == 1)
        #expect(owners(lib) == ["dave"])
    }

    @Test func secondFileForSameOwnerIsRefused() throws {
        let t = try TempRules()
        try t.write("a.yaml", file(owner: "alice", query: "airstrike"))
        let lib = RuleLibrary(path: t.dir)
        lib.reload()
        let dup = try t.write("b.yaml", file(owner: "alice", query: "drone"))
        let r = lib.reloadIfChanged()
        #expect(r.failed == [dup])
        #expect(r.diagnostics.first?.message.contains("already has a rules file") == true)
        #expect(lib.matcher.match(story).map(\.rule) == ["watch"])
    }
}
