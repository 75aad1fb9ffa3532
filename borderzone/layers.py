"""The floors of the house, lowest first: a module may import from its own floor and the floors below,
never from a floor above. `tests/test_layers.py` walks every import (at the top of a file, inside
functions, under `if TYPE_CHECKING:`) and fails on one that goes up, on a module that is on no floor,
and on an import cycle. docs/architecture.md draws the same floors.

A module belongs to the floor of the longest prefix listed below that names it, so the models of zones
and accounts stand below `access` while the rest of those apps (their services, pages, demo) stands
above it: permissions and audit rows need to know what a user and a zone are; writing a zone needs
permissions and audit rows. Tests are outside the rule: they build whatever they check."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FLOORS: list[tuple[str, tuple[str, ...]]] = [
    # Text, money, formatting, tabular files, cache, PDF, base models, the app registry: no domain app.
    ("core", ("borderzone.core",)),
    # What a place and a person are: zones' and accounts' models, and zones' plain reads.
    ("places and people", ("borderzone.zones.models", "borderzone.zones.selectors", "borderzone.accounts.models")),
    # Who acts and what they may reach: actors, permissions, audit rows, ModelWrites, the shared staff
    # pages, import jobs, notifications, demo helpers, the home pages.
    ("access", ("borderzone.access",)),
    # Zones and accounts themselves: their services, pages, API, demo; and the reference exchange rates
    # that every domain app may read.
    ("zones, accounts, reference rates", ("borderzone.zones", "borderzone.accounts", "borderzone.rates")),
    # Border gates: their page is built from panels that the apps above register (core.registry).
    ("gates", ("borderzone.gates",)),
    # The domain apps, side by side.
    (
        "domain",
        (
            "borderzone.register",
            "borderzone.planning",
            "borderzone.infrastructure",
            "borderzone.trade",
            "borderzone.documents",
            "borderzone.promotion",
            "borderzone.portal",
            "borderzone.reporting",
            "borderzone.inspections",
        ),
    ),
    # The leadership dashboard and reports read every domain app.
    ("reports", ("borderzone.reports",)),
    # Settings, URL and API mounting, benchmarks.
    ("site", ("config", "bench", "borderzone.layers")),
]
PACKAGES = ("borderzone", "config", "bench")


def floor_of(module: str) -> int | None:
    """The floor index of a module (None for one outside the project or on no floor)."""
    best: tuple[int, int] | None = None
    for index, (_name, prefixes) in enumerate(FLOORS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), index)
    return best[1] if best else None


def is_test(module: str) -> bool:
    parts = module.split(".")
    return "tests" in parts or parts[-1] == "conftest"


def project_modules(root: Path = ROOT) -> dict[str, Path]:
    """Every module of the project under `root`: dotted name -> file."""
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")) if (root / package).is_dir() else []:
            if ".venv" in path.parts or "node_modules" in path.parts:
                continue
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def imports_of(module: str, path: Path, known: set[str]) -> Iterator[tuple[str, int]]:
    """(imported project module, line) for every import in the file, wherever it stands."""
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield from _known(alias.name, node.lineno, known)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.split(".") if is_package else module.split(".")[:-1]
                package = package[: len(package) - (node.level - 1)]
                base = ".".join([*package, base] if base else package)
            for alias in node.names:
                target = f"{base}.{alias.name}"
                yield from _known(target if target in known else base, node.lineno, known)


def _known(name: str, line: int, known: set[str]) -> Iterator[tuple[str, int]]:
    # `import a.b.c` names a module; take the longest part of it that is a project module.
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in known:
            yield candidate, line
            return


def import_graph(root: Path = ROOT) -> dict[str, list[tuple[str, int]]]:
    modules = project_modules(root)
    known = set(modules)
    return {name: list(imports_of(name, path, known)) for name, path in modules.items()}


def violations(root: Path = ROOT) -> list[str]:
    """Each import that goes up a floor, and each module on no floor, as `file:line: message`."""
    problems: list[str] = []
    modules = project_modules(root)
    for module, imported in import_graph(root).items():
        if is_test(module):
            continue
        where = modules[module].relative_to(root)
        floor = floor_of(module)
        if floor is None:
            if module not in PACKAGES:
                problems.append(f"{where}:1: {module} is on no floor (add it to borderzone/layers.py)")
            continue
        for target, line in imported:
            target_floor = floor_of(target)
            if target_floor is not None and target_floor > floor and not is_test(target):
                problems.append(
                    f"{where}:{line}: {module} ({FLOORS[floor][0]}) imports {target} ({FLOORS[target_floor][0]})"
                )
    return problems


def cycles(root: Path = ROOT) -> list[list[str]]:
    """Groups of modules that import each other, directly or round a loop (tests left out)."""
    graph = {
        m: sorted({t for t, _line in imported if not is_test(t) and t != m})
        for m, imported in import_graph(root).items()
        if not is_test(m)
    }
    # Tarjan's strongly connected components, iteratively.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(graph[start]))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in graph:
                    continue
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(graph[child])))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found
