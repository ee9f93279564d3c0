"""The Measures page's parts: chart view, icons, data grid and dialogs.

Everything here draws from :class:`huddle.services.charts.MeasureChart`; the
statistics are the core's, never recomputed in the UI.
"""
