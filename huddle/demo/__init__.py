"""Sample data: a believable, entirely fictional ward for demos, training and benchmarks.

from huddle.demo import build_demo
summary = build_demo("sample.db", weeks=26, seed=1)
"""

from huddle.demo.build import DEFAULT_WARD_NAME, DemoRefusedError, DemoSummary, build_demo

__all__ = ["DEFAULT_WARD_NAME", "DemoRefusedError", "DemoSummary", "build_demo"]
