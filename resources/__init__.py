"""The files Ward Huddle opens at run time: fonts, icons and the demo's phrases.

A package so that the files travel with the code: ``importlib.resources``
finds them in a source checkout, an editable install, an installed wheel and
the PyInstaller bundle alike (``huddle.resources.resources_dir``).
"""
