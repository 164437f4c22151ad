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


# The application API: the entry points reach planner only through planner.services (besides the
# model and the time grid), so "solve, then diagnose, then write" exists once.
API_MODULES = frozenset({"planner.services", "planner.model", "planner.timegrid"})
# web.commands adds subcommands to the handenplanner command and shares its exit codes.
WEB_ALLOWED = API_MODULES | {"planner.commands"}


def imported_planner_modules(path: Path) -> set[str]:
    """Every planner module a file imports, also inside functions; ``from planner import x`` counts as planner.x."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module == "planner" and node.level == 0:
            found |= {f"planner.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return {name for name in found if name == "planner" or name.startswith("planner.")}


def forbidden_planner_imports(paths, allowed) -> dict[str, set[str]]:
    found = {str(path.relative_to(ROOT)): imported_planner_modules(path) - allowed for path in paths}
    return {path: modules for path, modules in found.items() if modules}


def test_the_web_app_uses_only_the_application_api():
    assert forbidden_planner_imports((ROOT / "web").rglob("*.py"), WEB_ALLOWED) == {}


def test_the_commands_use_only_the_application_api():
    commands = ROOT / "planner" / "commands"
    own = {"planner.commands", *(f"planner.commands.{path.stem}" for path in commands.glob("*.py"))}
    assert forbidden_planner_imports(commands.glob("*.py"), API_MODULES | own) == {}


def test_the_import_check_sees_imports_inside_functions(tmp_path):
    # A check that cannot fail proves nothing: a late import of the solver, of the workbook via
    # "from planner import", and of the web's own modules (ignored) are told apart.
    module = tmp_path / "late.py"
    module.write_text(
        "import web.db\nfrom planner import model, workbook\n\ndef run():\n    from planner.solver import solve\n",
        encoding="utf-8",
    )
    assert imported_planner_modules(module) == {"planner.model", "planner.workbook", "planner.solver"}
