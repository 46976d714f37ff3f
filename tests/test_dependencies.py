"""pyproject.toml declares exactly the third-party packages that actionplan/ imports."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imported_modules() -> set[str]:
    """Top-level names of every module imported anywhere in actionplan/ (inside
    functions too, where the heavy ones are)."""
    names: set[str] = set()
    for path in (ROOT / "actionplan").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_declared_dependencies_are_exactly_what_the_package_imports():
    third_party = imported_modules() - set(sys.stdlib_module_names) - {"actionplan"}
    provides = packages_distributions()
    imported = {normalise(dist) for module in third_party for dist in provides[module]}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = {
        normalise(re.match(r"[A-Za-z0-9_.-]+", d).group(0)) for d in project["dependencies"]
    }
    assert imported == declared
    assert "gitpython" not in declared and "git" not in third_party


def test_readme_names_each_dependency():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Dependencies", 1)[1].split("\n## ", 1)[0]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    for dep in project["dependencies"]:
        name = re.match(r"[A-Za-z0-9_.-]+", dep).group(0)
        assert name in section, name
    assert "GitPython" in section
