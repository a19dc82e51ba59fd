"""Project-wide pytest configuration."""
import matplotlib
from hypothesis import HealthCheck, settings

matplotlib.use("Agg")

# Tests stay deterministic: hypothesis draws the same examples on every run (set
# HYPOTHESIS_PROFILE=explore to search afresh), with no per-example deadline on a shared machine.
settings.register_profile("default", derandomize=True, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("explore", deadline=None, suppress_health_check=[HealthCheck.too_slow])
import os  # noqa: E402

settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# modules that must not be imported by doctest collection
collect_ignore = ["analyses/__main__.py", "benchmarks"]
