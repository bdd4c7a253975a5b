"""Every stage module declares its public API in ``__all__``, and every exported name exists."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

PACKAGES = ["records", "extractors", "transforms", "warehouse", "flows"]


def modules() -> list[str]:
    names = []
    for package in PACKAGES:
        names.append(package)
        module = importlib.import_module(package)
        names.extend(info.name for info in pkgutil.walk_packages(module.__path__, prefix=f"{package}."))
    return [n for n in names if not n.startswith("flows.samples")]


@pytest.mark.parametrize("name", modules())
def test_module_exports_exist(name: str) -> None:
    module = importlib.import_module(name)
    exported = getattr(module, "__all__", None)
    if name in PACKAGES and exported is None:
        pytest.skip(f"{name} re-exports nothing")
    assert exported is not None, f"{name} has no __all__"
    missing = [member for member in exported if not hasattr(module, member)]
    assert not missing, f"{name}.__all__ names missing members: {missing}"
