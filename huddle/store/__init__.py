"""The SQLite store: the only place in the project that runs SQL.

``connection`` opens and guards the file, ``schema`` migrates it, ``records``
writes rows with their audit trail, and one module per aggregate holds that
aggregate's queries.
"""

from huddle.store.connection import Store, open_store

__all__ = ["Store", "open_store"]
