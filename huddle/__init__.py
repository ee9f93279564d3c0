"""Ward Huddle core: domain, storage, services, SPC, reports and the command line.

Pure Python: nothing under this package imports Qt (a test enforces it).
"""

__version__ = "0.1.0"
