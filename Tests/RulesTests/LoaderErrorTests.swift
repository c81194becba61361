import Foundation
import Rules
import Testing

let goodFile = """
owner: alice
timezone: Europe/Berlin
quiet_hours: "22:00-07:00"
channels:
  inbox: { email: alice@example.org }
  ops: { webhook: "https://hooks.example.org/x", secret_env: ALICE_HOOK }
rules:
  - name: iraq-strikes
    query: '(strike OR airstrike) AND (militia* OR "Iran-backed")'
    regions: [IQ]
    notify: [inbox, ops]
  - name: digest
    query: Hezbollah OR Hamas OR Houthi*
    regions: [middle-east]
    region_mode: mentioned
    notify: [inbox]
    digest: daily 08:00

"""

/// Replaces line `n` (1-based) of the good file.
func edit(_ n: Int, _ line: String) -> String {
    var lines = goodFile.components(separatedBy: "\n")
    lines[n - 1] = line
    return lines.joined(separator: "\n")
}

struct LoaderErrorTests {
    @Test func goodFileLoads() throws {
        let t = try TempRules()
        let path = try t.write("alice.yaml", goodFile)
        let (rules, diags) = RulesLoader.loadFile(path, regions: RegionResolverDouble())
        #expect(diags.isEmpty, "\(diags)")
        let o = try #require(rules)
        #expect(o.owner == "alice" && o.timeZone.identifier == "Europe/Berlin")
        #expect(o.quietHours == QuietHours(start: 22 * 60, end: 7 * 60))
        #expect(o.channels.map(\.name) == ["inbox", "ops"])
        #expect(o.channel("ops")?.kind == .webhook(url: "https://hooks.example.org/x", secret: .environment("ALICE_HOOK"), format: .standard))
        #expect(o.rules.map(\.name) == ["iraq-strikes", "digest"])
        #expect(o.rules[1].digest == .daily(hour: 8, minute: 0) && o.rules[1].regionMode == .mentioned)
        #expect(o.rules[0].regions.map(\.code) == ["IQ"] && o.rules[0].regions[0].location.line == 10)
    }

    @Test(arguments: [
        (edit(2, "timezon: Europe/Berlin"), "2:1: unknown key 'timezon' in the rules file (did you mean timezone?)"),
        (edit(1, "owner: [a, b]"), "1:8: owner must be a single value, found a list"),
        (edit(2, "timezone: Europe/Berln"), "2:11: unknown time zone 'Europe/Berln' (did you mean Europe/Berlin?)"),
        (edit(3, "quiet_hours: \"25:00-07:00\""), "3:14: bad quiet_hours '25:00-07:00'"),
        (edit(3, "quiet_hours: 22:00"), "3:14: bad quiet_hours '22:00'"),
        (edit(12, "  - name: iraq-strikes"), "12:11: duplicate rule name 'iraq-strikes' (first at line 8)"),
        (edit(11, "    notify: [inbox, opz]"), "11:21: unknown channel 'opz' (did you mean ops?)"),
        (edit(11, "    notify: inbox"), "11:13: notify must be a list: write [inbox]"),
        (edit(11, "    notify: []"), "11:13: rule 'iraq-strikes' notifies no channel"),
        (edit(9, "    query: \"\""), "9:13: rule 'iraq-strikes': empty query"),
        (edit(9, "    query: '(strike OR airstrike'"), "9:13: rule 'iraq-strikes': unbalanced '('"),
        (edit(9, "    query: \"strike or airstrike\""), "9:20: rule 'iraq-strikes': 'or' is not an operator"),
        (edit(9, "    query: 'it''s or x'"), "9:19: rule 'iraq-strikes': 'or' is not an operator"),
        (edit(9, "    query: \"\\\"a b\\\" or x\""), "9:21: rule 'iraq-strikes': 'or' is not an operator"),
        (edit(9, "    query: strike AND AND x"), "9:19: rule 'iraq-strikes': AND needs a term"),
        (edit(9, "    query: -sports NOT football"), "9:12: rule 'iraq-strikes': the query only excludes"),
        (edit(9, "    query: |\n      strike\n      AND AND x"), "11:7: rule 'iraq-strikes': AND needs a term"),
        (edit(9, "    query: >-\n      strike\n      OR"), "11:7: rule 'iraq-strikes': OR needs a term"),
        (edit(9, "    querry: strike"), "9:5: unknown key 'querry' in a rule (did you mean query?)"),
        (edit(17, "    digest: 2x"), "17:13: bad digest '2x'"),
        (edit(17, "    digest: daily 8am"), "17:13: bad digest 'daily 8am'"),
        (edit(15, "    region_mode: focussed"), "15:18: unknown region_mode 'focussed' (did you mean focus?)"),
        (edit(10, "    regions: [Iraqq]"), "10:15: unknown region 'Iraqq'"),
        (edit(14, "    regions: [midle-east]"), "14:15: unknown region 'midle-east' (did you mean middle-east?)"),
        (edit(5, "  inbox: { email: alice.example.org }"), "5:19: 'alice.example.org' is not an email address"),
        (edit(5, "  inbox: { mail: alice@example.org }"), "5:12: unknown key 'mail' in channel 'inbox' (did you mean email?)"),
        (edit(6, "  ops: { webhook: \"ftp://x\", secret_env: A }"), "6:19: 'ftp://x' is not an http(s) URL with a host"),
        (edit(6, "  ops: { webhook: \"https://h.example/x\" }"), "6:8: webhook channel 'ops' needs a signing secret"),
        (edit(6, "  ops: { webhook: \"https://h.example/x\", secret_env: A, secret_file: /s }"), "6:57: channel 'ops' has secret_env and secret_file"),
        (edit(6, "  ops: { webhook: \"https://h.example/x\", secret_env: 9A }"), "6:54: '9A' is not an environment variable name"),
        (edit(6, "  ops: { webhook: \"https://h.example/x\", format: teams }"), "6:50: unknown format 'teams'"),
        (edit(6, "  ops: { email: a@b.org, webhook: \"https://h.example/x\" }"), "6:8: channel 'ops' has both email and webhook"),
        (edit(1, "# no owner"), "2:1: missing 'owner'"),
        (goodFile.components(separatedBy: "\n").prefix(6).joined(separator: "\n") + "\nrules: {a: 1}\n", "7:8: rules must be a list"),
        (edit(2, "timezone: [x"), "YAML syntax"),
        ("", "1:1: the rules file is empty"),
    ])
    func reportsErrorAtItsPlace(text: String, expected: String) throws {
        let t = try TempRules()
        let path = try t.write("alice.yaml", text)
        let (rules, diags) = RulesLoader.loadFile(path, regions: RegionResolverDouble())
        #expect(rules == nil)
        let printed = diags.map(\.description)
        #expect(printed.contains { $0.hasPrefix(path + ":" + expected) || (expected == "YAML syntax" && $0.contains(expected)) },
                "\(printed)")
    }

    @Test func slackWebhookNeedsNoSecret() throws {
        let t = try TempRules()
        let path = try t.write("a.yaml", edit(6, "  ops: { webhook: \"https://hooks.slack.example/T1\", format: slack }"))
        let (rules, diags) = RulesLoader.loadFile(path)
        #expect(diags.isEmpty, "\(diags)")
        #expect(rules?.channel("ops")?.kind == .webhook(url: "https://hooks.slack.example/T1", secret: .none, format: .slack))
    }

    @Test func inlineSecretNeedsAPrivateFile() throws {
        let t = try TempRules()
        let text = edit(6, "  ops: { webhook: \"https://h.example/x\", secret: whsec_abc }")
        let open = try t.write("open.yaml", text, mode: 0o644)
        let (r1, d1) = RulesLoader.loadFile(open)
        #expect(r1 == nil)
        #expect(d1.map(\.description) == ["\(open):6:42: inline webhook secret in a file others can read (mode 644): run 'chmod 600 \(open)', or move the secret out with secret_env or secret_file"])
        let closed = try t.write("closed.yaml", text, mode: 0o600)
        let (r2, d2) = RulesLoader.loadFile(closed)
        #expect(d2.isEmpty)
        #expect(r2?.channel("ops")?.kind == .webhook(url: "https://h.example/x", secret: .inline("whsec_abc"), format: .standard))
        #expect(!"\(SecretSource.inline("whsec_abc"))".contains("whsec"))
    }

    @Test func everyProblemInEveryFileIsReported() throws {
        let t = try TempRules()
        try t.write("alice.yaml", goodFile)
        var bad = edit(2, "timezone: Mars/Olympus")
        bad = bad.replacingOccurrences(of: "owner: alice", with: "owner: bob")
        bad = bad.replacingOccurrences(of: "notify: [inbox]", with: "notify: [inbx]")
        bad = bad.replacingOccurrences(of: "daily 08:00", with: "weekly")
        try t.write("bob.yaml", bad)
        try t.write("carol.yaml", goodFile.replacingOccurrences(of: "owner: alice", with: "owner: alice"))
        try t.write("notes.txt", "ignored")
        let (book, diags) = RulesLoader.load(path: t.dir)
        #expect(diags.map { "\($0.location.file.split(separator: "/").last!):\($0.location.line):\($0.location.column)" }
                == ["bob.yaml:2:11", "bob.yaml:16:14", "bob.yaml:17:13", "carol.yaml:1:1"])
        #expect(diags[3].message.contains("owner 'alice' already has a rules file"))
        #expect(book.owners.map(\.owner) == ["alice"])
        #expect(book.summary == "3 files, 1 owner, 2 rules, 2 channels")
    }

    @Test func missingDirectoryIsOneDiagnostic() {
        let (book, diags) = RulesLoader.load(path: "/nonexistent/rules")
        #expect(book.owners.isEmpty && diags.count == 1)
        #expect(diags[0].description.hasPrefix("/nonexistent/rules:1:1: no such file or directory"))
    }
}
