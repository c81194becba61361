"""Real article text for MatchBench --stories: each Readability test page's expected.html as
one story (title from expected-metadata.json, text with one paragraph per line).
usage: python3 Benchmarks/MatchBench/corpus_stories.py ../shared/corpora/readability/test-pages > /tmp/mb-real.jsonl"""
import html.parser, json, os, sys

class Text(html.parser.HTMLParser):
    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "blockquote", "tr", "section", "article"}
    def __init__(self):
        super().__init__()
        self.parts = []
    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCK: self.parts.append("\n")
    def handle_endtag(self, tag):
        if tag in self.BLOCK: self.parts.append("\n")
    def handle_data(self, data):
        self.parts.append(data)
    def text(self):
        lines = (" ".join(l.split()) for l in "".join(self.parts).split("\n"))
        return "\n".join(l for l in lines if l)

root = sys.argv[1]
for name in sorted(os.listdir(root)):
    page = os.path.join(root, name)
    try:
        body = open(os.path.join(page, "expected.html"), encoding="utf-8").read()
        meta = json.load(open(os.path.join(page, "expected-metadata.json"), encoding="utf-8"))
    except OSError:
        continue
    t = Text(); t.feed(body)
    print(json.dumps({"title": meta.get("title") or "", "summary": meta.get("excerpt") or "", "text": t.text(), "source": name}))
