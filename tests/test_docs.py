"""Every command has help text with an example and is documented in the README (sqlite-utils test_docs)."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from flows.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def commands(group: click.Group, prefix: str = "conflictwire") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        if isinstance(command, click.Group):
            found.extend(commands(command, path))
        else:
            found.append((path, command))
    return found


@pytest.mark.parametrize(("path", "command"), commands(main), ids=lambda v: v if isinstance(v, str) else "")
def test_command_is_documented(path: str, command: click.Command) -> None:
    assert command.help and "Example:" in command.help, f"{path} needs help text with an Example:"
    assert f"`{path}" in README, f"{path} is not in the README"
    for option in command.params:
        if isinstance(option, click.Option):
            assert option.help, f"{path} {option.opts[0]} has no help text"
