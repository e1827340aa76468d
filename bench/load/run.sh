#!/usr/bin/env bash
# Load test, one command: bench/load/run.sh [--seconds 60] [--clients 16]
# Needs PostgreSQL at PG_URL (default postgres://postgres@127.0.0.1:5432/heard); makes and drops
# its own database, heard_bench_load. Installs Heard's dev venv when missing (make venv-dev).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -x .venv/bin/python ] || make venv-dev
exec .venv/bin/python -m bench.load "$@"
