"""Build the blog with MkDocs Material, serve it on 127.0.0.1 and check it in headless Debian Chromium.

    python scripts/blog.py [--site DIR] [--screenshot blog/screenshot.png]

Builds the site, loads every post in a real browser (Debian `chromium` + `chromium-driver`, driven by Selenium),
checks that each renders its title, its tables and every figure (image loaded, non-zero size), and optionally
saves a screenshot of the first post. Exits 1 with the problems listed when a check fails.
"""
import argparse, contextlib, functools, http.server, shutil, subprocess, sys, threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BLOG = ROOT / "blog"
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


def build(site: Path) -> Path:
    "mkdocs build into `site` (strict: a missing include or link fails the build)."
    mk = Path(sys.executable).parent / "mkdocs"
    r = subprocess.run([str(mk), "build", "--strict", "-q", "-f", str(BLOG / "mkdocs.yml"), "-d", str(Path(site).resolve())],
                       capture_output=True, text=True, cwd=BLOG)          # snippets resolve from the blog folder
    if r.returncode: raise RuntimeError(f"mkdocs build failed:\n{r.stdout}{r.stderr}")
    return site


def posts() -> list[str]:
    "The post slugs, from the front matter of blog/docs/posts/*.md."
    out = []
    for p in sorted((BLOG / "docs" / "posts").glob("*.md")):
        slug = next(l.split(":", 1)[1].strip() for l in p.read_text().splitlines() if l.startswith("slug:"))
        out.append(slug)
    return out


@contextlib.contextmanager
def serve(site: Path):
    "Serve `site` on 127.0.0.1 (a free port) for the duration of the block."
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a: None
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    th = threading.Thread(target=srv.serve_forever, daemon=True); th.start()
    try: yield f"http://127.0.0.1:{srv.server_address[1]}"
    finally: srv.shutdown()


@contextlib.contextmanager
def browser(width: int = 1200, height: int = 1600):
    "Headless Debian Chromium through Selenium and the system chromedriver."
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not Path(p).exists()]
    if missing: raise RuntimeError(f"missing {', '.join(missing)}: apt-get install chromium chromium-driver")
    import tempfile
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    prof = tempfile.mkdtemp()
    o = webdriver.ChromeOptions()
    o.binary_location = CHROMIUM
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--disable-dev-shm-usage", f"--user-data-dir={prof}", f"--window-size={width},{height}"):
        o.add_argument(a)
    d = webdriver.Chrome(service=Service(CHROMEDRIVER), options=o)
    try: yield d
    finally:
        d.quit(); shutil.rmtree(prof, ignore_errors=True)


def check_post(driver, url: str) -> dict:
    "Load one post; report its title, tables and figures (each image's natural size)."
    driver.get(url)
    js = """return {title: (document.querySelector('article h1') || {}).textContent || '',
                    tables: document.querySelectorAll('article table').length,
                    images: Array.from(document.querySelectorAll('article img')).map(i => [i.getAttribute('src'), i.complete, i.naturalWidth])};"""
    import time
    for _ in range(50):                              # wait until every image has finished loading
        r = driver.execute_script(js)
        if all(c for _, c, _ in r["images"]): break
        time.sleep(0.1)
    return r


def check_site(site: Path, screenshot: Path | None = None) -> dict:
    "Every post in the browser; returns {slug: result} and raises with the problems listed."
    results, problems = {}, []
    with serve(site) as base, browser() as d:
        for i, slug in enumerate(posts()):
            r = results[slug] = check_post(d, f"{base}/{slug}.html")
            if not r["title"].strip(): problems.append(f"{slug}: no title")
            if not r["images"]: problems.append(f"{slug}: no figures")
            problems += [f"{slug}: figure {src} did not load" for src, ok, w in r["images"] if not (ok and w > 0)]
            if i == 0 and screenshot:
                screenshot.parent.mkdir(parents=True, exist_ok=True); d.save_screenshot(str(screenshot))
    if problems: raise AssertionError("; ".join(problems))
    return results


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", default=str(ROOT / "runs" / "site"))
    ap.add_argument("--screenshot", help="save a screenshot of the first post here (PNG)")
    a = ap.parse_args(argv)
    try:
        res = check_site(build(Path(a.site)), Path(a.screenshot) if a.screenshot else None)
    except (RuntimeError, AssertionError) as e:
        print(f"blog: {e}", file=sys.stderr); return 1
    for slug, r in res.items(): print(f"{slug}: {r['title'].strip()!r}, {r['tables']} tables, {len(r['images'])} figures")
    return 0


if __name__ == "__main__":
    sys.exit(main())
