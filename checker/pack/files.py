"""The files a rule pack is read from: where the bundled rules are, which file a profile names, and
one YAML file read with positions (capped in size, cached while unchanged)."""

from __future__ import annotations

from pathlib import Path

from checker import cache, yamlpos
from checker.errors import Diagnostic
from checker.inputfile import TooLarge, read_capped
from checker.yamlpos import YMap

DEFAULT_ROOT = Path(__file__).resolve().parent.parent.parent / "rules"
DEFAULT_PROFILE = "national"


def rules_root() -> Path:
    """The bundled rules directory (installed beside the package, or the source tree)."""
    installed = Path(__file__).resolve().parent.parent / "_rules"
    return installed if installed.is_dir() else DEFAULT_ROOT


MAX_YAML_BYTES = 5 * 1024 * 1024  # a catalogue, rule pack, profile or scheme file: as a submission


def read_yaml(path: Path, diags: list, reads=None, not_mapping: str = "input.not_mapping"):
    """The YAML document in ``path`` (``reads``, a ``built.Reads``, notes that it was read);
    ``not_mapping``: the code said where it is not a mapping (a profile's own, not a submission's)."""
    try:
        raw = read_capped(path, MAX_YAML_BYTES)  # a profile or scheme given by path may be a pipe
        if reads is not None:
            reads.file(path, raw)
        data = cache.get(raw)
        if data is None:
            data, found = yamlpos.load(raw.decode("utf-8-sig"), str(path))
            diags.extend(found)
            if not found and isinstance(data, YMap):
                cache.put(raw, data)
    except TooLarge as exc:
        diags.append(exc.diagnostic(str(path)))
        return None
    except (OSError, UnicodeDecodeError) as exc:
        diags.append(Diagnostic("file.unreadable", str(path), None, None, {"reason": str(exc)}))
        return None
    if data is not None and not isinstance(data, YMap):
        diags.append(Diagnostic(not_mapping, str(path), 1, 1))
        return None
    return data


def profile_path(root: Path, profile) -> Path | None:
    if profile is None:
        profile = DEFAULT_PROFILE
    path = Path(profile)
    if path.suffix in (".yaml", ".yml") or path.exists():
        return path
    return root / "profiles" / f"{profile}.yaml"
