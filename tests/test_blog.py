"""The blog builds with MkDocs Material and every post renders, with its figures, in headless Debian Chromium."""
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("blog", ROOT / "scripts" / "blog.py")
blog = importlib.util.module_from_spec(spec); spec.loader.exec_module(blog)


def test_every_post_renders_with_its_figures(tmp_path):
    site = blog.build(tmp_path / "site")
    res = blog.check_site(site, screenshot=tmp_path / "shot.png")
    assert len(res) >= 4
    for slug, r in res.items():
        assert r["title"].startswith("Part "), (slug, r["title"])
        assert r["images"] and all(ok and w > 0 for _, ok, w in r["images"]), (slug, r["images"])
    assert any(r["tables"] for r in res.values())
    assert (tmp_path / "shot.png").stat().st_size > 10_000
