/// What went wrong in the store, said so a person can act on it: the file, what happened,
/// and what to do next. Cases grow inside the private enum without breaking callers.
public struct StoreError: Error, Sendable, CustomStringConvertible, Equatable {
    enum Kind: Sendable, Equatable {
        case newerSchema
        case cannotOpen
        case unknownSource
        case unknownAlert
        case database
    }

    let kind: Kind
    /// The user-facing message, prefixed with "store: ".
    public let message: String

    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = "store: " + message
    }

    public var description: String { message }

    /// True when the database was written by a newer newsalert than this one.
    public var isNewerSchema: Bool { kind == .newerSchema }

    static func newerSchema(path: String, unknown: [String]) -> StoreError {
        StoreError(.newerSchema, "\(path): the database was written by a newer newsalert "
            + "(unknown schema migrations: \(unknown.joined(separator: ", "))); "
            + "run the newer newsalert, or point `database:` in the config at another file")
    }

    static func cannotOpen(path: String, _ cause: Error) -> StoreError {
        StoreError(.cannotOpen, "\(path): cannot open the database (\(cause)); "
            + "check that the directory exists and is writable by the service user")
    }

    static func unknownSource(_ name: String) -> StoreError {
        StoreError(.unknownSource, "source '\(name)' is not in the database; add it to "
            + "`sources:` in the config (it is stored at the next start or reload)")
    }

    static func unknownAlert(_ id: Int64) -> StoreError {
        StoreError(.unknownAlert, "alert \(id) does not exist; list alerts with `newsalert alerts`")
    }

    static func database(_ path: String, _ cause: Error) -> StoreError {
        StoreError(.database, "\(path): \(cause)")
    }
}
