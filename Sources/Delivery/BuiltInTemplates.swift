/// The message templates used when the config names no templates directory, or the
/// directory lacks a file. Users override them with `subject.mustache`, `text.mustache`
/// and `html.mustache`; the variables are documented on `TemplateContext`.
enum BuiltInTemplates {
    static let subject = """
        {{#digest}}News digest: {{count}} {{#single}}story{{/single}}{{^single}}stories{{/single}}{{#first}} — {{title}}{{/first}}{{/digest}}{{^digest}}[{{rule}}] {{#first}}{{title}}{{/first}}{{/digest}}
        """

    static let text = """
        {{#digest}}
        {{count}} {{#single}}story{{/single}}{{^single}}stories{{/single}} for {{owner}}:

        {{/digest}}
        {{#stories}}
        {{title}}
        {{url}}
        {{source}}{{#published}} · {{published}}{{/published}}{{#regions}} · {{regions}}{{/regions}}{{#rule}} · rule {{rule}}{{/rule}}
        {{#summary}}

        {{summary}}
        {{/summary}}
        {{#has_also_reported_by}}

        Also reported by:
        {{/has_also_reported_by}}
        {{#also_reported_by}}
        - {{source}}: {{url}}
        {{/also_reported_by}}

        ----

        {{/stories}}
        You receive this because a rule of {{owner}} matched. Edit the rules file to change what you get.

        """

    static let html = """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>{{subject}}</title></head>
        <body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.4;color:#222;background:#fff">
        {{#digest}}
        <h1 style="font-size:18px;margin:0 0 16px">{{count}} {{#single}}story{{/single}}{{^single}}stories{{/single}} for {{owner}}</h1>
        {{/digest}}
        {{#stories}}
        <div style="margin:0 0 20px;max-width:640px">
        <h2 style="font-size:17px;margin:0 0 4px"><a href="{{url}}" style="color:#1a0dab">{{title}}</a></h2>
        <p style="margin:0 0 6px;color:#555;font-size:13px">{{source}}{{#published}} · {{published}}{{/published}}{{#regions}} · {{regions}}{{/regions}}{{#rule}} · rule {{rule}}{{/rule}}</p>
        {{#summary}}
        <p style="margin:0 0 6px">{{summary}}</p>
        {{/summary}}
        {{#has_also_reported_by}}
        <p style="margin:0;font-size:13px">Also reported by:
        {{/has_also_reported_by}}
        {{#also_reported_by}}
        <a href="{{url}}" style="color:#1a0dab">{{source}}</a>{{^last}},{{/last}}
        {{/also_reported_by}}
        {{#has_also_reported_by}}
        </p>
        {{/has_also_reported_by}}
        </div>
        {{/stories}}
        <p style="margin:24px 0 0;color:#777;font-size:12px">You receive this because a rule of {{owner}} matched. Edit the rules file to change what you get.</p>
        </body>
        </html>

        """
}
