"""Size of the learner environment: what Binder installs from binder/requirements.txt."""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from . import ROOT
from .report import INFO, Row, megabytes
from .weight import folder_size

REQUIREMENTS = "binder/requirements.txt"


def requirement_names(root: Path = ROOT) -> list[str]:
    """The distributions named in binder/requirements.txt (``-e .`` is the course package)."""
    names = []
    for line in (root / REQUIREMENTS).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith(("-e", "--editable")):
            names.append("labour-migration")
        elif not line.startswith("-"):
            names.append(Requirement(line).name)
    return names


def dependency_closure(names: list[str]) -> dict[str, metadata.Distribution]:
    """Every installed distribution the named ones need, themselves included."""
    found, todo = {}, [canonicalize_name(n) for n in names]
    while todo:
        name = todo.pop()
        if name in found:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        found[name] = dist
        for text in dist.requires or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(canonicalize_name(requirement.name))
    return found


def installed_size(root: Path = ROOT) -> dict:
    """Bytes of the learner packages (and their dependencies) inside the running environment,
    counted from each distribution's RECORD, so files outside site-packages count too."""
    closure = dependency_closure(requirement_names(root))
    total = 0
    for dist in closure.values():
        for file in dist.files or []:
            path = Path(dist.locate_file(file))
            if path.is_file() and not path.is_symlink():
                total += path.stat().st_size
    return {"bytes": total, "distributions": len(closure)}


def fresh_venv_size(root: Path = ROOT, timeout: int = 900) -> dict:
    """Create a new venv, install binder/requirements.txt into it, and measure it."""
    with tempfile.TemporaryDirectory(prefix="learner-env-") as folder:
        venv = Path(folder) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
        python = venv / "bin" / "python"
        start = time.perf_counter()
        result = subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             "--no-input", "-r", REQUIREMENTS], cwd=root, capture_output=True, text=True,
            timeout=timeout)
        install_s = time.perf_counter() - start
        if result.returncode:
            raise RuntimeError(f"pip install failed: {result.stderr.strip()[-500:]}")
        size, files = folder_size(venv)
        pip_size, _ = folder_size(next((venv / "lib").glob("python3*/site-packages/pip")))
        listed = subprocess.run([str(python), "-m", "pip", "list", "--format=freeze",
                                 "--disable-pip-version-check"], capture_output=True, text=True)
        packages = len([l for l in listed.stdout.splitlines() if re.match(r"\S+==|\S+ @", l)])
    return {"bytes": size, "files": files, "pip_bytes": pip_size, "install_s": install_s,
            "distributions": packages}


def environment_row(mode: str = "fresh", root: Path = ROOT, timeout: int = 900) -> Row:
    """``mode`` is "fresh" (new venv; falls back to "installed" if pip fails or times out)
    or "installed" (count the learner packages inside the running .venv)."""
    measure = f"Learner environment ({REQUIREMENTS})"
    installed = installed_size(root)
    fallback = ""
    if mode == "fresh":
        try:
            fresh = fresh_venv_size(root, timeout)
        except (RuntimeError, subprocess.SubprocessError, OSError) as error:
            fallback = f"fresh install failed or timed out ({str(error)[:120]}); "
        else:
            return Row(measure, megabytes(fresh["bytes"]), status=INFO,
                       notes=f"a fresh venv with pip install -r {REQUIREMENTS}: {fresh['distributions']} "
                             f"distributions, {fresh['files']:,} files, pip itself "
                             f"{megabytes(fresh['pip_bytes'])}; the install took {fresh['install_s']:.0f} s "
                             f"(pip's local cache may have served some downloads). Cross-check: the same packages inside .venv "
                             f"come to {megabytes(installed['bytes'])}",
                       values={"fresh": fresh, "installed": installed})
    return Row(measure, megabytes(installed["bytes"]), status=INFO,
               notes=f"{fallback}counted inside .venv: the {installed['distributions']} distributions "
                     f"that {REQUIREMENTS} names and needs, summed from their installed file "
                     f"lists (RECORD); a fresh venv adds pip",
               values={"installed": installed})
