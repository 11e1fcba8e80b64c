"""MkDocs hook: publish the repository's figures/ (written by the report stage) as figures/ in the site,
so the posts can show them without a second copy in the blog's docs folder."""
from pathlib import Path
from mkdocs.structure.files import File

FIGURES = Path(__file__).resolve().parent.parent / "figures"


def on_files(files, config):
    for p in sorted(FIGURES.glob("*.png")):
        files.append(File(f"figures/{p.name}", str(FIGURES.parent), config["site_dir"], config["use_directory_urls"]))
    return files
