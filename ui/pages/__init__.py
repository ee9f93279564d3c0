"""The app's pages, one module each, all built on :class:`ui.pages.base.Page`."""
