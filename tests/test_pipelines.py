"""The CI recipes, pre-commit hooks and editor schema users copy: run as a pipeline would."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import build_story

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent  # where this environment's `actionplan` script lives


@pytest.fixture
def plan_repo(tmp_path) -> Path:
    return build_story(tmp_path / "repo")


def pipeline_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(
        PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        CI="true",
        ACTIONPLAN_TODAY="2009-04-20",
        **extra,
    )
    return env


def run_script(script: str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    # As GitHub's `bash -e {0}` and GitLab's shell run them: stop at the first failure.
    return subprocess.run(
        ["bash", "-e", "-c", script], cwd=cwd, env=env, capture_output=True, text=True
    )


def uses_actionplan(script: str) -> bool:
    return "actionplan " in script and "pip install" not in script


def test_github_actions_recipe_runs_green(plan_repo, tmp_path):
    doc = yaml.safe_load((ROOT / "examples" / "ci" / "github-actions.yml").read_text())
    steps = doc["jobs"]["check"]["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact") for s in steps)
    assert doc["jobs"]["publish"]["steps"][0]["uses"].startswith("actions/deploy-pages")
    summary = tmp_path / "summary.md"
    env = pipeline_env(tmp_path, GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary))
    scripts = [s["run"] for s in steps if "run" in s and uses_actionplan(s["run"])]
    assert len(scripts) == 3
    for script in scripts:
        r = run_script(script, plan_repo, env)
        assert r.returncode == 0, (script, r.stdout, r.stderr)
        assert "\x1b[" not in r.stdout + r.stderr  # GITHUB_ACTIONS must not force colour
    public = plan_repo / "public"
    assert (public / "board-paper.md").read_text().startswith("# Sample Board")
    assert (public / "index.html").read_text().startswith("<!DOCTYPE html>")
    assert (
        json.loads((public / "report.json").read_text())["period"]["board_tag"]
        == "board/2009-03-01"
    )
    text = summary.read_text()
    assert "## Overdue actions" in text and "\x1b[" not in text


def test_gitlab_recipe_runs_green(plan_repo, tmp_path):
    doc = yaml.safe_load((ROOT / "examples" / "ci" / "gitlab-ci.yml").read_text())
    assert doc["variables"]["GIT_DEPTH"] == 0
    assert doc["pages"]["artifacts"]["paths"] == ["public"]
    env = pipeline_env(tmp_path, GITLAB_CI="true")
    for job in ("check", "pages"):
        script = "\n".join(doc[job]["script"])
        assert uses_actionplan(script)
        r = run_script(script, plan_repo, env)
        assert r.returncode == 0, (job, r.stdout, r.stderr)
    assert (plan_repo / "public" / "index.html").exists()


def test_recipes_in_a_detached_checkout(plan_repo, tmp_path):
    """CI systems check out a commit, not a branch."""
    subprocess.run(["git", "checkout", "-q", "--detach"], cwd=plan_repo, check=True)
    doc = yaml.safe_load((ROOT / "examples" / "ci" / "gitlab-ci.yml").read_text())
    r = run_script("\n".join(doc["pages"]["script"]), plan_repo, pipeline_env(tmp_path))
    assert r.returncode == 0, r.stderr
    assert "detached HEAD" in (plan_repo / "public" / "board-paper.md").read_text()


def test_pre_commit_hooks(plan_repo, tmp_path):
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert {h["id"] for h in hooks} == {"actionplan-check", "actionplan-check-strict"}
    env = pipeline_env(tmp_path)
    for hook in hooks:
        assert re.search(hook["files"], "plans/kent.toml")
        assert re.search(hook["files"], "frameworks/scotland-community-supports.toml")
        assert not re.search(hook["files"], "README.md")
        assert hook["pass_filenames"] is False and hook["language"] == "python"
        r = subprocess.run(
            hook["entry"].split(), cwd=plan_repo, env=env, capture_output=True, text=True
        )
        assert r.returncode == 0, r.stderr
    broken = plan_repo / "plans" / "other.toml"
    broken.write_text(broken.read_text().replace('status = "complete"', 'status = "done"'))
    r = subprocess.run(
        hooks[0]["entry"].split(), cwd=plan_repo, env=env, capture_output=True, text=True
    )
    assert r.returncode == 1 and "E004" in r.stdout


def test_published_schema_is_in_sync(run):
    published = (ROOT / "schema" / "plan-v1.schema.json").read_text()
    assert run("schema").stdout == published, (
        "regenerate: actionplan schema > schema/plan-v1.schema.json"
    )


def test_bundled_plans_validate_against_the_published_schema():
    """The schema agrees with check: the bundled plans (valid for check) satisfy it."""
    import tomllib
    from datetime import date

    schema = json.loads((ROOT / "schema" / "plan-v1.schema.json").read_text())

    def as_json(v):
        if isinstance(v, date):
            return v.isoformat()
        if isinstance(v, dict):
            return {k: as_json(x) for k, x in v.items()}
        if isinstance(v, list):
            return [as_json(x) for x in v]
        return v

    def validate(value, node):
        if "$ref" in node:
            node = schema["definitions"][node["$ref"].rsplit("/", 1)[1]]
        kind = node.get("type")
        if kind == "object":
            assert isinstance(value, dict)
            for key in node["required"]:
                assert key in value, key
            for key, sub in node["properties"].items():
                if key in value:
                    validate(value[key], sub)
        elif kind == "array":
            assert isinstance(value, list)
            for item in value:
                validate(item, node["items"])
        elif kind == "string":
            assert isinstance(value, str)
            if node.get("format") == "date":
                assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)
            if "enum" in node:
                assert value in node["enum"]

    for path in sorted((ROOT / "plans").glob("*.toml")):
        validate(as_json(tomllib.loads(path.read_text())), schema)


def test_completion_never_prints_a_traceback(workdir):
    p = workdir / "plans" / "sample.toml"
    env = {
        **os.environ,
        "_ACTIONPLAN_COMPLETE": "complete_bash",
        "COMP_WORDS": "actionplan show SAM-T1",
        "COMP_CWORD": "2",
    }
    r = subprocess.run([BIN / "actionplan"], cwd=workdir, env=env, capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.split() == ["SAM-T1-01", "SAM-T1-02"]
    p.write_text(p.read_text() + "\n[[actions]\nid = ")  # half-edited
    r = subprocess.run([BIN / "actionplan"], cwd=workdir, env=env, capture_output=True, text=True)
    assert r.returncode == 0 and "Traceback" not in r.stderr
    env["COMP_WORDS"] = "actionplan status sam"
    r = subprocess.run([BIN / "actionplan"], cwd=workdir, env=env, capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.split() == ["sample"]
