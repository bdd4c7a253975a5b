"""The house rules that a linter can check: ruff clean, mypy on every package (strict on records/ and transforms/),
pure transforms, records on the ground floor. CI runs pytest, so these tests are how CI runs ruff and mypy."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("records", "extractors", "transforms", "warehouse", "flows")
FORBIDDEN_IN_TRANSFORMS = {"httpx", "duckdb", "prefect", "bs4", "lxml", "requests"}


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_is_clean() -> None:
    result = run("ruff", "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_package_passes_mypy_as_configured() -> None:
    """``files =`` in pyproject.toml names all five packages; records and transforms are strict there too."""
    result = run("mypy", "--no-incremental")
    assert result.returncode == 0, result.stdout + result.stderr
    modules = [p for package in PACKAGES for p in (ROOT / package).rglob("*.py")]
    assert f"no issues found in {len(modules)} source files" in result.stdout, result.stdout


def test_transforms_and_records_pass_mypy_strict() -> None:
    result = run("mypy", "--strict", "--no-incremental", "transforms/", "records/")
    assert result.returncode == 0, result.stdout + result.stderr


def test_transforms_import_no_io_library_and_read_no_environment() -> None:
    for path in (ROOT / "transforms").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in FORBIDDEN_IN_TRANSFORMS, f"{path.name} imports {name}"
            if isinstance(node, ast.Attribute) and node.attr == "environ":
                raise AssertionError(f"{path.name} reads os.environ")


def test_importing_transforms_loads_no_io_library() -> None:
    probe = (
        "import sys, transforms.enrich, transforms.dedup, transforms.normalise; "
        f"print(sorted(m for m in {sorted(FORBIDDEN_IN_TRANSFORMS)!r} if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_records_import_nothing_of_ours() -> None:
    """The records package is the ground floor: every stage imports it, so it may import no stage."""
    ours = {"extractors", "transforms", "warehouse", "flows"}
    for path in (ROOT / "records").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                assert name.split(".")[0] not in ours, f"records/{path.name} imports {name}"
