"""`make audit`: the locked dependencies against published advisories, saying plainly what could not be checked.

pip-audit reads requirements.lock and asks PyPI for each pinned version's advisories; npm audit sends
package-lock.json to the npm registry's advisory endpoint. A mirror or a proxy may serve packages without the
advisory data: pip-audit then reports every package as skipped (and "No known vulnerabilities found"), npm audit
an endpoint error. Both are reported here as NOT audited, never as a pass.

Exit status: 0 all audited and clean; 1 a known vulnerability; 2 something could not be audited.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def pip_audit() -> int:
    exe = Path(sys.executable).with_name("pip-audit")
    if not exe.exists():
        print("pip-audit: not installed (run `make setup`): the Python packages were NOT audited.")
        return 2
    result = subprocess.run([str(exe), "--disable-pip", "--progress-spinner", "off", "-r", str(ROOT / "requirements.lock"), "-f", "json"],
                            capture_output=True, text=True, cwd=ROOT)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        print("pip-audit: could not reach PyPI's advisory data: the Python packages were NOT audited.")
        print("\n".join(ln for ln in result.stderr.splitlines() if "Location" not in ln)[-2000:])
        return 2
    deps = report.get("dependencies", [])
    skipped = [d for d in deps if d.get("skip_reason")]
    vulnerable = [d for d in deps if d.get("vulns")]
    for d in vulnerable:
        for v in d["vulns"]:
            fixes = ", ".join(v.get("fix_versions") or []) or "no fixed version yet"
            print(f"pip-audit: {d['name']} {d['version']}: {v['id']} (fixed in {fixes})")
    if deps and len(skipped) == len(deps):
        print(f"pip-audit: PyPI's advisory data could not be reached for any of the {len(deps)} locked packages "
              "(the index answers, the per-version advisory API does not): the Python packages were NOT audited.")
        return 2
    if skipped:
        print(f"pip-audit: {len(skipped)} of {len(deps)} packages could not be audited: {', '.join(d['name'] for d in skipped)}")
    if not vulnerable:
        print(f"pip-audit: {len(deps) - len(skipped)} locked packages audited, no known vulnerabilities.")
    return 1 if vulnerable else (2 if skipped else 0)


def npm_audit() -> int:
    npm = shutil.which("npm")
    if npm is None:
        print("npm audit: npm is not installed: the front-end packages were NOT audited.")
        return 2
    result = subprocess.run([npm, "audit", "--package-lock-only", "--json"], capture_output=True, text=True, cwd=ROOT)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        report = {}
    if "error" in report or "metadata" not in report:
        lines = [ln.removeprefix("npm warn ").removeprefix("npm error ") for ln in result.stderr.splitlines() if "audit" in ln and "log of this run" not in ln]
        detail = (report.get("error") or {}).get("summary") or "; ".join(lines) or "no answer"
        print(f"npm audit: the registry's advisory endpoint could not be reached ({detail}): the front-end packages were NOT audited.")
        return 2
    counts = report["metadata"].get("vulnerabilities", {})
    total = sum(v for k, v in counts.items() if k != "total")
    if total:
        subprocess.run([npm, "audit", "--package-lock-only"], cwd=ROOT)
        return 1
    print(f"npm audit: {report['metadata'].get('dependencies', {}).get('total', '?')} locked packages audited, no known vulnerabilities.")
    return 0


def main() -> int:
    return max(pip_audit(), npm_audit())


if __name__ == "__main__":
    sys.exit(main())
