"""Launch links come from one place, _config.yml, and the docs that list them stay in step.

scripts/launch_links.py builds each lesson's Binder, Colab and JupyterHub (nbgitpuller)
links from _config.yml and keeps a generated block in README.md and the teacher's guide.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "launch_links.py"

_spec = importlib.util.spec_from_file_location("launch_links", SCRIPT)
launch_links = importlib.util.module_from_spec(_spec)
sys.modules["launch_links"] = launch_links  # dataclasses look their module up here
_spec.loader.exec_module(launch_links)


def _copy_course(tmp_path: Path) -> Path:
    """The files the script reads, copied so a test can change them."""
    for name in ("_config.yml", "lessons.yml", *launch_links.TARGETS):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return tmp_path


def _set_config(root: Path, section: str, key: str, value: str) -> None:
    path = root / "_config.yml"
    config = yaml.safe_load(path.read_text())
    config[section][key] = value
    path.write_text(yaml.safe_dump(config, sort_keys=False))


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True)


def test_readme_and_teachers_guide_blocks_match_config():
    assert launch_links.stale_blocks(ROOT) == []


def test_every_colab_setup_cell_clones_the_configured_repository():
    assert launch_links.find_notebooks(ROOT), "no lessons found in notebooks/"
    assert launch_links.colab_setup_problems(ROOT) == []


def test_check_command_passes_on_the_repository():
    result = _run("--check")
    assert result.returncode == 0, result.stderr


def test_links_follow_the_book_themes_url_rules():
    settings = launch_links.Settings(
        repository_url="https://github.com/org/course", branch="main", path_to_book="",
        binderhub_url="https://binder.example", colab_url="https://colab.example",
        jupyterhub_url="https://hub.example", interface="jupyterlab")
    links = launch_links.launch_links(settings, "notebooks/01_a.ipynb")
    assert links == {
        "Binder": "https://binder.example/v2/gh/org/course/main?urlpath=lab/tree/notebooks/01_a.ipynb",
        "Colab": "https://colab.example/github/org/course/blob/main/notebooks/01_a.ipynb",
        "JupyterHub": ("https://hub.example/hub/user-redirect/git-pull?repo=https%3A//github.com/org/course"
                       "&urlpath=lab/tree/course/notebooks/01_a.ipynb&branch=main"),
    }


def test_trailing_slashes_in_settings_give_no_double_slash(tmp_path):
    root = _copy_course(tmp_path)
    _set_config(root, "launch_buttons", "jupyterhub_url", "https://hub.example/")
    _set_config(root, "launch_buttons", "binderhub_url", "https://binder.example//")
    _set_config(root, "repository", "url", "https://github.com/org/course/")
    for _, _, links in launch_links.all_links(root):
        for url in links.values():
            assert "//" not in url.split("://", 1)[1].replace("%3A//", ""), url


def test_a_book_in_a_subfolder_puts_that_folder_in_the_links(tmp_path):
    settings = launch_links.Settings("https://github.com/org/course", "main", "docs",
                                     "https://binder.example", "https://colab.example",
                                     "https://hub.example", "classic")
    links = launch_links.launch_links(settings, "notebooks/a.ipynb")
    assert links["Binder"].endswith("?urlpath=tree/docs/notebooks/a.ipynb")
    assert links["Colab"].endswith("/blob/main/docs/notebooks/a.ipynb")
    assert "urlpath=tree/course/docs/notebooks/a.ipynb" in links["JupyterHub"]


def test_an_empty_provider_url_leaves_that_link_out(tmp_path):
    root = _copy_course(tmp_path)
    _set_config(root, "launch_buttons", "colab_url", "")
    _, _, links = launch_links.all_links(root)[0]
    assert set(links) == {"Binder", "JupyterHub"}


def test_changed_hub_address_makes_the_check_fail_until_the_blocks_are_rewritten(tmp_path):
    root = _copy_course(tmp_path)
    _set_config(root, "launch_buttons", "jupyterhub_url", "https://hub.my-university.example")
    result = _run("--check", "--root", str(root))
    assert result.returncode == 1
    assert "README.md" in result.stderr and "book/teachers_guide.md" in result.stderr

    assert _run("--write", "--root", str(root)).returncode == 0
    assert _run("--check", "--root", str(root)).returncode == 0
    for target in launch_links.TARGETS:
        assert "https://hub.my-university.example/hub/user-redirect/git-pull?" in (root / target).read_text()


def test_write_changes_only_the_marked_block(tmp_path):
    root = _copy_course(tmp_path)
    _set_config(root, "repository", "branch", "spring-term")
    before = (root / "README.md").read_text()
    launch_links.write_blocks(root)
    after = (root / "README.md").read_text()
    head, tail = before.split(launch_links.START)[0], before.split(launch_links.END)[1]
    assert after.startswith(head) and after.endswith(tail)
    assert "/blob/spring-term/" in after


def test_changed_repository_url_flags_colab_cells_that_clone_the_old_one(tmp_path):
    root = _copy_course(tmp_path)
    _set_config(root, "repository", "url", "https://github.com/a-teacher/labour-migration-course")
    launch_links.write_blocks(root)
    assert launch_links.stale_blocks(root) == []
    problems = launch_links.colab_setup_problems(root)
    assert len(problems) == len(launch_links.find_notebooks(root))
    assert all("a-teacher" in p for p in problems)
    assert _run("--check", "--root", str(root)).returncode == 1


def test_a_lesson_without_a_colab_setup_cell_fails_the_check(tmp_path):
    root = _copy_course(tmp_path)
    notebook = launch_links.find_notebooks(root)[0]
    content = json.loads(notebook.read_text())
    for cell in content["cells"]:
        tags = cell.get("metadata", {}).get("tags", [])
        if "colab-setup" in tags:
            tags.remove("colab-setup")
    notebook.write_text(json.dumps(content))
    assert any("no code cell tagged" in p for p in launch_links.colab_setup_problems(root))


def test_a_missing_marker_is_reported_not_silently_skipped(tmp_path):
    root = _copy_course(tmp_path)
    readme = root / "README.md"
    readme.write_text(readme.read_text().replace(launch_links.END, ""))
    assert any("exactly one block" in p for p in launch_links.stale_blocks(root))


def test_a_repository_url_off_github_is_refused(tmp_path):
    root = _copy_course(tmp_path)
    _set_config(root, "repository", "url", "https://example.org/course.git")
    result = _run("--root", str(root))
    assert result.returncode == 2
    assert "GitHub" in result.stderr


@pytest.mark.slow
def test_lesson_pages_rocket_menu_offers_the_same_links(site_dir):
    """The built site's launch buttons and the generated docs agree, link for link."""
    for notebook, _, links in launch_links.all_links(ROOT):
        page = site_dir / notebook.relative_to(ROOT).with_suffix(".html")
        hrefs = {h.replace("&amp;", "&") for h in re.findall(r'href="([^"]+)"', page.read_text())}
        for provider, url in links.items():
            assert url in hrefs, f"{page.name}: the rocket menu has no {provider} link {url}"
