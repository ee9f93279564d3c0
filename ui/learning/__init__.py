"""The Learning page's parts: the log's model and filter, the editor, the insights view."""
