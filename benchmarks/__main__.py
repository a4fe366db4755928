"""Command line: ``python -m benchmarks [--quick] [--only PART ...] [--markdown] [--json FILE]``."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from . import ROOT
from .report import FAILED, header, machine, markdown_table, text_table

PARTS = ("build", "notebooks", "explorers", "browser", "pages", "environment")
# Parts that take minutes, measured only when named with --only.
EXTRA_PARTS = ("hub",)
QUICK_BUILD_DIR = Path(tempfile.gettempdir()) / "labour-migration-benchmarks-site"


def parse(argv):
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Measure the course's build, notebooks, explorers (in a kernel and in JupyterLab), "
                    "page weight and learner "
                    "environment, and print the results beside their targets.")
    parser.add_argument("--quick", action="store_true",
                        help="skip the timed clean build and the fresh learner venv; reuse a kept "
                             f"build folder (default {QUICK_BUILD_DIR}) for the rebuild and page weight")
    parser.add_argument("--only", action="append", choices=PARTS + EXTRA_PARTS,
                        help="measure only this part (repeat for more); default: all but "
                             "'hub' (a class of learners on a local JupyterHub, several minutes)")
    parser.add_argument("--learners", default="10,20,30",
                        help="with --only hub: class sizes, learners at once (default 10,20,30)")
    parser.add_argument("--build-dir", type=Path,
                        help="build folder (default: a fresh temporary folder, removed afterwards)")
    parser.add_argument("--updates", type=int, default=50,
                        help="explorer updates to time after a short warm-up (default 50)")
    parser.add_argument("--repeats", type=int, default=3,
                        help="Restart & Run All runs per notebook; the median is reported (default 3)")
    parser.add_argument("--env", choices=("fresh", "installed", "skip"),
                        help="learner environment: a fresh venv from binder/requirements.txt "
                             "(default), the same packages inside .venv (default with --quick), or skip")
    parser.add_argument("--env-timeout", type=int, default=900,
                        help="seconds allowed for the fresh venv install before falling back (default 900)")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument("--json", type=Path, help="also write every number to this JSON file")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse(argv)
    parts = set(args.only or PARTS)
    if ("build" in parts and not args.quick and args.build_dir is not None
            and args.build_dir.exists() and any(args.build_dir.iterdir())):
        print(f"--build-dir {args.build_dir} is not empty: a clean build needs a fresh folder "
              "(or add --quick to reuse it)", file=sys.stderr)
        return 2
    env_mode = args.env or ("installed" if args.quick else "fresh")
    if env_mode == "skip":
        parts.discard("environment")
    # Every build and kernel imports the helper package from this checkout.
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))

    info = machine()
    rows = []

    def step(text):
        print(f"[benchmarks] {time.strftime('%H:%M:%S')} {text}", file=sys.stderr, flush=True)

    from .build import build, clean_build_row, rebuild_row

    build_dir, temporary = args.build_dir, False
    if ("build" in parts or "pages" in parts) and build_dir is None:
        if args.quick:
            build_dir = QUICK_BUILD_DIR
        else:
            build_dir, temporary = Path(tempfile.mkdtemp(prefix="labour-migration-bench-")), True
    try:
        site_ok = False
        if "build" in parts or "pages" in parts:
            if "build" in parts and not args.quick:
                step(f"clean build into {build_dir}")
                row = clean_build_row(build_dir)
                rows.append(row)
                site_ok = row.status != FAILED
            else:
                step(f"bringing the build in {build_dir} up to date (not timed)")
                site_ok = build(build_dir)["returncode"] == 0
                if not site_ok:
                    print(f"the build failed; see {build_dir / 'build.log'}", file=sys.stderr)
            if "build" in parts and site_ok:
                step("no-change rebuild")
                rows.append(rebuild_row(build_dir))
        if "notebooks" in parts:
            from .notebooks import notebook_rows

            step(f"Restart & Run All, {args.repeats} times per notebook")
            rows += notebook_rows(args.repeats)
        if "explorers" in parts:
            from .explorers import explorer_rows

            step(f"explorer updates ({args.updates} per variant) in a fresh kernel")
            rows += explorer_rows(args.updates)
        if "browser" in parts:
            from .browser import browser_rows

            step("explorers in JupyterLab, driven by Chromium")
            rows += browser_rows()
        if "pages" in parts and site_ok:
            from .weight import weight_rows

            step("page weight")
            rows += weight_rows(build_dir / "_build" / "html", ROOT)
        if "environment" in parts:
            from .environment import environment_row

            step(f"learner environment ({env_mode})")
            rows.append(environment_row(env_mode, ROOT, args.env_timeout))
        if "hub" in parts:
            from .hub import hub_rows

            sizes = [int(n) for n in args.learners.split(",") if n.strip()]
            step(f"class hub: {', '.join(map(str, sizes))} learners at once")
            rows += hub_rows(sizes)
    finally:
        if temporary:
            shutil.rmtree(build_dir, ignore_errors=True)

    info["load_average_end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(header(info))
    print()
    print(markdown_table(rows) if args.markdown else text_table(rows))
    missed = [r.measure for r in rows if r.status == "missed"]
    print(f"\n{len(rows)} measures; targets missed: {len(missed)}"
          + (f" ({'; '.join(missed)})" if missed else ""))
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "rows": [r.as_dict() for r in rows]},
                                        indent=2), encoding="utf-8")
    return 1 if any(r.status == FAILED for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
