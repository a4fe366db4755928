"""Binder's build inputs resolve: a launch must not fail while mybinder builds the image.

mybinder builds ``binder/`` with repo2docker, whose default Python has lagged behind what
the course pins need (pandas 3 and numpy 2.4 need Python 3.11 or newer). ``binder/runtime.txt``
names the version, and this test asks pip to resolve ``binder/requirements.txt`` for exactly
that Python on Linux with binary wheels only, as repo2docker will install it, so a pin that
has no wheel there fails here rather than on the day of a class. ``-e .`` (the course's own
package) is left aside; its declared dependencies are resolved together with the pins.

Resolving asks PyPI: without it the test skips on a developer's machine and fails under CI.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
import urllib.request
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
BINDER = ROOT / "binder"
# The Linux wheels mybinder's image can install (its base is a recent Ubuntu); pip does
# not widen a --platform to older manylinux tags by itself, so every tag is named.
PLATFORMS = ["manylinux_2_28_x86_64", "manylinux_2_17_x86_64", "manylinux2014_x86_64",
             "manylinux_2_12_x86_64", "manylinux2010_x86_64", "manylinux_2_5_x86_64",
             "manylinux1_x86_64", "linux_x86_64"]


def runtime_python() -> str:
    """The version in binder/runtime.txt ("python-3.11" gives "3.11")."""
    text = (BINDER / "runtime.txt").read_text(encoding="utf-8").strip()
    match = re.fullmatch(r"python-(3\.\d+)", text)
    assert match, f"binder/runtime.txt must read like python-3.11, not {text!r}"
    return match.group(1)


def pins() -> dict[str, Requirement]:
    found = {}
    for line in (BINDER / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            requirement = Requirement(line)
            found[canonicalize_name(requirement.name)] = requirement
    return found


def pypi_reachable() -> bool:
    try:
        with urllib.request.urlopen("https://pypi.org/simple/pip/", timeout=15):
            return True
    except OSError:
        return False


def test_binder_names_a_python_version_that_the_course_supports():
    version = runtime_python()
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert version + ".0" in SpecifierSet(requires), f"binder/runtime.txt {version} is outside {requires}"


def test_every_learner_requirement_is_pinned_exactly_for_a_reproducible_build():
    loose = [str(r) for r in pins().values() if not re.fullmatch(r"==[^,*]+", str(r.specifier))]
    assert loose == []


def test_the_class_hub_image_and_ci_use_binders_python():
    version = runtime_python()
    dockerfile = (ROOT / "deploy" / "jupyterhub" / "Dockerfile").read_text()
    assert re.search(rf"^FROM \S+:python-{re.escape(version)}\s*$", dockerfile, re.M), \
        "deploy/jupyterhub/Dockerfile must start from the Python that binder/runtime.txt names"
    workflow = (ROOT / ".github" / "workflows" / "deploy.yml").read_text()
    assert f'python-version: "{version}"' in workflow


@pytest.mark.slow
def test_binder_requirements_resolve_for_that_python_with_binary_wheels_only(tmp_path):
    if not pypi_reachable():
        message = "PyPI cannot be reached, so binder/requirements.txt cannot be resolved"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    version = runtime_python()
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("\n".join([str(r) for r in pins().values()] + declared) + "\n")
    report = tmp_path / "report.json"
    command = [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
               "--disable-pip-version-check", "--report", str(report),
               "--python-version", version, "--implementation", "cp",
               "--abi", f"cp{version.replace('.', '')}", "--only-binary", ":all:",
               *[arg for platform in PLATFORMS for arg in ("--platform", platform)],
               "-r", str(requirements)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    problems = "\n".join(line for line in result.stderr.splitlines() if "is ignored" not in line)
    assert result.returncode == 0, f"pip cannot install binder/requirements.txt on Python {version}:\n{problems}"
    resolved = {canonicalize_name(item["metadata"]["name"]): item["metadata"]["version"]
                for item in json.loads(report.read_text())["install"]}
    for name, requirement in pins().items():
        assert name in resolved and requirement.specifier.contains(resolved[name]), (name, resolved.get(name))
    print(f"\nbinder/requirements.txt resolves on Python {version}: {len(resolved)} distributions, all wheels")
