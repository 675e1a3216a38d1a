"""The CI examples work as shipped: the GitHub workflow's `run:` steps and the GitLab job's script run here,
in a temporary repository of submissions, as far as a machine without GitHub or GitLab allows; the
pre-commit hooks run on the files they match, and only on those.

What is substituted, and why: the checkout is the temporary repository itself (its whole history, as
`fetch-depth: 0` and `GIT_DEPTH: 0` ask); `actions/setup-python` is this interpreter; `fazhi` is this
working tree (`python -m checker`). What is skipped, because it needs the network, and nothing else: the
`pip install "$FAZHI_CHECKER"` command, and the `uses:` steps that upload to GitHub (their input files are
checked instead). GitLab's `git fetch origin` runs, against a local bare repository as `origin`.
"""

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CI = ROOT / "examples" / "ci"
SAMPLES = ROOT / "samples"
PINNED = "git+https://example.invalid/fazhi-checker@" + "0123456789abcdef" * 2 + "01234567"
NO_BASE = "0" * 40  # github.event.before on the first push of a branch

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or shutil.which("bash") is None, reason="needs git and bash"
)


# ---- a repository of submissions ---------------------------------------------------------------------


def _git(repo, *args):
    out = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return out.stdout.strip()


def _commit(repo, message):
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", message)
    return _git(repo, "rev-parse", "HEAD")


def _submissions_repo(tmp_path, waivers=False):
    """main: submissions/2024/社旗县.yaml and 甲.yaml; the branch `change` then edits 甲 (RULE-001 fails in it)
    and adds 丙 (nothing blocks). Also what a real repository holds beside them: a workflow file, a
    pre-commit config and a README, none of them a submission. Returns (repo, base sha, head sha)."""
    repo = tmp_path / "repo"
    (repo / "submissions" / "2024").mkdir(parents=True)
    _git(repo, "init", "-q", "-b", "main")
    shutil.copy(SAMPLES / "sheqi-2024.yaml", repo / "submissions" / "2024" / "社旗县.yaml")
    shutil.copy(SAMPLES / "fictional-missed-rate.yaml", repo / "submissions" / "2024" / "甲.yaml")
    (repo / "submissions" / "README.md").write_text("# 报送材料\n", encoding="utf-8")
    (repo / ".github" / "workflows").mkdir(parents=True)
    shutil.copy(CI / "github-actions.yml", repo / ".github" / "workflows" / "fazhi.yml")
    shutil.copy(CI / "gitlab-ci.yml", repo / ".gitlab-ci.yml")
    shutil.copy(CI / "pre-commit-config.yaml", repo / ".pre-commit-config.yaml")
    if waivers:  # RULE-001 of 甲 accepted, in force whatever the day the test runs
        (repo / "waivers.yaml").write_text(
            "waivers:\n  - {rule: RULE-001, region: 示例县（虚构）甲, year: 2024, justification: 已补做合法性审核,\n"
            "     approved_by: 县司法局, approved_on: 2025-02-10, expires: 2100-12-31}\n",
            encoding="utf-8",
        )
    base = _commit(repo, "base")
    _git(repo, "checkout", "-q", "-b", "change")
    jia = repo / "submissions" / "2024" / "甲.yaml"
    jia.write_text("# 更正后重报\n" + jia.read_text(encoding="utf-8"), encoding="utf-8")
    shutil.copy(SAMPLES / "fictional-missing.yaml", repo / "submissions" / "2024" / "丙.yaml")
    head = _commit(repo, "change")
    return repo, base, head


def _fazhi_on_path(tmp_path):
    """A `fazhi` that is this working tree, first on PATH: what `pip install` would have put there."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "fazhi"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m checker "$@"\n', encoding="utf-8")
    shim.chmod(shim.stat().st_mode | stat.S_IXUSR)
    return {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "PYTHONPATH": str(ROOT)}


def _bash(script, cwd, env, options="-e"):
    return subprocess.run(
        ["bash", options, "-c", script],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, **env},
        timeout=300,
    )


# ---- GitHub Actions --------------------------------------------------------------------------------------

WORKFLOW = yaml.safe_load((CI / "github-actions.yml").read_text(encoding="utf-8"))
STEPS = WORKFLOW["jobs"]["check"]["steps"]
SUBSTITUTED = {
    "actions/checkout": "the temporary repository, its whole history",
    "actions/setup-python": "this interpreter",
}
NETWORK_USES = {"github/codeql-action/upload-sarif", "actions/upload-artifact"}


def _expressions(base, head):
    return {"github.event.pull_request.base.sha || github.event.before": base, "github.sha": head}


def _substitute(script, values):
    def one(match):
        expression = match.group(1).strip()
        assert expression in values, f"an expression the test does not know: {expression}"
        return values[expression]

    return re.sub(r"\$\{\{(.*?)\}\}", one, script)


def _condition(text, outputs):
    """The `if:` conditions the workflow uses: always(), and a step output compared with a string."""
    if text is None:
        return True
    result = True
    for term in (t.strip() for t in text.split("&&")):
        compare = re.fullmatch(r"steps\.(\w+)\.outputs\.(\w+) != '([^']*)'", term)
        if term == "always()":
            continue
        assert compare, f"a condition the test does not know: {term}"
        result = result and outputs.get(compare[1], {}).get(compare[2], "") != compare[3]
    return result


def _run_workflow(tmp_path, base, head, repo):
    """Every step of the job in order, as GitHub would run it on this repository, as far as possible here.
    Returns (what each step did, the Check step's process or None, the step summary's text)."""
    env = {**{k: str(v) for k, v in WORKFLOW["env"].items()}, **_fazhi_on_path(tmp_path)}
    summary = tmp_path / "step_summary.md"
    summary.write_text("", encoding="utf-8")
    outputs, done, check = {}, [], None
    for step in STEPS:
        name = step.get("name") or step["uses"]
        if not _condition(step.get("if"), outputs):
            done.append((name, "not run"))
            continue
        if "uses" in step:
            action = step["uses"].split("@")[0]
            if action in SUBSTITUTED:
                done.append((name, "substituted"))
            else:
                assert action in NETWORK_USES, f"an action the test does not know: {action}"
                upload = step["with"].get("sarif_file") or step["with"].get("path")
                assert (repo / upload).is_file(), f"{name}: {upload} was not written"
                done.append((name, "skipped: network"))
            continue
        script = _substitute(step["run"], _expressions(base, head))
        if 'pip install "$FAZHI_CHECKER"' in script:
            done.append((name, "skipped: network"))
            continue
        out_file = tmp_path / f"output-{len(done)}"
        out_file.write_text("", encoding="utf-8")
        proc = _bash(script, repo, {**env, "GITHUB_OUTPUT": str(out_file), "GITHUB_STEP_SUMMARY": str(summary)})
        assert "Traceback" not in proc.stderr, proc.stderr
        if step.get("id"):
            outputs[step["id"]] = dict(line.split("=", 1) for line in out_file.read_text().splitlines() if line)
        if name == "Check":
            check = proc
        else:
            assert proc.returncode == 0, f"{name}: {proc.stderr}"
        done.append((name, f"ran: {proc.returncode}"))
    return done, check, summary.read_text(encoding="utf-8")


def test_the_workflow_installs_from_a_pinned_repository_and_stops_with_a_message_until_it_is_set(tmp_path):
    source = WORKFLOW["env"]["FAZHI_CHECKER"]
    assert source == "git+https://github.com/OWNER/fazhi-checker@COMMIT_SHA"
    install = next(step for step in STEPS if step.get("name") == "Install fazhi-checker")
    assert "pip install fazhi-checker" not in (CI / "github-actions.yml").read_text(encoding="utf-8")
    shipped = _bash(install["run"], tmp_path, {"FAZHI_CHECKER": source})  # stops before pip: no network
    assert (shipped.returncode, shipped.stdout) == (
        1,
        "::error::Set FAZHI_CHECKER in this workflow to fazhi-checker's repository at a commit\n",
    )
    guard = install["run"].split("python -m pip install")[0]  # the guard alone, once set
    assert _bash(guard, tmp_path, {"FAZHI_CHECKER": PINNED}).returncode == 0


def test_the_workflow_checks_the_changed_submissions_of_a_pull_request(tmp_path):
    repo, base, head = _submissions_repo(tmp_path)
    done, check, summary = _run_workflow(tmp_path, base, head, repo)
    assert done == [
        ("actions/checkout@v4", "substituted"),
        ("actions/setup-python@v5", "substituted"),
        ("Install fazhi-checker", "skipped: network"),
        ("Changed submissions", "ran: 0"),
        ("Check", "ran: 1"),
        ("Upload SARIF", "skipped: network"),
        ("Upload JUnit", "skipped: network"),
    ]
    assert (repo / "changed.txt").read_text(encoding="utf-8").splitlines() == [
        "submissions/2024/丙.yaml",
        "submissions/2024/甲.yaml",
    ]  # not 社旗县, unchanged; nor the README
    # no waivers.yaml here: no --waivers, so no input error (exit 2) but RULE-001's failure (exit 1)
    annotations = [line for line in check.stdout.splitlines() if line.startswith("::error ")]
    assert len(annotations) == 1 and annotations[0].startswith(
        "::error file=submissions/2024/甲.yaml,line=36,col=30,title=RULE-001 "
    )  # 35 + the comment added
    assert check.stderr == ""
    sarif = json.loads((repo / "fazhi.sarif").read_text(encoding="utf-8"))
    assert sorted(
        {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    ) == ["submissions/2024/%E4%B8%99.yaml", "submissions/2024/%E7%94%B2.yaml"]
    suites = ET.parse(repo / "fazhi-junit.xml").getroot().findall("testsuite")
    assert [s.get("name") for s in suites] == [
        "示例县（虚构）丙 2024 (submissions/2024/丙.yaml)",
        "示例县（虚构）甲 2024 (submissions/2024/甲.yaml)",
    ]
    assert "`submissions/2024/甲.yaml`" in summary and "`RULE-001` 不达标" in summary


def test_the_workflow_uses_the_waiver_file_where_the_repository_has_one(tmp_path):
    repo, base, head = _submissions_repo(tmp_path, waivers=True)
    done, check, summary = _run_workflow(tmp_path, base, head, repo)
    assert ("Check", "ran: 0") in done
    assert not [line for line in check.stdout.splitlines() if line.startswith("::error ")]
    assert "`RULE-001` 已豁免" in summary
    sarif = json.loads((repo / "fazhi.sarif").read_text(encoding="utf-8"))
    waived = [r for r in sarif["runs"][0]["results"] if r.get("suppressions")]
    assert [r["ruleId"] for r in waived] == ["RULE-001"]


def test_the_workflow_checks_every_submission_where_there_is_no_base_to_compare_with(tmp_path):
    repo, _, head = _submissions_repo(tmp_path)
    done, check, _ = _run_workflow(tmp_path, NO_BASE, head, repo)
    assert ("Check", "ran: 1") in done
    assert sorted((repo / "changed.txt").read_text(encoding="utf-8").splitlines()) == [
        "submissions/2024/丙.yaml",
        "submissions/2024/甲.yaml",
        "submissions/2024/社旗县.yaml",
    ]
    assert "::error file=submissions/2024/社旗县.yaml," in check.stdout  # REPT-003


# ---- GitLab CI ------------------------------------------------------------------------------------------

JOB = yaml.safe_load((CI / "gitlab-ci.yml").read_text(encoding="utf-8"))["fazhi-check"]


def _run_gitlab(tmp_path, repo):
    """The job's script as GitLab's runner runs it (bash, `set -eo pipefail`, one line after another), with
    `origin` a local bare copy of main and the branch `change` checked out."""
    origin = tmp_path / "origin.git"
    _git(tmp_path, "clone", "-q", "--bare", str(repo), str(origin))
    _git(repo, "remote", "add", "origin", str(origin))
    env = {
        **{k: str(v) for k, v in JOB["variables"].items()},
        "FAZHI_CHECKER": PINNED,
        "CI_DEFAULT_BRANCH": "main",
        **_fazhi_on_path(tmp_path),
    }
    lines = [line for line in JOB["script"] if not line.startswith('pip install "$FAZHI_CHECKER"')]
    assert len(lines) == len(JOB["script"]) - 1  # the install, and only it, needs the network
    return _bash("set -o pipefail\n" + "\n".join(lines), repo, env)


def test_the_gitlab_job_stops_with_a_message_until_its_source_is_set(tmp_path):
    assert JOB["variables"]["FAZHI_CHECKER"] == "git+https://gitlab.com/OWNER/fazhi-checker.git@COMMIT_SHA"
    shipped = _bash(JOB["script"][0], tmp_path, {"FAZHI_CHECKER": JOB["variables"]["FAZHI_CHECKER"]})
    assert (shipped.returncode, shipped.stdout) == (
        1,
        "Set FAZHI_CHECKER in .gitlab-ci.yml to the fazhi-checker repository at a commit\n",
    )


@pytest.mark.parametrize("waivers, code", [(False, 1), (True, 0)])
def test_the_gitlab_job_checks_the_branch_against_the_default_branch(tmp_path, waivers, code):
    repo, _, _ = _submissions_repo(tmp_path, waivers=waivers)
    proc = _run_gitlab(tmp_path, repo)
    assert "Traceback" not in proc.stderr
    assert proc.returncode == code, proc.stderr
    assert (repo / "changed.txt").read_text(encoding="utf-8").splitlines() == [
        "submissions/2024/丙.yaml",
        "submissions/2024/甲.yaml",
    ]
    for name in ("fazhi.sarif", "fazhi-summary.md", "fazhi-junit.xml"):  # the artifacts and the report
        assert (repo / name).is_file(), name
    assert ("✗ 不达标 RULE-001" in proc.stdout) is not waivers


# ---- pre-commit ------------------------------------------------------------------------------------------

HOOKS = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
TYPES = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}  # identify's tags for these suffixes


def _selected(hook, paths):
    """The files pre-commit passes a hook: `files` searched in the path, and one of `types_or`."""
    pattern = re.compile(hook["files"])
    return [p for p in paths if pattern.search(p) and TYPES.get(Path(p).suffix) in hook["types_or"]]


def _entry(hook, files, cwd, tmp_path):
    return subprocess.run(
        ["bash", "-c", hook["entry"] + ' "$@"', "hook", *files],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, **_fazhi_on_path(tmp_path)},
        timeout=300,
    )


def test_the_hooks_run_on_submissions_only(tmp_path):
    repo, _, _ = _submissions_repo(tmp_path, waivers=True)
    tracked = [p for p in _git(repo, "ls-files", "-z").split("\0") if p]
    assert sorted(tracked) == [
        ".github/workflows/fazhi.yml",
        ".gitlab-ci.yml",
        ".pre-commit-config.yaml",
        "submissions/2024/丙.yaml",
        "submissions/2024/甲.yaml",
        "submissions/2024/社旗县.yaml",
        "submissions/README.md",
        "waivers.yaml",
    ]
    for hook in HOOKS.values():
        assert _selected(hook, tracked) == [
            "submissions/2024/丙.yaml",
            "submissions/2024/甲.yaml",
            "submissions/2024/社旗县.yaml",
        ]


@pytest.mark.parametrize(
    "hook_id, name, code",
    [
        ("fazhi-check", "丙.yaml", 0),  # nothing blocks (unreported indicators are not required)
        ("fazhi-check", "甲.yaml", 1),  # RULE-001 fails
        ("fazhi-validate", "甲.yaml", 0),  # well-formed
    ],
)
def test_a_hook_runs_its_entry_on_a_matching_file(tmp_path, hook_id, name, code):
    repo, _, _ = _submissions_repo(tmp_path)
    path = f"submissions/2024/{name}"
    assert _selected(HOOKS[hook_id], [path]) == [path]
    proc = _entry(HOOKS[hook_id], [path], repo, tmp_path)
    assert "Traceback" not in proc.stderr
    assert proc.returncode == code, proc.stdout + proc.stderr
    assert "\x1b[" not in proc.stdout


@pytest.mark.parametrize("hook_id", sorted(HOOKS))
def test_a_hook_leaves_out_the_files_that_would_fail_it(tmp_path, hook_id):
    """The workflow file is YAML but no submission: the pattern leaves it out, and rightly, since the entry
    given it fails the commit (what the hook did when it matched every YAML file)."""
    repo, _, _ = _submissions_repo(tmp_path)
    path = ".github/workflows/fazhi.yml"
    assert _selected(HOOKS[hook_id], [path]) == []
    proc = _entry(HOOKS[hook_id], [path], repo, tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_the_pre_commit_example_names_the_hooks_and_no_tag(tmp_path):
    config = yaml.safe_load((CI / "pre-commit-config.yaml").read_text(encoding="utf-8"))
    (repo,) = config["repos"]
    assert [h["id"] for h in repo["hooks"]] == ["fazhi-check"] and set(HOOKS) == {"fazhi-check", "fazhi-validate"}
    tags = set(_git(ROOT, "tag", "--list").split()) if (ROOT / ".git").exists() else set()
    for path in (CI / "pre-commit-config.yaml", ROOT / ".pre-commit-hooks.yaml", ROOT / "docs" / "ci.md"):
        for rev in re.findall(r"\brev: *([^\s#`]+)", path.read_text(encoding="utf-8")):
            assert rev in ("COMMIT_SHA", "main") or re.fullmatch(r"[0-9a-f]{40}", rev) or rev in tags, (path, rev)
