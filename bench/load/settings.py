"""Load-test settings: the fault test's (heard/settings/fault.py: production settings with a
throwaway secret, loopback hosts, plain HTTP, one trusted proxy so that each simulated resident
is its own rate-limit client) plus the bare "ok" view of bench/public_site for the baseline."""

from heard.settings.fault import *  # noqa: F403

ROOT_URLCONF = "bench.public_site.urls"
