"""`make audit` (scripts/audit.py): a vulnerability fails, an unchecked package is no pass.

pip-audit itself is replaced by a stand-in that prints a report in pip-audit's JSON
format: this machine's package index answers without advisory data (every package comes
back "could not be audited"), so a report with a vulnerability cannot be produced for
real here. The last test runs the real pip-audit on one pinned file to show the shape
of that report is what the script reads.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CLEAN = {"name": "django", "version": "5.2.19", "vulns": []}
VULNERABLE = {
    "name": "django",
    "version": "5.2.19",
    "vulns": [
        {
            "id": "PYSEC-2099-1",
            "fix_versions": ["5.2.20"],
            "aliases": ["CVE-2099-0001"],
            "description": "…",
        }
    ],
}
UNCHECKED = {
    "name": "wagtail",
    "skip_reason": "Dependency not found on PyPI and could not be audited: wagtail (8.0.1)",
}


@pytest.fixture
def pip_audit(tmp_path):
    """A stand-in for pip-audit that prints the given dependencies as its JSON report."""

    def make(*dependencies, exit_code=0):
        report = tmp_path / "report.json"
        report.write_text(json.dumps({"dependencies": list(dependencies), "fixes": []}))
        script = tmp_path / "pip-audit"
        script.write_text(
            f"#!{sys.executable}\nimport sys\nsys.stdout.write(open({str(report)!r}).read())\n"
            f"sys.exit({exit_code})\n"
        )
        script.chmod(0o755)
        return script

    return make


def run_audit(pip_audit_path, strict=False):
    env = {**os.environ, "PIP_AUDIT": str(pip_audit_path), "STRICT": "1" if strict else ""}
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "audit.py")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_all_checked_and_clean_passes(pip_audit):
    result = run_audit(pip_audit(CLEAN))

    assert result.returncode == 0, result.stderr
    assert "Geen bekende kwetsbaarheden in de 1 gecontroleerde pakketten." in result.stdout
    assert "WAARSCHUWING" not in result.stderr


def test_a_vulnerability_fails_and_names_the_fix(pip_audit):
    result = run_audit(pip_audit(VULNERABLE, exit_code=1))

    assert result.returncode == 1
    assert "KWETSBAAR: django 5.2.19: PYSEC-2099-1 (opgelost in 5.2.20)" in result.stdout
    assert "FOUT: 1 bekende kwetsbaarheden in 1 pakketten." in result.stdout


def test_unchecked_packages_warn_loudly_with_their_count(pip_audit):
    result = run_audit(pip_audit(CLEAN, UNCHECKED))

    assert result.returncode == 0
    assert "WAARSCHUWING: 1 van de 2 pakketten zijn NIET gecontroleerd" in result.stderr
    assert "wagtail" in result.stderr
    assert "Dat is geen geslaagde controle." in result.stderr


def test_unchecked_packages_fail_with_strict(pip_audit):
    result = run_audit(pip_audit(CLEAN, UNCHECKED), strict=True)

    assert result.returncode == 1
    assert "STRICT=1: niet-gecontroleerde pakketten tellen als fout." in result.stderr


def test_a_vulnerability_fails_even_when_other_packages_were_not_checked(pip_audit):
    result = run_audit(pip_audit(VULNERABLE, UNCHECKED, exit_code=1))

    assert result.returncode == 1
    assert "KWETSBAAR" in result.stdout and "WAARSCHUWING" in result.stderr


def test_no_report_is_a_failure(tmp_path):
    broken = tmp_path / "pip-audit"
    broken.write_text("#!/bin/sh\necho 'kapot' >&2\nexit 2\n")
    broken.chmod(0o755)

    result = run_audit(broken)

    assert result.returncode == 2
    assert "FOUT: pip-audit gaf geen rapport voor requirements.txt" in result.stderr


def test_the_real_pip_audit_reports_in_the_shape_the_script_reads(tmp_path):
    pinned = tmp_path / "requirements.txt"
    pinned.write_text("sqlparse==0.6.1\n")

    result = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "pip-audit"), "-r", str(pinned), "--no-deps"]
        + ["--disable-pip", "-f", "json", "--progress-spinner", "off"],
        capture_output=True,
        text=True,
        timeout=120,
    )

    [dependency] = json.loads(result.stdout)["dependencies"]
    assert dependency["name"] == "sqlparse"
    assert "skip_reason" in dependency or dependency["version"] == "0.6.1"
