#!/usr/bin/env bash
# Themes benchmark in its own venv (BERTopic, UMAP, HDBSCAN, spaCy are never Heard dependencies).
#   bench/themes/run.sh [--data DIR] [--skip-bertopic] [--skip-end-to-end]
# DIR defaults to bench/data (the labelled sets, with their licences).
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV=bench/themes/.venv
PYTHON=${PYTHON:-python3.11}
if [ ! -x "$VENV/bin/python" ]; then "$PYTHON" -m venv "$VENV"; fi
if [ ! -f "$VENV/.installed" ] || [ bench/themes/requirements.txt -nt "$VENV/.installed" ]; then
  "$VENV/bin/pip" install -q -r bench/themes/requirements.txt
  "$VENV/bin/pip" install -q --no-deps bertopic==0.17.4
  touch "$VENV/.installed"
fi
export HF_HUB_OFFLINE=1
exec "$VENV/bin/python" -m bench.themes "$@"
