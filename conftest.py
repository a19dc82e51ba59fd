"""Project-wide pytest configuration."""
import matplotlib

matplotlib.use("Agg")

# modules that must not be imported by doctest collection
collect_ignore = ["analyses/__main__.py", "benchmarks"]
