import Foundation

/// The live rules of the service, reloaded file by file (issue "Reload"): a file with errors
/// keeps its last good version live and its errors are reported with their positions; a
/// fixed file takes effect; a deleted file's rules stop. The compiled matcher is rebuilt
/// only when some file's good version changed.
///
/// Call `reload()` on SIGHUP and `reloadIfChanged()` from a timer (it polls mtimes, sizes
/// and inodes and does nothing when no file changed). Reads (`matcher`, `book`) may come
/// from any thread; they return immutable snapshots.
public final class RuleLibrary: @unchecked Sendable {
    private struct FileState {
        var stamp: FileStamp?
        var good: OwnerRules?
        var diagnostics: [Diagnostic] = []
    }

    public let path: String
    private let regions: (any RegionResolving)?
    // Guarded by `lock`; NSLock rather than Synchronization.Mutex for the macOS 14 floor.
    private let lock = NSLock()
    private var files: [String: FileState] = [:]
    private var snapshot: (book: RuleBook, matcher: RuleMatcher)
    private var pathDiagnostic: Diagnostic?

    public init(path: String, regions: (any RegionResolving)? = nil) {
        self.path = path
        self.regions = regions
        snapshot = (RuleBook(), RuleMatcher(rules: [], regions: regions))
    }

    public var matcher: RuleMatcher { lock.withLock { snapshot.matcher } }
    public var book: RuleBook { lock.withLock { snapshot.book } }

    /// Problems outstanding in the files as they are on disk now (a file listed here runs
    /// on its last good version, or not at all if it never loaded).
    public var diagnostics: [Diagnostic] {
        lock.withLock {
            (pathDiagnostic.map { [$0] } ?? []) + files.keys.sorted().flatMap { files[$0]!.diagnostics }
        }
    }

    /// Whether any rules file was added, removed or changed since the last reload.
    public func hasChanges() -> Bool {
        let now = FileStamp.scan(path)
        return lock.withLock {
            now.count != files.count || now.contains { files[$0.key]?.stamp != $0.value }
        }
    }

    /// Re-reads changed files only (for a timer).
    @discardableResult
    public func reloadIfChanged() -> ReloadReport {
        reload(force: false)
    }

    /// Re-reads every file (`force`, for SIGHUP) or the changed ones.
    @discardableResult
    public func reload(force: Bool = true) -> ReloadReport {
        lock.lock()
        defer { lock.unlock() }
        var report = ReloadReport()
        let listed: [String]
        do {
            listed = try RulesLoader.ruleFiles(at: path)
            pathDiagnostic = nil
        } catch {
            // The directory itself is gone or unreadable: keep everything live.
            pathDiagnostic = error
            report.diagnostics = [error]
            return report
        }
        var changed = false
        for gone in files.keys where !listed.contains(gone) {
            if files[gone]?.good != nil { changed = true }
            files[gone] = nil
            report.removed.append(gone)
        }
        for file in listed {
            let stamp = FileStamp(path: file)
            var state = files[file] ?? FileState()
            guard force || state.stamp == nil || state.stamp != stamp else {
                report.diagnostics += state.diagnostics
                continue
            }
            state.stamp = stamp
            var (rules, diags) = RulesLoader.loadFile(file, regions: regions)
            if let r = rules, let other = files.first(where: { $0.key != file && $0.value.good?.owner == r.owner }) {
                diags = [Diagnostic(SourceLocation(file: file, line: 1, column: 1),
                                    "owner '\(r.owner)' already has a rules file (\(other.key)); one file per person")]
                rules = nil
            }
            state.diagnostics = diags
            if let rules {
                report.loaded.append(file)
                state.good = rules
                changed = true
            } else {
                report.diagnostics += diags
                if state.good != nil { report.keptLastGood.append(file) } else { report.failed.append(file) }
            }
            files[file] = state
        }
        if changed {
            let owners = files.keys.sorted().compactMap { files[$0]?.good }
            let book = RuleBook(files: listed, owners: owners)
            snapshot = (book, book.compile(regions: regions))
        } else {
            snapshot.book.files = listed
        }
        report.recompiled = changed
        return report
    }
}

/// What one reload did, for the service's log.
public struct ReloadReport: Sendable {
    /// Files whose new version is now live.
    public var loaded: [String] = []
    /// Files with errors whose previous good version stays live.
    public var keptLastGood: [String] = []
    /// Files with errors and no earlier good version.
    public var failed: [String] = []
    /// Files deleted since the last reload (their rules stopped).
    public var removed: [String] = []
    public var diagnostics: [Diagnostic] = []
    /// Whether the matcher was rebuilt.
    public var recompiled = false
}
