"""The SQLite store: the only place in the project that runs SQL.

``connection`` connects and guards the file, ``opening`` opens (and
``schema`` migrates) it, ``records``
writes rows with their audit trail, and one module per aggregate holds that
aggregate's queries.
"""

from huddle.store.connection import Store
from huddle.store.opening import open_store

__all__ = ["Store", "open_store"]
