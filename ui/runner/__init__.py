"""The huddle runner's widgets: countdown, attendance, section panels, quick
add dialogs and the finish summary. :mod:`ui.pages.huddle_runner` puts them
together into the Huddle page."""
