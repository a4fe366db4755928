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
