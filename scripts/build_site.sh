#!/usr/bin/env bash
# Set up the environment and build the course site with warnings as errors.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/jupyter-book build . --builder html -W -n --keep-going
# Printable handouts (one PDF per lesson and the teacher's guide), printed by chromium.
if command -v chromium >/dev/null 2>&1 || [ -n "${CHROMIUM_PATH:-}" ]; then
  .venv/bin/python scripts/handouts.py --site _build/html
else
  echo "build_site.sh: chromium is not installed, so the printable handouts were not made" \
       "(the lesson pages' handout links will not work). Install it (Debian: apt-get install -y" \
       "chromium) and run: .venv/bin/python scripts/handouts.py" >&2
fi
echo
echo "The course site is built: $(pwd)/_build/html/index.html"
