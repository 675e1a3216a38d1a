"""What `pip install .` installs: every package and every data file the checker reads."""

import pytest

tomllib = pytest.importorskip("tomllib")

from conftest import ROOT


def test_every_subpackage_and_rule_folder_is_packaged():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    declared = set(config["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "checker").rglob("__init__.py")}
    assert found <= declared, found - declared
    data = config["package-data"]["checker._rules"]
    folders = {p.parent.name for p in (ROOT / "rules").rglob("*.yaml")}
    assert {f"{folder}/*.yaml" for folder in folders} <= set(data)
