import Foundation

/// What the change detector compares between polls: a file is re-read when its
/// modification time, size or inode changed (editors that save by rename change the inode).
struct FileStamp: Equatable, Sendable {
    var modified: Double
    var size: Int
    var inode: Int

    init?(path: String) {
        guard let a = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        modified = (a[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        size = (a[.size] as? NSNumber)?.intValue ?? 0
        inode = (a[.systemFileNumber] as? NSNumber)?.intValue ?? 0
    }

    /// Stamps of every rules file at `path` (empty if it cannot be listed).
    static func scan(_ path: String) -> [String: FileStamp] {
        var out: [String: FileStamp] = [:]
        for file in (try? RulesLoader.ruleFiles(at: path)) ?? [] {
            if let s = FileStamp(path: file) { out[file] = s }
        }
        return out
    }
}
