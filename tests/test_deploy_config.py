"""The class-hub recipe (deploy/jupyterhub) is valid and sized from what was measured.

``config.yaml`` holds Zero to JupyterHub values; ``measured.json`` the memory one learner
used on the local hub (``python -m benchmarks --only hub``). A guarantee below the
measurement would let the scheduler pack more learners onto a node than it can hold.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy" / "jupyterhub"


def config() -> dict:
    return yaml.safe_load((DEPLOY / "config.yaml").read_text(encoding="utf-8"))


def kubespawner_bytes(size) -> int:
    """A memory size as kubespawner reads it: a number of bytes, or K/M/G/T in 1024s."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([KMGT]?)", str(size).strip())
    assert match, f"{size!r} is not a size kubespawner understands (use e.g. 512M or 1G)"
    return int(float(match.group(1)) * 1024 ** " KMGT".index(match.group(2) or " "))


def test_config_has_the_sections_a_class_hub_needs():
    values = config()
    assert set(values) <= {"hub", "proxy", "singleuser", "cull", "prePuller", "scheduling", "ingress"}
    user = values["singleuser"]
    assert user["image"]["name"] and str(user["image"]["tag"]) not in ("", "latest"), \
        "pin the single-user image to a tag, so every learner gets the same one"
    assert user["defaultUrl"] == "/lab"
    assert {"guarantee", "limit"} <= set(user["memory"]) and {"guarantee", "limit"} <= set(user["cpu"])


def test_memory_guarantee_is_not_below_what_one_learner_was_measured_to_use():
    measured = json.loads((DEPLOY / "measured.json").read_text())
    memory = config()["singleuser"]["memory"]
    guarantee, limit = kubespawner_bytes(memory["guarantee"]), kubespawner_bytes(memory["limit"])
    assert guarantee >= measured["per_learner_resident_bytes_max"], (
        f"guarantee {memory['guarantee']} is below the {measured['per_learner_resident_bytes_max'] / 1e6:.0f} MB "
        f"measured on {measured['measured_on']}")
    assert limit >= guarantee


def test_idle_servers_are_culled():
    cull = config()["cull"]
    assert cull["enabled"] is True
    assert 600 <= int(cull["timeout"]) <= 4 * 3600, "cull after between 10 minutes and 4 hours idle"
    assert int(cull["every"]) <= int(cull["timeout"])


def test_the_image_installs_binders_pins_and_the_same_nbgitpuller_as_the_tests():
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    assert "binder/requirements.txt" in dockerfile and "deploy/jupyterhub/requirements.txt" in dockerfile
    image = {Requirement(l).name: str(Requirement(l).specifier)
             for l in (DEPLOY / "requirements.txt").read_text().splitlines() if l and not l.startswith("#")}
    tested = {Requirement(l).name: str(Requirement(l).specifier)
              for l in (ROOT / "requirements.txt").read_text().splitlines()
              if l.strip() and not l.startswith(("#", "-"))}
    assert image.get("nbgitpuller") and image["nbgitpuller"] == tested.get("nbgitpuller")


def test_the_courses_hub_address_is_set_once_in_config_yml():
    launch = yaml.safe_load((ROOT / "_config.yml").read_text())["launch_buttons"]
    assert re.fullmatch(r"https://[^/\s]+(/[^\s]*)?", launch["jupyterhub_url"])
