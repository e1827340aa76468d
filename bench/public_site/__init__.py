"""Public-site benchmark: `python -m bench.public_site` (or bench/public_site/run.sh)."""
