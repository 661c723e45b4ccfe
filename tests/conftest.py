"""Shared test configuration."""

from __future__ import annotations

from hypothesis import HealthCheck, settings

# Hypothesis profiles. "ci" is the default: a fixed budget and a derandomized search, so that
# a run is reproducible and the whole suite stays within a few minutes on two cores. Property
# tests write data sets to disk, so no per-example deadline (disk speed varies on CI).
# "thorough" is for longer local runs: pytest --hypothesis-profile=thorough
settings.register_profile(
    "ci",
    max_examples=50,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough",
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("ci")
