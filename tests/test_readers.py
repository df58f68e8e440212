"""Input formats: HTML pages and folders, RSS/Atom feeds, CSV/TSV, gzip, encodings.

Every file here is written for these tests (tests/data/formats/ or tmp_path). Tests marked
`model` check that events come out of what the readers give the pipeline.
"""

from __future__ import annotations

import gzip
import io
import json
import shutil
from pathlib import Path

import pytest

from blocs.documents import ReadError, read
from blocs.readers import read_options
from blocs.readers.encoding import decode
from blocs.types import Document

DATA = Path(__file__).resolve().parent / "data" / "formats"
PAGE = DATA / "news-page.html"
FEED = DATA / "world-desk.rss"

BOILERPLATE = ("cookie", "Accept all", "Subscribe", "Search the Ledger", "Advertisement",
               "Share on X", "Related stories", "Drone smuggling rises", "Tags:",
               "Sign up", "inbox", "Comments (3)", "reader42", "All rights reserved",
               "Privacy policy", "dataLayer", "Home")


def split(items):
    items = list(items)
    return ([i for i in items if isinstance(i, Document)],
            [i for i in items if isinstance(i, ReadError)])


def page(title: str, body: list[str], *, date: str | None = None, site: str = "Test Wire",
         extra: str = "") -> str:
    """A small but real-shaped news page: head metadata, nav, article, footer."""
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    paragraphs = "\n".join(f"<p>{p}</p>" for p in body)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | {site}</title><meta property="og:title" content="{title}">
<meta property="og:site_name" content="{site}">{meta}</head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a>
<a href="/sport">Sport</a></nav></header>
<main><article><h1>{title}</h1>{paragraphs}</article>{extra}</main>
<footer><p>Copyright Test Wire. All rights reserved.</p><a href="/terms">Terms</a></footer>
</body></html>"""


# --- HTML -----------------------------------------------------------------------------

def test_html_page_main_text_title_date_source():
    docs, errors = split(read([str(PAGE)]))
    assert not errors and len(docs) == 1
    doc = docs[0]
    assert doc.id == "news-page"
    assert doc.title == "Jordan and Egypt hold border security talks in Amman"
    assert doc.text.startswith(doc.title + "\n\nAMMAN - Jordanian and Egyptian defence")
    assert doc.published == "2024-05-14"
    assert doc.source == "The Levant Ledger"
    assert doc.url == "https://levant-ledger.example/world/2024/05/14/jordan-egypt-border-talks"
    assert doc.meta["author"] == "Rana Haddad"
    for junk in BOILERPLATE:
        assert junk not in doc.text, junk
    assert doc.text.count("\n\n") == 4  # title + four paragraphs, apart
    assert "sign the agreement" in doc.text


def test_html_folder_gzip_undated_and_empty_pages(tmp_path):
    folder = tmp_path / "pages"
    (folder / "2024").mkdir(parents=True)
    shutil.copy(PAGE, folder / "a-levant.html")
    (folder / "2024" / "b-undated.htm").write_text(page(
        "Chile and Peru sign fishing accord",
        ["Chilean and Peruvian ministers signed a fishing accord in Lima on Friday.",
         "The accord sets new quotas for anchovy boats working near the maritime border."]),
        encoding="utf-8")
    (folder / "2024" / "c-dated.html.gz").write_bytes(gzip.compress(page(
        "Ghana recalls envoy", ["Ghana recalled its ambassador to Burkina Faso on Monday."],
        date="2024-02-12T08:00:00Z").encode("utf-8")))
    (folder / "d-empty.html").write_text("<html><body><nav>Home</nav></body></html>",
                                         encoding="utf-8")
    (folder / "notes.md").write_text("not read", encoding="utf-8")
    for sub in ("x", "y"):  # saved sites: index.html everywhere; ids must differ
        (folder / sub).mkdir()
        (folder / sub / "index.html").write_text(page(f"Story {sub}", [
            f"Ghana and Togo held talks on trade in Accra on Monday, case {sub}."]),
            encoding="utf-8")
    docs, errors = split(read([str(folder)], published="2024-03-01"))
    assert [d.id for d in docs] == ["b-undated", "c-dated", "a-levant", "x/index",
                                    "y/index"]  # sorted paths
    by_id = {d.id: d for d in docs}
    assert by_id["b-undated"].published == "2024-03-01"  # no date on the page: --published
    assert by_id["c-dated"].published == "2024-02-12"  # the page's own date wins
    assert by_id["b-undated"].title == "Chile and Peru sign fishing accord"
    assert by_id["b-undated"].source == "Test Wire" and "Terms" not in by_id["b-undated"].text
    assert len(errors) == 1 and "no article text" in errors[0].error
    assert errors[0].source.endswith("d-empty.html")


def test_html_latin1_page_declared_charset(tmp_path):
    html = page("Talks in Bogotá", ["Colombia and Ecuador held talks in Bogotá on Tuesday, "
                                    "said the ministry’s spokesman José Núñez."])
    html = html.replace('charset="utf-8"', 'charset="windows-1252"')
    p = tmp_path / "bogota.html"
    p.write_bytes(html.encode("cp1252"))
    docs, errors = split(read([str(p)]))
    assert not errors
    assert docs[0].title == "Talks in Bogotá" and "José Núñez" in docs[0].text
    assert "ministry’s" in docs[0].text


@pytest.mark.model
def test_html_events_come_out(nlp):
    import blocs

    docs, _ = split(read([str(PAGE)]))
    events = blocs.code(docs, nlp=nlp)
    assert events and all(e["doc_id"] == "news-page" for e in events)
    consult = [e for e in events if e["event"] == "CONSULT"]
    assert consult, [e["event"] for e in events]
    countries = {p["country"] for e in consult for p in e["actor"] + e["recipient"]}
    assert {"JOR", "EGY"} <= countries
    text = docs[0].text
    for e in events:
        assert text[e["trigger"]["start"]:e["trigger"]["end"]] == e["trigger"]["text"]
    assert any(e["date"] == "2024-05-14" for e in consult)  # "on Tuesday" from the page date


# --- feeds ------------------------------------------------------------------------------

def test_rss_feed_twenty_entries():
    docs, errors = split(read([str(FEED)]))
    assert not errors and len(docs) == 20
    assert [d.id for d in docs][:2] == ["worlddesk-2024-05-01", "worlddesk-2024-05-02"]
    assert len({d.id for d in docs}) == 20
    first = docs[0]
    assert first.title == "Turkey and Iraq agree to reopen border crossing"
    assert first.text.startswith(first.title + "\n\nTurkish and Iraqi officials agreed")
    assert "Read more" not in first.text and "<p>" not in first.text
    assert first.published == "2024-05-06T08:15:00+03:00"
    assert first.url == "https://worlddesk.example/2024/05/item-01"
    assert {d.source for d in docs} == {"World Desk Briefing"}
    # each entry keeps its own local date (a -04:00 evening stays on its day)
    assert [d.published[:10] for d in docs][13] == "2024-05-19"
    assert [d.published[:10] for d in docs] == sorted(d.published[:10] for d in docs)
    assert all(d.meta["tags"] == ["World"] for d in docs)


ATOM = """<?xml version="1.0" encoding="{enc}"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Andes Notes</title>
  <id>urn:test:andes</id>
  <updated>2024-04-02T10:00:00Z</updated>
  <entry>
    <title>Peru and Bolivia hold talks in La Paz</title>
    <id>urn:test:andes:1</id>
    <link href="https://andes.example/1"/>
    <published>2024-04-01T21:30:00-04:00</published>
    <updated>2024-04-02T09:00:00Z</updated>
    <content type="html">&lt;p&gt;Peruvian and Bolivian officials met in La Paz on Monday to
      discuss the lithium trade near Potosí.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Quito hosts river commission</title>
    <id>urn:test:andes:2</id>
    <updated>2024-04-02T08:00:00+00:00</updated>
    <summary>Ecuador hosted Colombia's river commission in Quito on Tuesday.</summary>
  </entry>
</feed>
"""


def test_atom_feed_dates_and_declared_encoding_wrong(tmp_path):
    good = tmp_path / "andes.atom"
    good.write_text(ATOM.format(enc="utf-8"), encoding="utf-8")
    # says UTF-8, is Windows-1252: decoded anyway
    wrong = tmp_path / "andes-wrong.xml"
    wrong.write_bytes(ATOM.format(enc="utf-8").encode("cp1252"))
    for path in (good, wrong):
        docs, errors = split(read([str(path)]))
        assert not errors and [d.id for d in docs] == ["urn:test:andes:1", "urn:test:andes:2"]
        assert docs[0].published == "2024-04-01T21:30:00-04:00"  # published, not updated
        assert docs[1].published == "2024-04-02T08:00:00+00:00"  # updated when no published
        assert "Potosí" in docs[0].text and docs[0].source == "Andes Notes"
        assert docs[1].text == ("Quito hosts river commission\n\nEcuador hosted Colombia's "
                                "river commission in Quito on Tuesday.")


def test_not_a_feed_and_empty_feed(tmp_path):
    bad = tmp_path / "broken.rss"
    bad.write_text("<rss><channel><title>x</title><item><title>unclosed", encoding="utf-8")
    empty = tmp_path / "empty.rss"
    empty.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title>'
                     "</channel></rss>", encoding="utf-8")
    sitemap = tmp_path / "dir" / "sitemap.xml"
    sitemap.parent.mkdir()
    sitemap.write_text('<?xml version="1.0"?><urlset><url><loc>x</loc></url></urlset>')
    docs, errors = split(read([str(bad), str(empty), str(sitemap.parent)]))
    assert not docs and len(errors) == 2  # the sitemap in a folder is not picked up
    assert "feed has no entries" in errors[1].error


@pytest.mark.model
def test_feed_events_come_out(nlp):
    import blocs

    docs, _ = split(read([str(FEED)]))
    events = blocs.code(docs, nlp=nlp)
    with_events = {e["doc_id"] for e in events}
    assert len(with_events) >= 15, sorted(with_events)
    types = {e["event"] for e in events}
    assert {"CONSULT", "ASSAULT", "PROTEST", "SANCTION"} <= types, types
    kenya = [e for e in events if e["doc_id"] == "worlddesk-2024-05-02"]
    assert any(e["date"] == "2024-05-07" for e in kenya)  # "on Tuesday", from pubDate


# --- CSV --------------------------------------------------------------------------------

CSV_TEXT = (
    'story_id,headline,body,when,outlet,section\n'
    'n-1,"Talks in Doha","Egypt and Jordan held talks with Qatar in Doha on Monday.\n\n'
    'The ministers discussed Gaza, aid and ""the day after"", officials said.",2024-03-04,'
    'Gulf Wire,world\n'
    'n-2,Sanctions,"The United States imposed sanctions on Iranian officials on Tuesday.",'
    '"Tue, 05 Mar 2024 18:00:00 -0500",US Desk,politics\n'
    'n-3,Rally,"Thousands rallied in Tbilisi, the Georgian capital, on Wednesday.",'
    '6 March 2024,Caucasus Post,world\n'
    'n-4,Empty,"   ",2024-03-07,Nobody,world\n'
    'n-5,Bad date,"Chile recalled its ambassador on Friday.",someday soon,Andes,world\n'
)


def test_csv_quoted_newlines_and_columns(tmp_path):
    p = tmp_path / "wires.csv"
    p.write_text(CSV_TEXT, encoding="utf-8")
    docs, errors = split(read([str(p)], text_column="body", id_column="story_id",
                              date_column="when"))
    assert [d.id for d in docs] == ["n-1", "n-2", "n-3"]
    assert docs[0].text == ('Egypt and Jordan held talks with Qatar in Doha on Monday.\n\n'
                            'The ministers discussed Gaza, aid and "the day after", officials '
                            'said.')
    assert docs[0].title == "Talks in Doha" and docs[0].source == "Gulf Wire"
    assert docs[0].meta == {"section": "world"}
    assert [d.published for d in docs] == ["2024-03-04", "2024-03-05T18:00:00-05:00",
                                           "2024-03-06"]
    assert [(e.source.rsplit(" ", 1)[-1], e.id) for e in errors] == [("4", "n-4"),
                                                                     ("5", "n-5")]
    assert "empty text" in errors[0].error and "not a date" in errors[1].error


def test_csv_defaults_tsv_semicolons_and_missing_column(tmp_path):
    tsv = tmp_path / "a.tsv"
    tsv.write_text("text\tdate\nIndia and Nepal met in Kathmandu.\t2024-01-02\n"
                   "Laos and Vietnam met in Hanoi.\t\n", encoding="utf-8")
    semi = tmp_path / "b.csv"
    semi.write_text("id;content;published\nx1;Kenya and Uganda signed a deal; officials "
                    "said.;2024-02-03\n".replace("deal; officials", "deal, officials"),
                    encoding="utf-8")
    docs, errors = split(read([str(tsv), str(semi)], published="2024-05-05"))
    assert not errors
    assert [(d.id, d.published) for d in docs] == [("a-1", "2024-01-02"), ("a-2", "2024-05-05"),
                                                   ("x1", "2024-02-03")]
    assert docs[2].text == "Kenya and Uganda signed a deal, officials said."
    docs, errors = split(read([str(tsv)], text_column="article"))
    assert not docs and "no column 'article'" in errors[0].error
    nocol = tmp_path / "c.csv"
    nocol.write_text("name,value\na,b\n", encoding="utf-8")
    _, errors = split(read([str(nocol)]))
    assert "--text-column" in errors[0].error


def test_csv_options_from_context(tmp_path):
    p = tmp_path / "w.csv"
    p.write_text("key,story\nk1,Peru and Chile met in Lima.\n", encoding="utf-8")
    with read_options(text_column="story", id_column="key"):
        docs, errors = split(read([str(p)]))
    assert [d.id for d in docs] == ["k1"] and not errors


@pytest.mark.model
def test_csv_events_come_out(nlp, tmp_path):
    import blocs

    p = tmp_path / "wires.csv"
    p.write_text(CSV_TEXT, encoding="utf-8")
    docs, _ = split(read([str(p)], text_column="body", id_column="story_id",
                         date_column="when"))
    events = blocs.code(docs, nlp=nlp)
    by_doc = {}
    for e in events:
        by_doc.setdefault(e["doc_id"], set()).add(e["event"])
    assert "CONSULT" in by_doc["n-1"] and "SANCTION" in by_doc["n-2"], by_doc
    doha = next(e for e in events if e["doc_id"] == "n-1" and e["event"] == "CONSULT")
    assert doha["date"] == "2024-03-04"


# --- gzip, encodings, stdin, URLs ---------------------------------------------------------

def test_gzip_of_every_format(tmp_path):
    files = {
        "story.txt.gz": "Oman mediates\n\nOman hosted talks between Iran and the US.",
        "lines.jsonl.gz": json.dumps({"id": "j1", "text": "Spain and Morocco met."}),
        "table.csv.gz": "id,text\nc1,Norway and Sweden met in Oslo.\n",
        "feed.rss.gz": FEED.read_text(encoding="utf-8"),
        "levant.html.gz": PAGE.read_text(encoding="utf-8"),
    }
    for name, text in files.items():
        (tmp_path / name).write_bytes(gzip.compress(text.encode("utf-8")))
    # gzip magic without the suffix is still gunzipped; a broken gzip is an error
    (tmp_path / "magic.txt").write_bytes(gzip.compress(b"Peru and Chile met in Lima."))
    (tmp_path / "broken.txt.gz").write_bytes(gzip.compress(b"truncated text here")[:15])
    docs, errors = split(read([str(tmp_path)]))
    ids = [d.id for d in docs]
    assert {"c1", "j1", "story", "levant", "magic", "worlddesk-2024-05-20"} <= set(ids)
    assert len(ids) == 5 + 20
    assert next(d for d in docs if d.id == "story").title == "Oman mediates"
    assert next(d for d in docs if d.id == "levant").published == "2024-05-14"
    assert len(errors) == 1 and "gzip" in errors[0].error


def test_latin1_mixed_utf16_and_mojibake_files(tmp_path):
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Bogotá talks\n\nColombia and Venezuela held talks in Bogotá on "
                      "Monday, said José Peña, the ministry’s envoy.".encode("cp1252"))
    mixed = tmp_path / "mixed.txt"
    mixed.write_bytes("Talks in Bogotá; ".encode() + "São Tomé said “no”.".encode(
        "cp1252"))
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes("Zürich hosts Swiss–Iranian talks.".encode("utf-16"))
    moji = tmp_path / "moji.txt"
    moji.write_bytes("SÃ£o TomÃ© and PrÃ\xadncipe signed itâ€™s accord.".encode())
    cyrillic = tmp_path / "cp1251.txt"
    russian = ("Министр иностранных дел России провёл переговоры с коллегой из Ирана в "
               "Москве во вторник.")
    cyrillic.write_bytes(russian.encode("cp1251"))
    docs, errors = split(read([str(p) for p in (latin, mixed, utf16, moji, cyrillic)]))
    assert not errors
    texts = [d.text for d in docs]
    assert texts[0].endswith("said José Peña, the ministry’s envoy.")
    assert docs[0].title == "Bogotá talks"
    assert texts[1] == "Talks in Bogotá; São Tomé said “no”."
    assert texts[2] == "Zürich hosts Swiss–Iranian talks."
    assert texts[3] == "São Tomé and Príncipe signed it’s accord."
    assert texts[4] == russian
    assert decode("plain ascii".encode("ascii")) == "plain ascii"


@pytest.mark.model
def test_latin1_events_come_out(nlp, tmp_path):
    import blocs

    p = tmp_path / "bogota.txt"
    p.write_bytes("Bogotá talks\n\nColombia and Venezuela held talks in Bogotá on Monday, "
                  "said José Peña, the ministry's envoy.".encode("latin-1"))
    docs, errors = split(read([str(p)], published="2024-06-05"))
    assert not errors and "José Peña" in docs[0].text
    events = blocs.code(docs, nlp=nlp)
    consult = [e for e in events if e["event"] == "CONSULT" and e["location"]]
    assert consult and consult[0]["location"]["name"] == "Bogotá"
    assert consult[0]["date"] == "2024-06-03"
    assert {p["country"] for p in consult[0]["actor"] + consult[0]["recipient"]} >= {"COL",
                                                                                      "VEN"}


def test_stdin_html_csv_and_gzip(monkeypatch):
    def stdin(data: bytes):
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))

    stdin(PAGE.read_bytes())
    docs, _ = split(read(["-"]))
    assert docs[0].title.startswith("Jordan and Egypt") and len(docs[0].id) == 16
    stdin(b"id,body\ns1,Ghana and Togo met in Lome.\n")
    docs, _ = split(read(["-"], text_column="body"))
    assert [d.id for d in docs] == ["s1"]
    stdin(gzip.compress(json.dumps({"id": "g1", "text": "Gzipped line."}).encode()))
    docs, _ = split(read(["-"]))
    assert [d.id for d in docs] == ["g1"]


def test_urls_are_not_fetched(tmp_path):
    p = tmp_path / "local feed.rss"
    shutil.copy(FEED, p)
    docs, errors = split(read(["https://worlddesk.example/feed.rss", p.as_uri()]))
    assert len(docs) == 20
    assert len(errors) == 1 and "does not fetch URLs" in errors[0].error
