"""``make bench``: throughput, latency, scale-out and state-size figures -> docs/benchmarks.md.

One run measures, on real article texts and the real local broker: the bare spaCy pipeline the
worker uses, one worker end to end, latency at half that rate, two workers in one group, and
the dedup state at 10k-1M incidents (decision time, memory, restore from the changelog). Each
part lives in its own module; :mod:`worker.bench.cli` runs them and writes the report.
"""
