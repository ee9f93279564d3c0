"""Frozen entry point for ``huddle``, the command line (``huddle.cli.main:main``)."""

import sys

from huddle.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
