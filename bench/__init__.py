"""Benchmarks (`make bench`): print speed, memory and quality figures; never assert timings."""
