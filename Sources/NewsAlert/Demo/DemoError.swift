/// A demo step that did not go as it should; the message says which step and what to check.
public struct DemoError: Error, Sendable, CustomStringConvertible {
    public let message: String

    init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
