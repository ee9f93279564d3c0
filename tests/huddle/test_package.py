"""huddle/__init__: msgspec is loaded in its mode without typing_extensions, and every
record reads its type hints the same in that mode."""

from __future__ import annotations

import importlib
import pkgutil
import typing

import msgspec
import typing_extensions

import huddle
from tests.helpers.processes import run_python


def records() -> list[type[msgspec.Struct]]:
    """Every msgspec record the core defines."""
    found: dict[str, type[msgspec.Struct]] = {}
    for module_info in pkgutil.walk_packages(huddle.__path__, "huddle."):
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, msgspec.Struct)
                and value.__module__.startswith("huddle.")
            ):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return list(found.values())


def test_every_record_reads_its_hints_the_same_without_typing_extensions() -> None:
    kinds = records()
    assert len(kinds) > 50  # the domain, the services' views, the SPC charts, sync...
    for kind in kinds:
        assert typing.get_type_hints(kind, include_extras=True) == (
            typing_extensions.get_type_hints(kind, include_extras=True)
        ), kind
        msgspec.inspect.type_info(kind)  # msgspec understands every field


def test_the_core_loads_msgspec_without_typing_extensions_and_leaves_it_importable() -> None:
    done = run_python(
        "import sys, typing\n"
        "import huddle.domain, msgspec._utils\n"
        "print('typing_extensions' in sys.modules)\n"
        "print(msgspec._utils._get_type_hints is typing.get_type_hints)\n"
        "import typing_extensions\n"
        "print(typing_extensions.__name__)\n"
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["False", "True", "typing_extensions"]


def test_the_records_read_at_start_keep_their_annotations_as_types() -> None:
    """Today converts these records at every start: msgspec would parse and evaluate
    annotations kept as text (``from __future__ import annotations``) the first time."""
    import huddle.domain
    import huddle.domain_escalations

    for module in (huddle.domain, huddle.domain_escalations):
        kinds = [k for k in records() if k.__module__ == module.__name__]
        assert kinds
        as_text = [
            f"{kind.__name__}.{name}"
            for kind in kinds
            for name, annotation in kind.__annotations__.items()
            if isinstance(annotation, str)
        ]
        assert as_text == []
