"""Regenerate the bundled sample sources from the hand-written content in ``content/``.

Run it as ``python flows/samples/build_samples.py`` after editing an article, an outlet or a template. It
rewrites, deterministically (same bytes on every run):

- ``site/``: the static site served over loopback by ``conflictwire demo`` and the tests: article pages under
  outlet folders, ``robots.txt``, ``rss.xml``, ``atom.xml``, ``sitemap.xml`` (an index) with
  ``sitemap-news.xml``, and the listing page ``index.html``. Feeds, sitemaps and ``index.html`` write the
  literal ``{{SITE}}`` where the served base URL goes; the server substitutes it at serve time.
- ``directory/``: saved pages (some gzipped) plus ``index.json`` (file name -> original URL).
- ``archive.warc.gz``: a CC-NEWS-style WARC (warcinfo, then request + response records, gzip per record).
- ``manifest.json``: the truth the tests check the pipeline against, one entry per page.

Content model: ``content/outlets.toml`` describes the fictional outlets, ``content/articles/*.toml`` the
articles (an article may ``derive`` from another one: syndicated copies and revisions), ``content/templates/``
the page chrome of each outlet, ``content/seed-article.txt`` the reference article, verbatim.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import html
import io
import json
import shutil
import tomllib
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from string import Template
from xml.sax.saxutils import escape as xml_escape

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parents[1] / "flows" / "samples"
CONTENT = HERE / "content"
SITE = HERE / "site"
DIRECTORY = HERE / "directory"
WARC_PATH = HERE / "archive.warc.gz"
MANIFEST_PATH = HERE / "manifest.json"

PLACEHOLDER = "{{SITE}}"
DIRECTORY_SOURCE = "saved-pages"
WARC_SOURCE = "ccnews-sample"
OG_LOCALES = {"en": "en_GB", "fr": "fr_FR", "ar": "ar_AR", "es": "es_CO", "ru": "ru_RU", "uk": "uk_UA"}
WARC_USER_AGENT = "CCBot/2.0 (https://commoncrawl.org/faq/)"
UUID_NAMESPACE = uuid.UUID("6f1c3f0e-2b3c-4d57-9a54-7d1f0c2e9a10")


@dataclass(frozen=True, slots=True)
class Outlet:
    """A fictional news outlet: where its pages live and how they look."""

    key: str
    name: str
    host: str
    canonical: str
    site_dir: str
    site_source: str
    template: str
    title_format: str
    style: str
    paragraph: str
    subheading: str
    inline_after: int
    inline: str
    boilerplate: tuple[str, ...]
    date_format: str
    byline: str
    lead: str
    name_joiner: str = " and "
    months: tuple[str, ...] = ()
    also_og: bool = False
    jsonld_graph: bool = False


@dataclass(frozen=True, slots=True)
class Block:
    """One block of an article body: a paragraph or a subheading."""

    text: str
    heading: bool = False


@dataclass(frozen=True, slots=True)
class Article:
    """One page of the sample world, fully resolved (derived copies already applied)."""

    id: str
    outlet: Outlet
    path: str
    placements: tuple[str, ...]
    title: str
    published: datetime
    modified: datetime | None
    authors: tuple[str, ...]
    section: str
    language: str
    country: str
    roles: tuple[str, ...]
    blocks: tuple[Block, ...] = ()
    lead: str = ""
    caption: str = ""
    summary: str = ""
    reading_time: str = ""
    display_date: str = ""
    style: str = ""
    kind: str = "article"
    site_path: str = ""
    encoding: str = "utf-8"
    declare_language: bool = True
    jsonld_body: bool = False
    gzip: bool = False
    malformed: bool = False
    tracking_query: str = ""

    @property
    def paragraphs(self) -> list[str]:
        return [block.text for block in self.blocks if not block.heading]

    @property
    def canonical_url(self) -> str:
        """The page's ``<link rel=canonical>``, empty for outlets whose pages have none."""
        if not self.outlet.canonical:
            return ""
        if self.kind == "tag-page":
            return f"https://{self.outlet.host}/{self.path}"
        return self.outlet.canonical.format(path=self.path)

    @property
    def public_url(self) -> str:
        """Where the page lives on the outlet's public host (saved-page and WARC URLs)."""
        return self.canonical_url or f"https://{self.outlet.host}/{self.path}"

    @property
    def site_file(self) -> str:
        if self.site_path:
            return self.site_path
        suffix = "" if self.path.endswith(".html") else ".html"
        return f"{self.outlet.site_dir}/{self.path}{suffix}"

    @property
    def directory_file(self) -> str:
        name = self.path.rstrip("/").rsplit("/", 1)[-1].removesuffix(".html")
        return f"{self.outlet.key}-{name}.html" + (".gz" if self.gzip else "")


# --- loading -------------------------------------------------------------------------------------------


def load_outlets() -> dict[str, Outlet]:
    raw = tomllib.loads((CONTENT / "outlets.toml").read_text(encoding="utf-8"))
    outlets = {}
    for key, fields in raw.items():
        fields = dict(fields)
        fields["boilerplate"] = tuple(fields["boilerplate"])
        fields["months"] = tuple(fields.get("months", ()))
        outlets[key] = Outlet(key=key, **fields)
    return outlets


def parse_blocks(text: str, subheadings: tuple[str, ...] = ()) -> tuple[Block, ...]:
    """Split hand-written body text on blank lines; ``## `` (or a listed subheading) marks a subheading."""
    blocks = []
    for chunk in text.strip().split("\n\n"):
        chunk = " ".join(chunk.split())
        if not chunk:
            continue
        if chunk.startswith("## "):
            blocks.append(Block(chunk[3:], heading=True))
        else:
            blocks.append(Block(chunk, heading=chunk in subheadings))
    return tuple(blocks)


def parse_seed(fields: dict) -> dict:
    """Read title, lead and body from the verbatim seed article file (layout of the original page)."""
    text = (CONTENT / fields.pop("seed_file")).read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title, _, lead, reading_time, display_date, caption = lines[:6]
    assert reading_time == fields["reading_time"] and caption == fields["caption"], "seed layout changed"
    body_start = text.index(lines[6])
    subheadings = tuple(fields.pop("subheadings"))
    return {
        **fields,
        "title": title,
        "lead": lead,
        "display_date": display_date,
        "blocks": parse_blocks(text[body_start:], subheadings),
    }


def derive(base: dict, fields: dict) -> dict:
    """A copy of ``base`` (a syndicated republication or a revision) with the edits ``fields`` describe."""
    blocks = list(base["blocks"])
    for old, new in fields.pop("replace", []):
        hits = [i for i, block in enumerate(blocks) if old in block.text]
        assert hits, f"{fields['id']}: {old!r} not found in {base['id']}"
        for i in hits:
            blocks[i] = dataclasses.replace(blocks[i], text=blocks[i].text.replace(old, new))
    if "keep_before" in fields:
        cut = next(i for i, block in enumerate(blocks) if block.text == fields["keep_before"])
        blocks = blocks[:cut]
    if drop := fields.pop("drop_last", 0):
        blocks = blocks[:-drop]
    blocks = list(parse_blocks(fields.pop("prepend", ""))) + blocks + list(parse_blocks(fields.pop("append", "")))
    fields.pop("keep_before", None)
    inherited = {k: v for k, v in base.items() if k not in ("id", "roles", "path", "placements", "modified")}
    return {**inherited, **fields, "blocks": tuple(blocks)}


def load_articles(outlets: dict[str, Outlet]) -> list[Article]:
    raw: dict[str, dict] = {}
    for path in sorted((CONTENT / "articles").glob("*.toml")):
        for fields in tomllib.loads(path.read_text(encoding="utf-8"))["article"]:
            fields["outlet"] = outlets[path.stem]
            if "seed_file" in fields:
                fields = parse_seed(fields)
            elif "body" in fields:
                fields["blocks"] = parse_blocks(fields.pop("body"))
            raw[fields["id"]] = fields
    for key in [k for k, fields in raw.items() if "derive" in fields]:
        fields = raw[key]
        raw[key] = derive(raw[fields.pop("derive")], fields)
    articles = []
    for fields in raw.values():
        for key in ("placements", "authors", "roles"):
            fields[key] = tuple(fields[key])
        fields["published"] = datetime.fromisoformat(fields["published"])
        fields["modified"] = datetime.fromisoformat(fields["modified"]) if "modified" in fields else None
        articles.append(Article(**fields))
    return sorted(articles, key=lambda a: (a.published, a.id))


# --- rendering -----------------------------------------------------------------------------------------


def esc(text: str) -> str:
    """Escape for an attribute value."""
    return html.escape(text, quote=True)


def text(value: str) -> str:
    """Escape for element content: only what must be escaped, as most CMSs do."""
    return html.escape(value, quote=False)


def display_date(article: Article) -> str:
    if article.display_date:
        return article.display_date
    text = article.published.strftime(article.outlet.date_format)
    if article.outlet.months:
        english = article.published.strftime("%B")
        text = text.replace(english, article.outlet.months[article.published.month - 1])
    return text


def byline(article: Article) -> str:
    names = list(article.authors)
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + article.outlet.name_joiner + names[-1]
    return joined


def json_ld(article: Article) -> str:
    data: dict = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "datePublished": article.published.isoformat(),
        "dateModified": (article.modified or article.published).isoformat(),
        "author": [{"@type": "Person", "name": name} for name in article.authors],
        "articleSection": article.section,
        "mainEntityOfPage": {"@type": "WebPage", "@id": article.canonical_url},
        "publisher": {
            "@type": "Organization",
            "name": article.outlet.name,
            "logo": {"@type": "ImageObject", "url": f"https://{article.outlet.host}/static/logo.png"},
        },
        "description": article.lead or article.summary or article.paragraphs[0][:160],
    }
    if article.declare_language:
        data["inLanguage"] = article.language
    if article.jsonld_body:
        data["articleBody"] = "\n\n".join(block.text for block in article.blocks)
    if article.outlet.jsonld_graph:
        data = {
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "WebSite", "name": article.outlet.name, "url": f"https://{article.outlet.host}/"},
                {k: v for k, v in data.items() if k != "@context"},
            ],
        }
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/ld+json">{payload}</script>'


def open_graph(article: Article) -> list[str]:
    tags = [
        ("property", "og:type", "article"),
        ("property", "og:site_name", article.outlet.name),
        ("property", "og:title", article.title),
        ("property", "og:url", article.canonical_url),
        ("property", "og:description", article.lead or article.paragraphs[0][:200]),
        ("property", "article:published_time", article.published.isoformat()),
    ]
    if article.modified:
        tags.append(("property", "article:modified_time", article.modified.isoformat()))
    tags.append(("property", "article:section", article.section))
    if article.declare_language:
        tags.append(("property", "og:locale", OG_LOCALES[article.language]))
    tags.append(("name", "author", ", ".join(article.authors)))
    return [f'<meta {attr}="{name}" content="{esc(value)}">' for attr, name, value in tags]


def head_meta(article: Article) -> str:
    style = article.style or article.outlet.style
    lines = []
    if style != "bare" and article.canonical_url:
        lines.append(f'<link rel="canonical" href="{esc(article.canonical_url)}">')
    if style == "og" or (style == "jsonld" and article.outlet.also_og):
        lines.extend(open_graph(article))
    if style == "jsonld":
        lines.append(f'<meta name="description" content="{esc(article.lead or article.paragraphs[0][:160])}">')
        lines.append(json_ld(article))
    return "\n".join(lines)


def body_html(article: Article) -> str:
    outlet = article.outlet
    parts = []
    for i, block in enumerate(article.blocks):
        parts.append((outlet.subheading if block.heading else outlet.paragraph).format(text(block.text)))
        if outlet.inline and i + 1 == outlet.inline_after and len(article.blocks) > outlet.inline_after + 1:
            parts.append(outlet.inline)
    return "\n".join(parts)


def render_article(article: Article) -> str:
    outlet = article.outlet
    attrs = ""
    if article.declare_language:
        attrs = f' lang="{article.language}"' + (' dir="rtl"' if article.language == "ar" else "")
    charset = {"utf-8-sig": "utf-8"}.get(article.encoding, article.encoding)
    figure = ""
    if article.caption:
        caption = f"<figcaption>{text(article.caption)}</figcaption>"
        figure = f'<figure class="lead-image"><img src="/img/lead.jpg" alt="">{caption}</figure>'
    template = Template((CONTENT / "templates" / outlet.template).read_text(encoding="utf-8"))
    return template.substitute(
        html_attrs=attrs,
        charset=charset,
        page_title=esc(outlet.title_format.format(headline=article.title)),
        head_meta=head_meta(article),
        headline=text(article.title),
        lead_html=outlet.lead.format(text(article.lead)) if article.lead else "",
        byline=text(outlet.byline.format(names=byline(article))),
        byline_names=text(byline(article)),
        reading_time=article.reading_time,
        display_date=text(display_date(article)),
        iso_published=article.published.isoformat(),
        section=text(article.section),
        section_slug=article.section.lower().replace(" ", "-"),
        figure_html=figure,
        body_html=body_html(article),
    )


def render_tag_page(article: Article, listed: list[Article]) -> str:
    teasers = "\n".join(
        f'<li class="teaser"><a href="/news/{a.path}"><h3>{text(a.title)}</h3></a>'
        f'<p>{text(a.lead or a.paragraphs[0][:140])}</p><span class="teaser-date">{display_date(a)}</span></li>'
        for a in listed
    )
    template = Template((CONTENT / "templates" / "levant-ledger-tag.html").read_text(encoding="utf-8"))
    return template.substitute(canonical=article.canonical_url, teasers=teasers)


def encode(article: Article, page: str) -> bytes:
    if article.encoding == "iso-8859-1":
        return page.encode("iso-8859-1", errors="xmlcharrefreplace")
    data = page.encode(article.encoding)
    return mangle(data) if article.malformed else data


def mangle(data: bytes) -> bytes:
    """Break a page the way real saved pages break, keeping the article text recoverable."""
    body_start = data.index(b'itemprop="articleBody">')
    body_end = data.index(b'<div class="sharedaddy">')
    body = data[body_start:body_end]
    body = body.replace(b"</p>", b"", 3)  # unclosed paragraphs
    body = body.replace(b"<p>KADUGLI, Sudan", b"<p><b><i>KADUGLI, Sudan</b></i>", 1)  # broken nesting
    body = body.replace(b"\n  </div>", b'\n<div class="ad"><span>\x00\x9d\xff\xfe\xc3\x28 ad\n', 1)  # garbage
    data = data[:body_start] + body + data[body_end:]
    data = data.replace(b"<title>", b"<title>\x81\x8d ", 1)
    data = data.replace(b'<div id="comments"', b'<table><tr><td>\xe2\x80<font color=red>\n<div id="comments"', 1)
    return data.replace(b"</body>\n</html>\n", b"</div></span></td>\xe9\xe9\n")


# --- feeds and listings --------------------------------------------------------------------------------


def site_url(article: Article) -> str:
    return f"{PLACEHOLDER}/{article.site_file}"


def rss_item(title: str, published: datetime, description: str, guid: str, link: str = "", **extra: str) -> str:
    """One RSS 2.0 ``<item>``; ``extra`` adds elements such as ``dc:creator`` or ``category``."""
    permalink = "true" if guid == link else "false"
    lines = [f"   <title>{xml_escape(title)}</title>"]
    if link:
        lines.append(f"   <link>{xml_escape(link)}</link>")
    lines.append(f'   <guid isPermaLink="{permalink}">{xml_escape(guid)}</guid>')
    lines.append(f"   <pubDate>{format_datetime(published)}</pubDate>")
    lines.extend(f"   <{tag}>{xml_escape(value)}</{tag}>" for tag, value in extra.items())
    lines.append(f"   <description>{xml_escape(description)}</description>")
    return "  <item>\n" + "\n".join(lines) + "\n  </item>"


def rss(articles: list[Article]) -> str:
    dated = [
        (
            a.published,
            rss_item(
                a.title,
                a.published,
                a.lead or a.paragraphs[0][:200],
                guid=f"levantledger-{hashlib.sha1(a.path.encode()).hexdigest()[:10]}",
                link=site_url(a) + a.tracking_query,
                **{"dc:creator": ", ".join(a.authors), "category": a.section},
            ),
        )
        for a in articles
    ]
    for item in BROKEN_FEED_ITEMS:
        published = datetime.fromisoformat(item["published"])
        link = item["url"] or ""
        guid = item["url"] or f"levantledger-{item['id']}"
        dated.append((published, rss_item(item["title"], published, item["description"], guid=guid, link=link)))
    items = [xml for _, xml in sorted(dated, key=lambda pair: pair[0], reverse=True)]
    newest = max(a.modified or a.published for a in articles)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">\n'
        " <channel>\n"
        "  <title>Levant Ledger - News</title>\n"
        f"  <link>{PLACEHOLDER}/levant-ledger/</link>\n"
        f'  <atom:link href="{PLACEHOLDER}/rss.xml" rel="self" type="application/rss+xml"/>\n'
        "  <description>Latest news from Syria, Iraq, Lebanon, Palestine and Yemen.</description>\n"
        "  <language>en-gb</language>\n"
        f"  <lastBuildDate>{format_datetime(newest)}</lastBuildDate>\n"
        "  <ttl>60</ttl>\n" + "\n".join(items) + "\n </channel>\n</rss>\n"
    )


def atom(articles: list[Article]) -> str:
    entries = []
    for a in sorted(articles, key=lambda a: a.published, reverse=True):
        updated = (a.modified or a.published).isoformat()
        entries.append(
            f' <entry xml:lang="{a.language}">\n'
            f"  <id>tag:{a.outlet.host},{a.published.date().isoformat()}:/{a.path}</id>\n"
            f"  <title>{xml_escape(a.title)}</title>\n"
            f'  <link rel="alternate" type="text/html" href="{xml_escape(site_url(a))}"/>\n'
            f"  <published>{a.published.isoformat()}</published>\n"
            f"  <updated>{updated}</updated>\n"
            + "".join(f"  <author><name>{xml_escape(name)}</name></author>\n" for name in a.authors)
            + f'  <category term="{xml_escape(a.section)}"/>\n'
            f"  <summary>{xml_escape(a.lead or a.paragraphs[0][:200])}</summary>\n"
            " </entry>"
        )
    newest = max(a.modified or a.published for a in articles)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">\n'
        " <title>Sahel Monitor</title>\n"
        " <subtitle>Sécurité, politique et humanitaire au Sahel / Security, politics and aid in the Sahel</subtitle>\n"
        f' <link rel="self" href="{PLACEHOLDER}/atom.xml"/>\n'
        f' <link rel="alternate" href="{PLACEHOLDER}/sahel-monitor/"/>\n'
        " <id>tag:www.sahelmonitor.example,2020:feed</id>\n"
        f" <updated>{newest.isoformat()}</updated>\n" + "\n".join(entries) + "\n</feed>\n"
    )


def sitemaps(articles: list[Article]) -> tuple[str, str]:
    newest = max(a.modified or a.published for a in articles)
    index = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f" <sitemap>\n  <loc>{PLACEHOLDER}/sitemap-news.xml</loc>\n"
        f"  <lastmod>{newest.isoformat()}</lastmod>\n </sitemap>\n"
        "</sitemapindex>\n"
    )
    urls = "\n".join(
        " <url>\n"
        f"  <loc>{xml_escape(site_url(a))}</loc>\n"
        f"  <lastmod>{(a.modified or a.published).isoformat()}</lastmod>\n"
        "  <news:news>\n"
        "   <news:publication>\n"
        f"    <news:name>{xml_escape(a.outlet.name)}</news:name>\n"
        f"    <news:language>{a.language}</news:language>\n"
        "   </news:publication>\n"
        f"   <news:publication_date>{a.published.isoformat()}</news:publication_date>\n"
        f"   <news:title>{xml_escape(a.title)}</news:title>\n"
        "  </news:news>\n"
        " </url>"
        for a in sorted(articles, key=lambda a: a.published, reverse=True)
    )
    news = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"\n'
        '        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n' + urls + "\n</urlset>\n"
    )
    return index, news


def listing_page(articles: list[Article]) -> str:
    """Frontline Dispatch's home page: article links are ``div.frontpage a.headline``."""
    stories = []
    for i, a in enumerate(sorted(articles, key=lambda a: a.published, reverse=True)):
        # One absolute link (placeholder) among root-relative ones, so both resolve paths are exercised.
        href = site_url(a) if i == 1 else f"/{a.site_file}"
        stories.append(
            f'<div class="story"><a class="headline" href="{esc(href)}">{text(a.title)}</a>\n'
            f'<p class="teaser">{text(a.paragraphs[0][:150])}...</p>'
            f' <a class="more" href="{esc(href)}">Read more</a></div>'
        )
    template = Template((CONTENT / "templates" / "frontline-index.html").read_text(encoding="utf-8"))
    return template.substitute(stories="\n".join(stories))


ROBOTS = "User-agent: *\nDisallow: /private/\nAllow: /\n"

# Feed items that do not lead to an article: the pipeline must record them and carry on.
BROKEN_FEED_ITEMS = [
    {
        "id": "rss-item-without-link",
        "title": "LIVE: Idlib and Hama under heavy bombardment",
        "url": None,
        "published": "2017-02-15T08:00:00+02:00",
        "description": "Follow our live coverage of the fighting in Idlib and Hama.",
        "problem": "RSS item with a title and guid (isPermaLink=false) but no link",
    },
    {
        "id": "rss-item-404",
        "title": "Car bomb in Azaz kills 43, monitor says",
        "url": f"{PLACEHOLDER}/levant-ledger/2017/01/07/car-bomb-in-azaz-kills-43.html",
        "published": "2017-01-07T12:30:00+02:00",
        "description": "This story has been withdrawn.",
        "problem": "RSS item whose link points to a page that does not exist on the site (HTTP 404)",
    },
]


# --- WARC ----------------------------------------------------------------------------------------------


def warc_id(*parts: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(UUID_NAMESPACE, '|'.join(parts))}>"


def write_warc(pages: list[tuple[Article, str, bytes]]) -> None:
    """Write the WARC: warcinfo, then per page a request and a response; one http->https redirect."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    info = writer.create_warcinfo_record(
        WARC_PATH.name,
        {
            "software": "conflictwire build_samples.py (warcio)",
            "format": "WARC File Format 1.0",
            "isPartOf": "CC-NEWS-SAMPLE",
            "description": "Fictional news pages written for conflictwire, laid out like a CC-NEWS crawl",
            "operator": "conflictwire maintainers",
        },
    )
    info.rec_headers.replace_header("WARC-Record-ID", warc_id("warcinfo"))
    info.rec_headers.replace_header("WARC-Date", "2025-03-01T00:00:00Z")
    writer.write_record(info)
    for article, url, body in pages:
        fetched = (article.published + timedelta(minutes=17)).astimezone(UTC)
        if article.tracking_query:
            plain = url.replace("https://", "http://").removesuffix(article.tracking_query)
            write_exchange(writer, plain, fetched - timedelta(seconds=3), 301, b"", {"Location": url})
        content_type = "text/html" if article.language == "ar" else "text/html; charset=UTF-8"
        write_exchange(writer, url, fetched, 200, body, {"Content-Type": content_type})
    WARC_PATH.write_bytes(buffer.getvalue())


def write_exchange(writer: WARCWriter, url: str, fetched: datetime, status: int, body: bytes, extra: dict) -> None:
    date = fetched.strftime("%Y-%m-%dT%H:%M:%SZ")
    host = url.split("/")[2]
    target = "/" + url.split("/", 3)[3]
    request_headers = StatusAndHeaders(
        f"GET {target} HTTP/1.1",
        [
            ("Host", host),
            ("User-Agent", WARC_USER_AGENT),
            ("Accept", "text/html,*/*;q=0.8"),
            ("Accept-Encoding", "identity"),
        ],
        is_http_request=True,
    )
    response_id = warc_id("response", url, date)
    request = writer.create_warc_record(
        url,
        "request",
        payload=io.BytesIO(b""),
        http_headers=request_headers,
        warc_headers_dict={
            "WARC-Record-ID": warc_id("request", url, date),
            "WARC-Date": date,
            "WARC-Concurrent-To": response_id,
        },
    )
    reason = {200: "OK", 301: "Moved Permanently"}[status]
    response_headers = StatusAndHeaders(
        f"{status} {reason}",
        [
            ("Date", format_datetime(fetched, usegmt=True)),
            ("Server", "nginx"),
            *extra.items(),
            ("Content-Length", str(len(body))),
        ],
        protocol="HTTP/1.1",
    )
    response = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        http_headers=response_headers,
        warc_headers_dict={"WARC-Record-ID": response_id, "WARC-Date": date, "WARC-IP-Address": "192.0.2.10"},
    )
    writer.write_record(request)
    writer.write_record(response)


# --- manifest and main ---------------------------------------------------------------------------------


def date_source(article: Article) -> str:
    """Where a parser can find the publication time on this page."""
    style = article.style or article.outlet.style
    if style == "jsonld":
        return "json-ld"
    if style == "og":
        return "meta"
    template = (CONTENT / "templates" / article.outlet.template).read_text(encoding="utf-8")
    return "time-element" if "<time datetime" in template else "text"


def manifest_entry(article: Article, sightings: list[dict]) -> dict:
    paragraphs = article.paragraphs
    return {
        "id": article.id,
        "source": [s["source"] for s in sightings],
        "path": sightings[0]["path"],
        "url": sightings[0]["url"],
        "sightings": sightings,
        "canonical_url": article.canonical_url or sightings[0]["url"].removesuffix(article.tracking_query),
        "outlet": article.outlet.name,
        "title": article.title,
        "published": article.published.isoformat(),
        "modified": article.modified.isoformat() if article.modified else None,
        "date_source": date_source(article),
        "authors": list(article.authors),
        "language": article.language,
        "declared_language": article.declare_language,
        "encoding": article.encoding,
        "section": article.section,
        "lead": article.lead or None,
        "first_paragraph": paragraphs[0] if paragraphs else None,
        "last_paragraph": paragraphs[-1] if paragraphs else None,
        "paragraph_count": len(paragraphs),
        "boilerplate_sentences": list(article.outlet.boilerplate),
        "roles": list(article.roles),
        "country": article.country,
    }


def broken_item_entry(item: dict) -> dict:
    return {
        "id": item["id"],
        "source": ["levant-ledger-rss"],
        "path": None,
        "url": item["url"],
        "sightings": [],
        "canonical_url": None,
        "outlet": "Levant Ledger",
        "title": item["title"],
        "published": item["published"],
        "problem": item["problem"],
        "roles": ["broken-feed-item"],
        "country": "SY",
    }


def write(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)


def main() -> None:
    articles = load_articles(load_outlets())
    shutil.rmtree(SITE, ignore_errors=True)
    shutil.rmtree(DIRECTORY, ignore_errors=True)
    entries: list[dict] = []
    directory_index: dict[str, str] = {}
    warc_pages: list[tuple[Article, str, bytes]] = []
    by_source: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        if article.kind == "tag-page":
            listed = [a for a in articles if a.outlet == article.outlet and a.country == "SY" and a.kind == "article"]
            page = render_tag_page(article, sorted(listed, key=lambda a: a.published, reverse=True))
        else:
            page = render_article(article)
        data = encode(article, page)
        sightings = []
        for placement in article.placements:
            if placement == "site":
                source = article.outlet.site_source
                write(SITE / article.site_file, data)
                by_source[source].append(article)
                sightings.append(
                    {
                        "source": source,
                        "path": f"site/{article.site_file}",
                        "url": site_url(article) + article.tracking_query,
                    }
                )
            elif placement == "directory":
                write(DIRECTORY / article.directory_file, gzip.compress(data, mtime=0) if article.gzip else data)
                directory_index[article.directory_file] = article.public_url
                sightings.append(
                    {
                        "source": DIRECTORY_SOURCE,
                        "path": f"directory/{article.directory_file}",
                        "url": article.public_url,
                    }
                )
            else:
                url = article.public_url + article.tracking_query
                warc_pages.append((article, url, data))
                sightings.append({"source": WARC_SOURCE, "path": WARC_PATH.name, "url": url})
        entries.append(manifest_entry(article, sightings))
    entries.extend(broken_item_entry(item) for item in BROKEN_FEED_ITEMS)

    write(SITE / "robots.txt", ROBOTS)
    write(SITE / "rss.xml", rss(by_source["levant-ledger-rss"]))
    write(SITE / "atom.xml", atom(by_source["sahel-monitor-atom"]))
    index, news = sitemaps(by_source["wire-sitemap"])
    write(SITE / "sitemap.xml", index)
    write(SITE / "sitemap-news.xml", news)
    write(SITE / "index.html", listing_page(by_source["frontline-page"]))
    write(DIRECTORY / "index.json", json.dumps(dict(sorted(directory_index.items())), indent=1) + "\n")
    write_warc(warc_pages)
    manifest = {
        "about": "Truth for the bundled samples; regenerate with python flows/samples/build_samples.py",
        "placeholder": PLACEHOLDER,
        "entries": entries,
    }
    write(MANIFEST_PATH, json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")


if __name__ == "__main__":
    main()
