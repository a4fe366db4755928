"""Re-execute the lessons when the package, the data or the question banks change.

Jupyter Book's execution cache keys each notebook on its own code only, so a change to
``labour_migration/`` or ``data/`` would leave the built pages with old charts, saved
explorer views and quizzes. This extension keeps a digest of those folders beside the
cache and, when the digest changes, empties the cache and has Sphinx read every notebook
again (its own record of what changed only looks at the notebooks' files).
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

WATCHED = ("labour_migration", "data")
SUFFIXES = {".py", ".json", ".csv"}


def digest(root: Path) -> str:
    sha = hashlib.sha256()
    for folder in WATCHED:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and path.suffix in SUFFIXES and "__pycache__" not in path.parts:
                sha.update(path.relative_to(root).as_posix().encode())
                sha.update(path.read_bytes())
    return sha.hexdigest()


def _check(app, config):
    # myst-nb's default: the folder beside the html output (_build/.jupyter_cache).
    cache = Path(getattr(config, "nb_execution_cache_path", "") or Path(app.outdir).parent / ".jupyter_cache")
    if not cache.is_absolute():
        cache = Path(app.srcdir) / cache
    stamp = cache.parent / ".course-digest"
    now = digest(Path(app.srcdir))
    if stamp.is_file() and stamp.read_text() == now:
        return
    app._course_changed = True
    if cache.exists():
        shutil.rmtree(cache, ignore_errors=True)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(now)


def _reread_notebooks(app, env, added, changed, removed):
    if not getattr(app, "_course_changed", False):
        return []
    return [name for name in env.found_docs if name.startswith("notebooks/")]


def setup(app):
    app.connect("config-inited", _check, priority=900)
    app.connect("env-get-outdated", _reread_notebooks)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
