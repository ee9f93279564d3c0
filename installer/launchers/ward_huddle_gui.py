"""Frozen entry point for ``ward-huddle``, the desktop app (``ui.app:main``)."""

import sys

from ui.app import main

if __name__ == "__main__":
    sys.exit(main())
