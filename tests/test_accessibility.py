"""Every page of the built site passes axe-core with no "serious" or "critical" violation.

axe-core comes from node_modules (package.json; scripts/setup.sh runs npm ci). The theme's,
ipywidgets' and jupyterquiz's faults are repaired by _ext/static/course-a11y.{js,css}.
Moderate and minor findings do not fail the test: they are printed (run with -s) and
written to $COURSE_ARTIFACTS/axe-summary.txt for the course's accessibility report.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(os.environ.get("COURSE_ARTIFACTS", ROOT / "test-artifacts"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}


@pytest.mark.browser
def test_no_page_has_serious_or_critical_axe_violations(page, site_url, site_pages):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` (scripts/setup.sh does it)")
    blocking, summary = {}, []
    # site_pages leaves out the generated pages; a learner opens those too.
    for path in ["index.html", "search.html", "genindex.html", *site_pages]:
        page.goto(f"{site_url}/{path}", wait_until="networkidle")
        # Widgets, the quiz and Font Awesome draw after load; let them (and our fixes) settle.
        page.wait_for_timeout(250)
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate("axe.run(document, {resultTypes: ['violations']})")["violations"]
        for v in violations:
            line = (f"{path}: {v['impact']} {v['id']} ({len(v['nodes'])} element(s)): {v['help']}"
                    f" [{', '.join(' '.join(n['target']) for n in v['nodes'][:3])}]")
            if v["impact"] in BLOCKING:
                blocking.setdefault(path, []).append(line)
            else:
                summary.append(line)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "axe-summary.txt").write_text("\n".join(summary) + "\n", encoding="utf-8")
    print("\naxe, moderate and minor findings:\n" + ("\n".join(summary) or "none"))
    assert not blocking, "serious/critical axe violations:\n" + json.dumps(blocking, indent=2)
