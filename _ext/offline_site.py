"""Make the course site work with no network, and fix accessibility faults it inherits.

Sphinx, myst-nb and the theme load MathJax, the ipywidgets html-manager (which renders the
saved explorer views) and Thebe from public CDNs; a learner offline, or behind a filter,
then loses every widget and formula. This extension serves local copies from the npm
packages pinned in package.json (``npm ci``, which scripts/setup.sh runs) instead.
static/course-a11y.{js,css} repair the theme's, ipywidgets' and jupyterquiz's markup,
which no configuration reaches (tests/test_accessibility.py checks them with axe).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.errors import ExtensionError

HERE = Path(__file__).parent
VENDOR = "vendor"  # under the build's _static/, laid out as in node_modules/
# Only what the pages use: the whole mathjax package is 24 MB of alternative bundles.
ASSETS = {
    "mathjax": [
        "LICENSE",
        "es5/tex-mml-chtml.js",  # the bundle Sphinx loads by default, now local
        "es5/output/chtml/fonts/woff-v2",
        # loaded on demand: TeX packages (autoload) and the accessibility menu's options
        "es5/input/tex/extensions", "es5/input/mml/extensions", "es5/a11y", "es5/ui", "es5/sre",
    ],
    # embed.js renders the core widgets without require.js; the explorers use no others.
    "@jupyter-widgets/html-manager": [
        "dist/embed.js", "dist/embed.js.LICENSE.txt", "dist/*.woff2", "dist/*.woff",  # icons
    ],
}


def _copy_assets(app):
    """Copy the vendored files into _static before pages are written (for their checksums)."""
    if app.builder.format != "html":
        return
    modules, static = Path(app.srcdir) / "node_modules", Path(app.outdir) / "_static"
    for package, patterns in ASSETS.items():
        if not (modules / package).is_dir():
            raise ExtensionError(
                f"{modules / package} is missing: the site serves its own JavaScript from npm "
                "packages. Run `npm ci` (or `bash scripts/setup.sh`) in the repository first.")
        for pattern in patterns:
            for path in (modules / package).glob(pattern):
                dest = static / VENDOR / path.relative_to(modules)
                if path.is_dir():
                    shutil.copytree(path, dest, dirs_exist_ok=True)
                else:
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(path, dest)


def _point_at_local_copies(app, config):
    config.html_static_path.append(str(HERE / "static"))
    config.mathjax_path = f"{VENDOR}/mathjax/es5/tex-mml-chtml.js"
    config.nb_ipywidgets_js = {f"{VENDOR}/@jupyter-widgets/html-manager/dist/embed.js": {}}


def _fix_page(app, pagename, templatename, context, doctree):
    # docutils 0.21 marks each reference "doc-biblioentry" inside a role="list": a deprecated
    # role, so the list has no list items (axe aria-required-children, critical).
    if "body" in context:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')
    scripts = context.get("script_files")
    if scripts is None:
        return
    # Thebe is off (launch_buttons.thebe), yet sphinx-thebe still ships a CDN loader.
    thebe_on = app.config.html_theme_options.get("launch_buttons", {}).get("thebe")
    seen, kept = set(), []
    for script in scripts:
        body = script.attributes.get("body", "")
        if not thebe_on and ("sphinx-thebe" in str(script.filename) or "THEBE_JS_URL" in body):
            continue
        # Sphinx 7.4 repeats inline scripts added before the builder exists (once with filename
        # None, once with ""); a repeated `const` is a browser error.
        key = (str(script.filename or ""), body)
        if key not in seen:
            seen.add(key)
            kept.append(script)
    scripts[:] = kept


def setup(app):
    app.connect("config-inited", _point_at_local_copies, priority=100)
    app.add_js_file("course-a11y.js")
    app.add_css_file("course-a11y.css")
    app.connect("builder-inited", _copy_assets)
    app.connect("html-page-context", _fix_page, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
