#!/usr/bin/env bash
# Create .venv (once) and install the course's pinned requirements into it.
# Used by build_site.sh and run_tests.sh; safe to run again (it only installs what changed).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -r requirements.txt

# The course site serves MathJax and the ipywidgets manager itself (no CDN), and the
# accessibility tests inject axe-core: all pinned in package.json / package-lock.json.
if ! command -v npm >/dev/null 2>&1; then
  echo "setup.sh: npm is missing; the site's JavaScript (package.json) cannot be installed." >&2
  echo "Install Node.js and npm (Debian: apt-get install -y npm), then run this again." >&2
  exit 1
fi
# Only when the lock file is newer than the last install: npm ci empties node_modules first.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null
fi
