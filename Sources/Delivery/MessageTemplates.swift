import Foundation
import Mustache

/// The three Mustache templates of an email (subject, text part, HTML part).
///
/// Subject and text render with the `TEXT` content type (no escaping); HTML renders with
/// `HTML` escaping, so every variable a user's template shows with `{{ }}` is escaped.
/// A template that does not parse is an error with file, line and column, which
/// `newsalert check` prints as `path:line:col: message`.
public struct MessageTemplates: Sendable {
    public static let fileNames = (subject: "subject.mustache", text: "text.mustache", html: "html.mustache")

    let subject: MustacheTemplate
    let text: MustacheTemplate
    let html: MustacheTemplate

    /// The built-in templates.
    public static func builtIn() -> MessageTemplates {
        try! MessageTemplates(subject: BuiltInTemplates.subject, text: BuiltInTemplates.text, html: BuiltInTemplates.html)
    }

    /// Templates from source strings; `names` label errors (file paths when loaded from disk).
    public init(
        subject: String, text: String, html: String,
        names: (subject: String, text: String, html: String) = ("subject", "text", "html")
    ) throws(DeliveryError) {
        self.subject = try Self.parse(subject, name: names.subject, contentType: "TEXT")
        self.text = try Self.parse(text, name: names.text, contentType: "TEXT")
        self.html = try Self.parse(html, name: names.html, contentType: "HTML")
    }

    /// Built-in templates, each replaced by the directory's file of the same name if present.
    public static func load(directory: String?) throws(DeliveryError) -> MessageTemplates {
        guard let directory else { return builtIn() }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DeliveryError(.template, "templates directory \(directory) does not exist; create it or remove the setting to use the built-in templates")
        }
        func source(_ file: String, _ fallback: String) throws(DeliveryError) -> (String, String) {
            let path = (directory as NSString).appendingPathComponent(file)
            guard FileManager.default.fileExists(atPath: path) else { return (fallback, "built-in \(file)") }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw DeliveryError(.template, "\(path): cannot be read; check its permissions")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw DeliveryError(.template, "\(path): is not UTF-8 text")
            }
            return (text, path)
        }
        let s = try source(fileNames.subject, BuiltInTemplates.subject)
        let t = try source(fileNames.text, BuiltInTemplates.text)
        let h = try source(fileNames.html, BuiltInTemplates.html)
        return try MessageTemplates(subject: s.0, text: t.0, html: h.0, names: (s.1, t.1, h.1))
    }

    /// Renders the three parts for an alert; the subject is flattened to one line.
    public func render(_ content: AlertContent) -> (subject: String, text: String, html: String) {
        var context = TemplateContext.make(content)
        let subjectLine = subject.render(context)
            .split(whereSeparator: \.isNewline).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
        context["subject"] = subjectLine
        return (subjectLine, text.render(context), html.render(context))
    }

    /// Parses with the content-type pragma put in front on the same line, then maps an
    /// error's column back to the user's text.
    private static func parse(_ source: String, name: String, contentType: String) throws(DeliveryError) -> MustacheTemplate {
        let pragma = "{{% CONTENT_TYPE: \(contentType) }}"
        do {
            return try MustacheTemplate(string: pragma + source)
        } catch let error as MustacheTemplate.ParserError {
            let line = error.context.lineNumber
            let column = line == 1 ? max(1, error.context.columnNumber - pragma.count) : error.context.columnNumber
            throw DeliveryError(.template, "\(name):\(line):\(column): \(describe(error.error)) in template", line: line, column: column)
        } catch {
            throw DeliveryError(.template, "\(name): \(error)")
        }
    }

    private static func describe(_ error: Error) -> String {
        guard let e = error as? MustacheTemplate.Error else {
            return "\(error)" == "overflow" ? "tag not closed before the end of the text (missing '}}')" : "\(error)"
        }
        return switch e {
        case .sectionCloseNameIncorrect: "section closed with a different name than it was opened with"
        case .unfinishedName: "unfinished tag (missing '}}')"
        case .expectedSectionEnd: "section not closed (missing '{{/name}}')"
        case .invalidSetDelimiter: "malformed set-delimiter tag"
        case .transformAppliedToInheritanceSection: "transform applied to an inheritance section"
        case .illegalTokenInsideInheritSection: "illegal tag inside an inheritance section"
        case .textInsideInheritSection: "text inside an inheritance section"
        case .invalidConfigVariableSyntax: "malformed pragma"
        case .unrecognisedConfigVariable: "unknown pragma"
        }
    }
}
