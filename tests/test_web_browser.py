"""The search page in a real browser: Debian's Chromium, headless, driven by Playwright.

Covers searching, facets on and off, paging, sorting, both timelines, the article, quotes and
speaker views, the export download, JavaScript turned off, a 375-pixel phone screen, keyboard
use, labels and contrast, the 404 page, and an article full of script that must never run.
Screenshots of the main views go to ``test-artifacts/`` (ignored by git).

Skipped, with the reason, when Playwright's Python package or ``/usr/bin/chromium`` is missing
(``.ci/run`` installs both; no browser is ever downloaded).
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.webserver import web_extra_or_skip

web_extra_or_skip()
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed: pip install '.[test]'"
)
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip(
        "no Chromium at /usr/bin/chromium: install Debian's package (apt-get install chromium)",
        allow_module_level=True,
    )

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, web_server):
    context = browser.new_context(base_url=web_server.url, viewport={"width": 1200, "height": 900})
    dialogs: list[str] = []
    pg = context.new_page()
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs
    yield pg
    context.close()
    assert dialogs == [], "a dialog opened: content ran as script"


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def choose_tag(page, value: str) -> None:
    """Open the tag facet's full list (it shows its top values first) and choose ``value``."""
    facet = page.locator("section[aria-labelledby=facet-tag]")
    facet.locator("summary").click()
    facet.get_by_role("link", name=value, exact=True).click()


def query_of(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def total(page) -> str:
    return page.locator("p.total").inner_text()


def test_search_from_the_box(page):
    page.goto("/")
    page.get_by_label("Search the archive").fill('"death commission"')
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=%22death"))
    assert query_of(page)["q"] == ['"death commission"']
    assert total(page).startswith("2 articles match")
    hits = page.locator("ol.hits > li")
    assert hits.count() == 2
    assert hits.first.locator("mark").count() >= 2
    page.goto("/?q=massacre")
    shot(page, "search")


def test_facet_select_and_deselect(page):
    page.goto("/?q=massacre")
    assert total(page).startswith("4 articles match")
    facet = page.locator("section[aria-labelledby=facet-tag]")
    assert not facet.get_by_role("link", name="HRC40", exact=True).is_visible()  # not a top tag
    choose_tag(page, "HRC40")
    assert query_of(page)["tag"] == ["HRC40"]
    assert total(page).startswith("1 article match")
    chips = page.get_by_role("list", name="Active filters")
    assert "Tag: HRC40" in chips.inner_text()
    page.locator("section[aria-labelledby=facet-org] a").first.click()  # both filters hold
    assert set(query_of(page)) == {"q", "tag", "org"}
    page.get_by_label("Remove filter tag: HRC40").click()
    assert "tag" not in query_of(page)
    page.get_by_role("link", name="Clear all filters").click()
    assert total(page).startswith("4 articles match")


def test_paging(page):
    page.goto("/?limit=2")
    assert page.locator("ol.hits > li").count() == 2
    page.get_by_role("link", name="Next →").click()
    assert query_of(page)["page"] == ["2"]
    assert page.locator(".pages strong[aria-current=page]").inner_text() == "2"
    ranks = page.locator("ol.hits > li").evaluate_all("items => items.map(i => i.value)")
    assert ranks == [3, 4]
    page.get_by_role("link", name="Page 3").click()
    assert page.locator("ol.hits > li").count() == 1


def test_sort(page):
    page.goto("/?q=massacre")
    page.get_by_role("navigation", name="Sort").get_by_role("link", name="Oldest").click()
    assert query_of(page)["sort"] == ["oldest"]
    dates = page.locator("ol.hits time").evaluate_all("ts => ts.map(t => t.dateTime)")
    assert dates == sorted(dates) and len(dates) == 3
    page.get_by_role("navigation", name="Sort").get_by_role("link", name="Newest").click()
    dates = page.locator("ol.hits time").evaluate_all("ts => ts.map(t => t.dateTime)")
    assert dates == sorted(dates, reverse=True)


def test_timeline_bars_narrow_the_search(page):
    page.goto("/?q=massacre")
    bar = page.locator("figure[aria-labelledby=t-published] svg a").first
    label = bar.get_attribute("aria-label")
    assert label == "Dec 2018: 1 articles"
    bar.click()
    assert query_of(page)["since"] == ["2018-12-01"] and query_of(page)["until"] == ["2018-12-31"]
    assert total(page).startswith("1 article match")
    assert "Published from 2018-12-01 until 2018-12-31" in page.locator(".chips").inner_text()
    page.goto("/?q=massacre")
    mentioned = page.locator("figure[aria-labelledby=t-mentioned] svg a").first
    assert mentioned.get_attribute("aria-label") == "1988: 4 articles"
    mentioned.click()
    assert query_of(page)["q"] == ["massacre +mentioned:1988"]
    assert total(page).startswith("4 articles match")


def test_article_view(page):
    page.goto("/?q=Luther")
    page.locator("ol.hits h3 a").first.click()
    assert "/articles/" in page.url and "q=Luther" in page.url
    assert page.locator(".body mark").count() >= 1
    assert page.locator(".body .quote").count() >= 1
    speakers = page.locator(".body a.said-by").all_inner_texts()
    assert "Philip Luther" in speakers
    facts = page.locator("dl.facts").inner_text()
    assert "Found in" in facts and "amnesty-1988-tag-archive.txt" in facts
    assert page.locator(".similar li").count() >= 1
    shot(page, "article")


def test_quotes_view(page):
    page.goto("/?q=tribunal")
    page.get_by_role("link", name="Who said it?").click()
    assert urlsplit(page.url).path == "/quotes"
    groups = page.locator("section.speaker-group h2 a").all_inner_texts()
    assert {"Kristy Brimelow", "Mallory Hacker"} <= set(groups)
    citation = page.locator("textarea").first.input_value()
    assert citation.startswith(groups[0] + ": “") and " In “" in citation
    assert page.locator("figure.quote blockquote mark").count() >= 1
    shot(page, "quotes")


def test_speaker_page(page):
    page.goto("/?q=massacre")
    page.locator("p.speakers a", has_text="Philip Luther").first.click()
    assert urlsplit(page.url).path == "/speakers/Philip%20Luther"
    assert page.locator("h1").inner_text() == "Philip Luther"
    assert page.locator("figure.quote").count() >= 1
    assert page.locator("#sp-tags ~ ul li").count() >= 1
    assert "Philip Luther" not in page.locator("#sp-along ~ ul").inner_text()
    shot(page, "speaker")


def test_export_download(page):
    page.goto("/?q=massacre")
    with page.expect_download() as download:
        page.locator("p.actions a", has_text="CSV").first.click()
    path = download.value.path()
    assert download.value.suggested_filename == "dossier-massacre.csv"
    rows = list(csv.DictReader(io.StringIO(Path(path).read_text(encoding="utf-8"))))
    assert len(rows) == 4 and all(r["passages"] for r in rows)


def test_everything_works_with_javascript_turned_off(browser, web_server):
    context = browser.new_context(base_url=web_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/")
    page.get_by_label("Search the archive").fill("massacre")
    page.get_by_role("button", name="Search").click()
    assert total(page).startswith("4 articles match")
    choose_tag(page, "HRC40")
    assert total(page).startswith("1 article match")
    page.locator("summary", has_text="Query syntax").click()  # <details> opens without script
    assert page.get_by_role("table").first.is_visible()
    page.goto("/?limit=2")
    page.get_by_role("link", name="Next →").click()
    assert query_of(page)["page"] == ["2"]
    context.close()


def test_phone_screen_of_375_pixels(browser, web_server):
    context = browser.new_context(
        base_url=web_server.url, viewport={"width": 375, "height": 800}, is_mobile=True
    )
    page = context.new_page()
    for path in ("/?q=massacre", "/articles/8a4024199a987dfd?q=massacre", "/quotes?q=tribunal"):
        page.goto(path)
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= 375, (path, overflow)
    page.goto("/?q=massacre")
    box = page.get_by_label("Search the archive").bounding_box()
    assert box is not None and box["width"] > 200
    results = page.locator("ol.hits").bounding_box()
    facets = page.locator("aside.facets").bounding_box()
    assert results["y"] < facets["y"]  # results first, facets below them
    shot(page, "phone")
    context.close()


def test_keyboard_reaches_search_and_facets(page):
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "q":
            break
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type("massacre")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("q=massacre"))
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('aside') !== null"):
            break
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert set(query_of(page)) == {"q", "tag"}  # the facet value chosen by keyboard


LABELS = """() => [...document.querySelectorAll('input:not([type=hidden]), textarea, select')]
  .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
  .map(e => e.outerHTML)"""

CONTRAST = """(selectors) => {
  const rgb = c => c.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = el => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length < 4 || c[3] > 0) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const out = {};
  for (const s of selectors) {
    const el = document.querySelector(s);
    if (!el) { out[s] = null; continue; }
    const a = lum(rgb(getComputedStyle(el).color)), b = lum(background(el));
    out[s] = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  }
  return out;
}"""


def test_controls_are_labelled_and_text_has_enough_contrast(page):
    for path in ("/?q=massacre", "/quotes?q=tribunal", "/speakers/Philip%20Luther"):
        page.goto(path)
        assert page.evaluate(LABELS) == [], path
    page.goto("/?q=massacre&tag=MEK")
    selectors = ["main p.total", "ol.hits h3 a", ".meta", "mark", ".count", "button",
                 ".chip span", ".hint", ".facet a", ".axis-labels span", ".bottom p"]
    ratios = page.evaluate(CONTRAST, selectors)
    for selector, ratio in ratios.items():
        assert ratio is not None and ratio >= 4.5, (selector, ratio)


def test_unknown_article_gets_the_404_page(page):
    response = page.goto("/articles/0000000000000000")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Not found"
    assert page.get_by_role("link", name="Go to the search page").count() == 1


def test_hostile_article_never_runs(page):
    page.on("console", lambda m: page.dialogs.append(m.text) if "alert" in m.text else None)
    for path in ("/?q=tribunal", "/?q=hostile", "/articles/hostile-1?q=tribunal",
                 "/quotes?q=tribunal", "/speakers/Mallory%20Hacker", "/?tag=Hostile"):
        page.goto(path)
        assert page.evaluate("document.scripts.length") == 0, path
        assert page.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0
        hrefs = page.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href') || '')")
        assert not [h for h in hrefs if h.lower().startswith("javascript:")], path
    page.goto("/articles/hostile-1")
    title = page.locator("h1").inner_text()
    assert "<script>alert('title')</script>" in title  # shown as text, not run
    assert "<script>alert('tag')</script>" in page.locator("dl.facts").inner_text()
    assert "javascript:alert('url')" in page.locator("dl.facts").inner_text()
    page.goto("/?q=hostile")
    for link in page.locator("ol.hits a").all():  # follow every link the hit offers
        href = link.get_attribute("href")
        page.goto(href) if href and href.startswith("/") else None
        page.go_back()
    shot(page, "hostile")
