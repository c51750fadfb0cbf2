"""`make audit`: the pinned requirements against the package index's advisory data.

pip-audit checks every pinned package of requirements.txt and requirements-dev.txt. A
known vulnerability fails the audit. A package pip-audit could not check (the index gave
no data for that version) is no pass: the audit says so, loudly and with the count, and
fails too when STRICT=1. Without STRICT it warns and passes, so that CI can run on a
machine whose package index answers without advisory data (see README).

Exit status: 0 checked and clean (or unchecked, without STRICT), 1 vulnerable (or
unchecked with STRICT=1), 2 pip-audit did not produce a report.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILES = ("requirements.txt", "requirements-dev.txt")
SHOWN = 12  # names listed for packages that could not be checked


def audit(path: str, pip_audit: str) -> list[dict] | None:
    """pip-audit's report of one pinned file (its `dependencies`), or None."""
    command = [pip_audit, "-r", path, "--no-deps", "--disable-pip", "-f", "json"]
    command += ["--progress-spinner", "off"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603
    try:
        return json.loads(result.stdout)["dependencies"]
    except (ValueError, KeyError):
        print(f"FOUT: pip-audit gaf geen rapport voor {path}:", file=sys.stderr)
        print(result.stderr.strip()[-2000:], file=sys.stderr)
        return None


def main() -> int:
    strict = os.environ.get("STRICT", "") == "1"
    pip_audit = os.environ.get("PIP_AUDIT", str(ROOT / ".venv" / "bin" / "pip-audit"))
    checked, unchecked, vulnerable = set(), set(), {}
    for path in FILES:
        dependencies = audit(path, pip_audit)
        if dependencies is None:
            return 2
        for dependency in dependencies:
            if "skip_reason" in dependency:
                unchecked.add(dependency["name"])
                continue
            package = f"{dependency['name']} {dependency['version']}"
            checked.add(package)
            for vuln in dependency.get("vulns", []):
                vulnerable.setdefault(package, {})[vuln["id"]] = vuln.get("fix_versions", [])

    for package, vulns in sorted(vulnerable.items()):
        for vuln_id, fixes in sorted(vulns.items()):
            fixed = f" (opgelost in {', '.join(fixes)})" if fixes else " (nog geen oplossing)"
            print(f"KWETSBAAR: {package}: {vuln_id}{fixed}")
    count = sum(len(v) for v in vulnerable.values())
    total = len(checked) + len(unchecked)
    if unchecked:
        names = ", ".join(sorted(unchecked)[:SHOWN]) + (", ..." if len(unchecked) > SHOWN else "")
        print(
            f"\nWAARSCHUWING: {len(unchecked)} van de {total} pakketten zijn NIET gecontroleerd "
            "op bekende kwetsbaarheden: de pakketindex gaf voor hun versie geen "
            f"adviesgegevens ({names}).\nDat is geen geslaagde controle. Draai `make audit` "
            "op een machine die de adviesgegevens van de index bereikt.",
            file=sys.stderr,
        )
        if strict:
            print("STRICT=1: niet-gecontroleerde pakketten tellen als fout.", file=sys.stderr)
    if count:
        print(f"\nFOUT: {count} bekende kwetsbaarheden in {len(vulnerable)} pakketten.")
        return 1
    if unchecked and strict:
        return 1
    summary = f"Geen bekende kwetsbaarheden in de {len(checked)} gecontroleerde pakketten"
    print(
        f"{summary}; {len(unchecked)} niet gecontroleerd (zie boven)."
        if unchecked
        else f"{summary}."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
