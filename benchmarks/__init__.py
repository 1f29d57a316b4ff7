"""Benchmarks: run `python benchmarks/bench.py` (see README.md here)."""
