import Foundation

/// Loads a rules directory (every `*.yaml` / `*.yml`, in name order) or a single file, and
/// reports every problem in every file (`newsalert check`).
public enum RulesLoader {
    /// The book of every file that loaded cleanly, and the diagnostics of all others.
    public static func load(path: String, regions: (any RegionResolving)? = nil) -> (RuleBook, [Diagnostic]) {
        var book = RuleBook()
        var diagnostics: [Diagnostic] = []
        let files: [String]
        do {
            files = try ruleFiles(at: path)
        } catch {
            return (book, [error])
        }
        var owners: [String: String] = [:]
        for file in files {
            book.files.append(file)
            let (rules, diags) = loadFile(file, regions: regions)
            diagnostics += diags
            guard let rules else { continue }
            if let other = owners[rules.owner] {
                diagnostics.append(Diagnostic(SourceLocation(file: file, line: 1, column: 1),
                                              "owner '\(rules.owner)' already has a rules file (\(other)); one file per person"))
                continue
            }
            owners[rules.owner] = file
            book.owners.append(rules)
        }
        return (book, diagnostics)
    }

    /// One file, with its diagnostics; nil rules when it has any.
    public static func loadFile(_ file: String, regions: (any RegionResolving)? = nil) -> (OwnerRules?, [Diagnostic]) {
        let start = SourceLocation(file: file, line: 1, column: 1)
        guard let data = FileManager.default.contents(atPath: file) else {
            return (nil, [Diagnostic(start, "cannot read the file; check that it exists and newsalert may read it")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return (nil, [Diagnostic(start, "the file is not UTF-8 text; save it as UTF-8")])
        }
        let mode = (try? FileManager.default.attributesOfItem(atPath: file))?[.posixPermissions] as? Int
        var parser = RuleFileParser(path: file, text: text, mode: mode, resolver: regions)
        return parser.parse()
    }

    /// The rules files at `path`: the path itself if it is a file, else the directory's
    /// `*.yaml`/`*.yml` files (not hidden ones), sorted by name.
    public static func ruleFiles(at path: String) throws(Diagnostic) -> [String] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw Diagnostic(SourceLocation(file: path, line: 1, column: 1), "no such file or directory; point --rules at a directory of *.yaml files")
        }
        guard isDir.boolValue else { return [path] }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
            throw Diagnostic(SourceLocation(file: path, line: 1, column: 1), "cannot list the directory; check its permissions")
        }
        let dir = path.hasSuffix("/") ? path : path + "/"
        return names.filter { !$0.hasPrefix(".") && ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) }
            .sorted().map { dir + $0 }
    }
}
