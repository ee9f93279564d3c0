"""Where the app's shipped files (fonts, icons, demo phrases) are.

They live in the repository's ``resources/`` folder, which is installed as the
``resources`` package, so ``importlib.resources`` finds it wherever the code
runs: a source checkout, an editable install, a wheel, or the PyInstaller
bundle (whose importer resolves it under ``sys._MEIPASS``).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path


def resources_dir() -> Path:
    """The folder that holds ``fonts/`` and ``icons/``, as a real path.

    Fonts and Qt style sheets need a file on disk, so a package that is not a
    plain folder (a zip import) is refused with a message rather than half-used.
    """
    # the package's own folder, from its import spec (what importlib.resources reads,
    # without loading that package's zip and namespace readers at start-up)
    spec = importlib.util.find_spec("resources")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    if len(folders) == 1 and Path(folders[0]).is_dir():
        return Path(folders[0])
    from importlib.resources import files

    root = files("resources")
    if not isinstance(root, Path):
        raise RuntimeError(
            f"Ward Huddle's resources are not a folder on disk ({root!r}); "
            "install the package unzipped."
        )
    return root


def welcome_preview() -> Path:
    """The picture of a running huddle the welcome page shows (``make welcome-preview``)."""
    return resources_dir() / "preview" / "huddle.png"
