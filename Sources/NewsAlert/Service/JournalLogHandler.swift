import Foundation
import Logging

/// swift-log to stderr, one line per event. Under systemd (`$JOURNAL_STREAM` set) each line
/// starts with a `<N>` syslog priority and carries no timestamp (journald adds its own);
/// elsewhere lines start with an ISO 8601 time. Metadata keys are dotted (`source.name`).
public struct JournalLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private let journal: Bool

    public init(label: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.label = label
        self.journal = environment["JOURNAL_STREAM"] != nil
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata.merging(event.metadata ?? [:]) { $1 }
        if let error = event.error { merged["error"] = "\(error)" }
        let line = Self.format(level: event.level, message: event.message.description, metadata: merged, journal: journal, now: Date())
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// One log line. Metadata is sorted so lines are stable and greppable.
    static func format(level: Logger.Level, message: String, metadata: Logger.Metadata, journal: Bool, now: Date) -> String {
        let meta = metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\(quoted("\($0.value)"))" }.joined(separator: " ")
        let body = meta.isEmpty ? message : "\(message) \(meta)"
        if journal { return "<\(priority(level))>\(body)" }
        return "\(now.formatted(.iso8601)) \(level.rawValue.uppercased()) \(body)"
    }

    static func quoted(_ s: String) -> String {
        s.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) ? "\"\(s.replacingOccurrences(of: "\"", with: "\\\""))\"" : s
    }

    /// syslog(3) priorities as journald reads them from a `<N>` prefix.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: return 7
        case .info: return 6
        case .notice: return 5
        case .warning: return 4
        case .error: return 3
        case .critical: return 2
        }
    }
}
