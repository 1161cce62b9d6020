"""The layout holds: the library stands alone, the front ends use one door, no cycles, short modules.

Imports are read from the source (every import statement: module level, in functions and under
`TYPE_CHECKING`), so a lazy or type-only import counts as much as any other.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
INDEX = ROOT / "index"
BOT = ROOT / "bot"
# What bot/ may import from the library: the service and the types and errors it speaks in.
DOOR = {"index", "index.service", "index.models", "index.errors"}
MAX_LINES = 400


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


KNOWN_MODULES = {module_name(path) for path in modules(INDEX) + modules(BOT)}


def imports(path: Path) -> Iterator[str]:
    """Every module an import in `path` names."""
    package = module_name(path).rsplit(".", 1)[0] if path.name != "__init__.py" else module_name(path)
    return imports_in(path.read_text(encoding="utf-8"), package)


def imports_in(source: str, package: str) -> Iterator[str]:
    """Every module the imports of `source` name (`from a import b` names a.b if b is a module)."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against this module's package
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                yield submodule if submodule in KNOWN_MODULES else base


def index_graph() -> dict[str, set[str]]:
    graph = {}
    for path in modules(INDEX):
        name = module_name(path)
        graph[name] = {m for m in imports(path) if m in KNOWN_MODULES and m != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[set[str]] = []

    def visit(node: str) -> None:
        order[node] = low[node] = len(order)
        stack.append(node)
        for nxt in graph.get(node, ()):
            if nxt not in order:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], order[nxt])
        if low[node] == order[node]:
            component = set()
            while True:
                member = stack.pop()
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(component)

    for node in sorted(graph):
        if node not in order:
            visit(node)
    return found


@pytest.mark.parametrize("module", modules(INDEX), ids=module_name)
def test_index_module_imports_neither_discord_nor_bot(module: Path) -> None:
    roots = {name.split(".")[0] for name in imports(module)}
    assert not roots & {"discord", "bot"}, f"{module_name(module)} imports {roots & {'discord', 'bot'}}"


@pytest.mark.parametrize("module", modules(BOT), ids=module_name)
def test_bot_reaches_the_library_only_through_the_door(module: Path) -> None:
    behind = sorted(
        name for name in imports(module) if name.split(".")[0] == "index" and name not in DOOR
    )
    assert not behind, f"{module_name(module)} imports {behind}; go through index.service"


def test_index_has_no_import_cycles() -> None:
    found = [sorted(c) for c in cycles(index_graph())]
    assert not found, f"import cycles: {found}"


def test_the_checks_see_cycles_and_lazy_and_type_only_imports() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [{"a", "b", "c"}]
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from index.answer.guild_index import GuildIndex\n"
        "def f():\n    from . import who_said\n    import index.store.sqlite\n"
    )
    assert set(imports_in(source, "index.answer")) >= {
        "index.answer.guild_index", "index.answer.who_said", "index.store.sqlite"
    }


@pytest.mark.parametrize("module", modules(INDEX) + modules(BOT), ids=module_name)
def test_no_module_is_over_the_line_limit(module: Path) -> None:
    lines = len(module.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module_name(module)} has {lines} lines; split it by job"
