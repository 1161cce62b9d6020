"""The library never depends on Discord or on the front ends."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

INDEX = Path(__file__).resolve().parent.parent / "index"


@pytest.mark.parametrize("module", sorted(INDEX.rglob("*.py")), ids=lambda p: p.name)
def test_index_module_imports_neither_discord_nor_bot(module: Path) -> None:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert not imported & {"discord", "bot"}, f"{module.name} imports {imported & {'discord', 'bot'}}"
