"""The ``huddle`` command line: scripted backups, checks, exports and SPC.

Each sub-command lives in its own module exposing ``register(subparsers)``,
which adds its parser and sets ``handler`` to a function ``(args) -> int``.
"""
