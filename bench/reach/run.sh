#!/usr/bin/env bash
# Reach benchmark, one command: bench/reach/run.sh [--responses 100000] [--quick] [...]
# Runs in Heard's own dev venv (made when missing); needs nothing else but PostgreSQL at PG_URL
# (default postgres://postgres@127.0.0.1:5432/postgres; the benchmark keeps its own database
# heard_bench_reach there) and builds its datasets once (var/bench-reach/).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -x .venv/bin/python ] || make venv-dev
exec .venv/bin/python -m bench.reach "$@"
