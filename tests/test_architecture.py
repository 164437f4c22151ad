"""The dependency direction of style.md: the core imports no web framework or ORM,
nor the web app or the command line above it, and the solver no pandas. Checked on the
source text, so it holds for every module."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOTTED_PATH = re.compile(r"[a-z_]+(\.[a-z_]+)+")  # a module path such as "web.commands"


def imported_top_level_modules(package_dir: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in package_dir.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], set()).add(str(path.relative_to(ROOT)))
    return found


def test_planner_core_imports_no_web_framework_or_orm():
    imports = imported_top_level_modules(ROOT / "planner")
    for forbidden in ("flask", "sqlalchemy", "flask_sqlalchemy", "werkzeug"):
        assert forbidden not in imports, imports.get(forbidden)


def test_solver_imports_no_pandas_or_openpyxl():
    imports = imported_top_level_modules(ROOT / "planner" / "solver")
    for forbidden in ("pandas", "openpyxl"):
        assert forbidden not in imports, imports.get(forbidden)


def module_paths_named_in_strings(package_dir: Path) -> dict[str, set[str]]:
    """Dotted module paths written as string constants (``importlib.import_module("web.commands")``)."""
    found: dict[str, set[str]] = {}
    for path in package_dir.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and DOTTED_PATH.fullmatch(node.value):
                found.setdefault(node.value.split(".")[0], set()).add(str(path.relative_to(ROOT)))
    return found


def test_planner_core_never_reaches_up_to_the_web_or_the_command_line():
    # The entry point (handenplanner) wires the core and the web; the core must not load either,
    # not even by a module name in a string.
    imports = imported_top_level_modules(ROOT / "planner")
    named = module_paths_named_in_strings(ROOT / "planner")
    for forbidden in ("web", "handenplanner"):
        assert forbidden not in imports, imports.get(forbidden)
        assert forbidden not in named, named.get(forbidden)
