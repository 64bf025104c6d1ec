"""The project's floors: apps import only the apps below them, and nothing imports in a circle.

The graph is read from the source (every `import` and `from … import`, at the top of a
module, inside a function or under `if TYPE_CHECKING`), so an import hidden in a function
cannot hold a circle together again.
"""

from __future__ import annotations

import ast
import graphlib
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Bottom first. An app may import the apps of the floors below its own, never one of its own
# floor or above: the cross-cutting apps do not lean on each other.
LAYERS: list[tuple[str, ...]] = [
    ("planning",),  # vocabulary, notation, rules, numbering: no models
    ("swot",),  # Study, Factor
    ("strategies",),  # Strategy, Citation
    ("actions",),  # Action, ActionLink
    ("evaluation",),  # IFE/EFE assessments, SPACE, QSPM: David's tools on factors and strategies
    ("audit", "reports", "studyfile", "editor", "accounts"),
    ("config",),
]
FLOOR = {app: floor for floor, apps in enumerate(LAYERS) for app in apps}
NOT_APPS = {"tests", "bench"}  # they may import anything; nothing imports them


@dataclass(frozen=True)
class Import:
    source: str  # the importing app
    target: str  # the imported app
    where: str  # file:line

    def __str__(self) -> str:
        return f"{self.where}: {self.source} imports {self.target}"


def packages(root: Path) -> set[str]:
    return {
        path.parent.name
        for path in root.glob("*/__init__.py")
        if not path.parent.name.startswith(".")
    }


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(tree: ast.AST, module: str, is_package: bool) -> list[tuple[str, int]]:
    """(module, line) of every import anywhere in the tree, relative ones resolved."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base if is_package else base[:-1]
                base = base[: len(base) - (node.level - 1)]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            found.append((name, node.lineno))
    return found


def app_imports(root: Path) -> list[Import]:
    """Every import from one of the project's apps into another, with where it is."""
    apps = packages(root) - NOT_APPS
    edges = []
    for app in sorted(apps):
        for path in sorted((root / app).rglob("*.py")):
            module = module_name(root, path)
            tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
            for name, line in imported_modules(tree, module, path.name == "__init__.py"):
                target = name.split(".")[0]
                if target in apps and target != app:
                    where = f"{path.relative_to(root)}:{line}"
                    edges.append(Import(app, target, where))
    return edges


def wrong_way(edges: list[Import]) -> list[Import]:
    """Imports of an app on the importer's own floor or above it (or of an unplaced app)."""
    return [
        edge
        for edge in edges
        if edge.source not in FLOOR
        or edge.target not in FLOOR
        or FLOOR[edge.target] >= FLOOR[edge.source]
    ]


def cycle(edges: list[Import]) -> list[str]:
    """A circle of apps importing each other, or [] if there is none."""
    graph: dict[str, set[str]] = {}
    for edge in edges:
        graph.setdefault(edge.source, set()).add(edge.target)
    try:
        tuple(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as error:
        return list(error.args[1])
    return []


def test_every_app_has_its_floor():
    assert packages(ROOT) - NOT_APPS == set(FLOOR)


def test_apps_import_only_the_apps_below_them():
    edges = app_imports(ROOT)
    assert edges, "the walk found no imports between apps at all"
    assert [str(edge) for edge in wrong_way(edges)] == []


def test_the_app_import_graph_has_no_cycle():
    assert cycle(app_imports(ROOT)) == []


def test_the_graph_runs_one_way_from_planning_to_config():
    used = {(edge.source, edge.target) for edge in app_imports(ROOT)}
    # Each model app stands on the one below; the cross-cutting apps read all three.
    for expected in [
        ("swot", "planning"),
        ("strategies", "swot"),
        ("actions", "strategies"),
        ("editor", "actions"),
        ("audit", "actions"),
        ("reports", "actions"),
        ("studyfile", "actions"),
    ]:
        assert expected in used
    # planning is the ground floor: it imports no app (so no model) of the project.
    assert not any(source == "planning" for source, __ in used)
    assert not any(target == "config" for __, target in used)


def fake_project(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    for app in {name.split("/")[0] for name in files}:
        (tmp_path / app / "__init__.py").touch()
    return tmp_path


def test_an_upward_import_hidden_in_a_function_is_found(tmp_path):
    root = fake_project(
        tmp_path,
        {
            "swot/models.py": "def clean():\n    from strategies.rules import check\n",
            "strategies/models.py": "from swot.models import Factor\n",
        },
    )
    edges = app_imports(root)
    assert [str(edge) for edge in wrong_way(edges)] == ["swot/models.py:2: swot imports strategies"]
    assert set(cycle(edges)) == {"swot", "strategies"}


def test_relative_and_type_checking_imports_count_too(tmp_path):
    root = fake_project(
        tmp_path,
        {
            "planning/rules.py": (
                "from typing import TYPE_CHECKING\n"
                "if TYPE_CHECKING:\n"
                "    from swot.models import Factor\n"
            ),
            "swot/models.py": "",
            "editor/views/pages.py": "from ..matrix import load\nfrom . import forms\n",
            "editor/matrix.py": "",
        },
    )
    assert [str(edge) for edge in wrong_way(app_imports(root))] == [
        "planning/rules.py:3: planning imports swot"
    ]


def test_sideways_imports_between_cross_cutting_apps_are_refused(tmp_path):
    root = fake_project(
        tmp_path, {"reports/views.py": "import editor.matrix\n", "editor/matrix.py": ""}
    )
    assert [str(edge) for edge in wrong_way(app_imports(root))] == [
        "reports/views.py:1: reports imports editor"
    ]


# Imports inside functions ------------------------------------------------------------------

REASON = re.compile(r"#\s*noqa:\s*[A-Z0-9, ]*PLC0415[A-Z0-9, ]*\s+--\s+\S")


def nested_imports(tree: ast.AST) -> list[int]:
    """Lines of imports inside a function or class body (what ruff's PLC0415 flags)."""
    lines = []

    def visit(node: ast.AST, nested: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inside = nested or isinstance(
                child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda
            )
            if nested and isinstance(child, ast.Import | ast.ImportFrom):
                lines.append(child.lineno)
            visit(child, inside)

    visit(tree, False)
    return lines


def project_files(root: Path) -> list[Path]:
    """The project's Python files (not the virtualenv's, nor migrations, written by Django)."""
    files = []
    for top in sorted(root.iterdir()):
        if top.name.startswith(".") or top.name in {"node_modules", "staticfiles"}:
            continue
        files += [top] if top.suffix == ".py" else sorted(top.rglob("*.py"))
    return [path for path in files if "migrations" not in path.parts]


def unexplained_imports(root: Path) -> list[str]:
    found = []
    for path in project_files(root):
        relative = path.relative_to(root)
        text = path.read_text(encoding="utf-8")
        source = text.splitlines()
        for line in nested_imports(ast.parse(text, str(path))):
            if not REASON.search(source[line - 1]):
                found.append(f"{relative}:{line}: {source[line - 1].strip()}")
    return found


def test_every_import_inside_a_function_says_why():
    assert unexplained_imports(ROOT) == []


@pytest.mark.parametrize(
    ("line", "explained"),
    [
        ("    from weasyprint import CSS  # noqa: PLC0415 -- loads Pango: only to typeset", True),
        ("    import weasyprint  # noqa: F401, PLC0415 -- loaded as a server has it", True),
        ("    from weasyprint import CSS  # noqa: PLC0415", False),
        ("    from weasyprint import CSS", False),
    ],
)
def test_an_import_inside_a_function_needs_a_reason_on_its_line(tmp_path, line, explained):
    (tmp_path / "module.py").write_text(f"def render():\n{line}\n")
    assert (unexplained_imports(tmp_path) == []) is explained
