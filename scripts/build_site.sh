#!/usr/bin/env bash
# Set up the environment and build the course site with warnings as errors.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/jupyter-book build . --builder html -W -n --keep-going
echo
echo "The course site is built: $(pwd)/_build/html/index.html"
