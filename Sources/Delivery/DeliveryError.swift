/// An error from the delivery layer: names the channel or file, says what happened and what
/// to do next (STYLE.md 5). Cases live in a private enum so they can grow.
public struct DeliveryError: Error, Sendable, Equatable, CustomStringConvertible {
    enum Kind: Sendable, Equatable {
        case secret
        case template
        case address
        case message
        case transport
        case config
    }

    let kind: Kind
    /// The full one-line, user-facing message, prefixed with `delivery:`.
    public let message: String
    /// For template errors: 1-based line and column in the template file.
    public let line: Int?
    public let column: Int?

    init(_ kind: Kind, _ message: String, line: Int? = nil, column: Int? = nil) {
        self.kind = kind
        self.message = "delivery: " + message
        self.line = line
        self.column = column
    }

    public var description: String { message }

    /// A channel that cannot be used as configured (no SMTP relay, unknown channel, …).
    public static func configuration(_ message: String) -> DeliveryError {
        DeliveryError(.config, message)
    }

    public var isTemplateError: Bool { kind == .template }
    public var isAddressRefused: Bool { kind == .address }
}
