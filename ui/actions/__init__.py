"""The Actions page's parts: models, board, table, detail, PDSA, undo, conflicts, ideas."""
