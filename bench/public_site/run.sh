#!/usr/bin/env bash
# Public-site benchmark, one command: bench/public_site/run.sh [--quick] [--profile /calendar/] [...]
# Installs what it needs when missing: Heard's dev venv (make venv-dev), Debian's wrk, and
# (only for --profile) py-spy in bench/public_site/.venv. Then runs python -m bench.public_site.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -x .venv/bin/python ] || make venv-dev
if ! command -v wrk >/dev/null; then
  echo "Installing Debian's wrk for the benchmark"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq wrk >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq wrk >/dev/null; fi
fi
if [[ " $* " == *" --profile "* ]]; then
  TOOLS=bench/public_site/.venv
  [ -x "$TOOLS/bin/python" ] || .venv/bin/python -m venv "$TOOLS"
  if [ ! -f "$TOOLS/.installed" ] || [ bench/public_site/requirements.txt -nt "$TOOLS/.installed" ]; then
    "$TOOLS/bin/pip" install -q -r bench/public_site/requirements.txt && touch "$TOOLS/.installed"
  fi
fi
exec .venv/bin/python -m bench.public_site "$@"
