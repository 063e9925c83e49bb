"""The report page in a real browser: headless Chromium runs its script, with no console message, and
renders the main tables with rows; a screenshot is kept in the test's temporary folder.

Chromium is the Debian package `chromium` (.ci/run installs it); without it
the test is skipped.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from newsan.report import report_articles
from newsan.report.page import render_page

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
MAIN_TABLES = ("people-table", "organizations-table", "experts-table", "cooccurrence-table", "entities-table",
               "outlet-table", "month-table")


def _browser() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("headless Chromium not installed: apt-get install chromium")


def _quote(i):
    return {"text": f"هذا تصريح رقم {i} عن الاقتصاد والسياسة", "kind": "direct", "cue": "قال", "start": 5, "end": 40}


def _articles():
    people = [("فلاديمير بوتين", "الرئيس الروسي", None, "official", "male"),
              ("سارة الحسيني", "الباحثة", "مركز كارنيغي للشرق الأوسط", "expert", "female"),
              ("عمر عدلي", "الخبير", "مركز الأهرام", "expert", "male"),
              ("وزارة الخارجية", None, None, "institution", None)]
    for n in range(12):
        outlet = ("BBC", "CNN", "France 24")[n % 3]
        name, title, organization, role, gender = people[n % len(people)]
        yield {"path": f"archive/{outlet.lower()}.sgml.gz#DOC-{n}", "metadata": {
                   "outlet": outlet, "date": f"Sun, {n + 1} {('Feb', 'Mar')[n % 2]} 2018 10:00:00 GMT"},
               "entities": [{"text": text, "type": kind, "count": 2, "mentions": [{"text": text, "start": 0, "end": 3}]}
                            for text, kind in ((name, "ORG" if role == "institution" else "PER"), ("موسكو", "LOC"),
                                               ("الأمم المتحدة", "ORG"), ("باريس" if n % 2 else "القاهرة", "LOC"))],
               "speakers": [{"name": name, "title": title, "organization": organization, "role": role,
                             "gender": gender, "mentions": [name], "quotes": [_quote(i) for i in range(n % 3 + 1)]},
                            {"name": None, "title": "مصادر", "organization": None, "role": "other", "gender": None,
                             "mentions": [], "quotes": [_quote(9)]}]}


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render_page(report_articles(_articles()), link_base=str(path.parent)), encoding="utf-8")
    return path


def _chromium(page: Path, *args: str, fragment: str = "") -> subprocess.CompletedProcess:
    profile = page.parent / f"profile{len(list(page.parent.glob('profile*')))}"  # its own, parallel runs apart
    return subprocess.run([_browser(), "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                           f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *args,
                           page.as_uri() + fragment], capture_output=True, text=True, timeout=180)


def _rows(dom: str) -> dict[str, int]:
    return {name: int(count) for name, count in re.findall(r'<table id="([\w-]+)" class="data" data-rows="(\d+)"', dom)}


def test_the_page_renders_its_tables_and_its_script_runs_cleanly(page):
    run = _chromium(page, "--dump-dom")
    assert run.returncode == 0, run.stderr[-2000:]
    console = [line for line in run.stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]
    assert console == []
    assert re.search(r'<html lang="ar" dir="rtl" data-ready="[1-9]\d*"', run.stdout), run.stdout[:300]
    rows = _rows(run.stdout)
    assert all(rows.get(table, 0) > 0 for table in MAIN_TABLES), rows
    assert rows["people-table"] == 3 and rows["outlet-table"] == 3 and rows["month-table"] == 2
    assert run.stdout.count('<svg class="bar"') >= 12 and '<svg class="network"' in run.stdout


def test_a_link_with_a_query_opens_filtered(page):
    run = _chromium(page, "--dump-dom", fragment="#q=بوتين")
    assert run.returncode == 0, run.stderr[-2000:]
    assert _rows(run.stdout)["people-table"] == 1 and _rows(run.stdout)["experts-table"] == 0


def test_a_screenshot(page):
    shot = page.parent / "report.png"
    run = _chromium(page, f"--screenshot={shot}", "--window-size=1280,2200")
    assert run.returncode == 0, run.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000
