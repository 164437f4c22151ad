"""The dependency direction of style.md: the core imports no web framework or ORM,
and the solver no pandas. Checked on the source text, so it holds for every module."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


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
