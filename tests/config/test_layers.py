"""The layers contract (pyproject.toml, [tool.importlinter]): the project keeps it, and
the same contract catches a lower app importing a higher one, even inside a function.
scripts/test.sh runs lint-imports too; these tests show the check is real."""

import os
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(directory: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-logo", "--no-cache", "--config", "pyproject.toml"],
        cwd=directory,
        env={**os.environ, "PYTHONPATH": str(directory)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_project_keeps_its_layers():
    result = lint_imports(ROOT)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Layers: home > advice > scorecards | search" in result.stdout
    assert "1 kept, 0 broken" in result.stdout


def test_the_contract_catches_an_upward_import_hidden_in_a_function(tmp_path):
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    (tmp_path / "pyproject.toml").write_text(project_contract_as_toml(config))
    for package in config["root_packages"]:
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "scorecards" / "charts.py").write_text("")
    (tmp_path / "search" / "queries.py").write_text("")
    (tmp_path / "companies" / "models.py").write_text(
        "def get_context():\n    from scorecards import charts\n\n    return charts\n"
    )
    (tmp_path / "scorecards" / "views.py").write_text("from search import queries\n")

    result = lint_imports(tmp_path)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "companies is not allowed to import scorecards" in result.stdout
    assert "scorecards is not allowed to import search" in result.stdout  # siblings


def project_contract_as_toml(config: dict) -> str:
    """The [tool.importlinter] section back as TOML (strings and lists of strings only)."""

    def value(v):
        return "[" + ", ".join(value(x) for x in v) + "]" if isinstance(v, list) else f'"{v}"'

    lines = ["[tool.importlinter]"]
    lines += [f"{k} = {value(v)}" for k, v in config.items() if k != "contracts"]
    for contract in config["contracts"]:
        lines += ["", "[[tool.importlinter.contracts]]"]
        lines += [f"{k} = {value(v)}" for k, v in contract.items()]
    return "\n".join(lines) + "\n"
