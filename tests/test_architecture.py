"""The house rules a newcomer can rely on: no import circle among checker's modules, no module
importing another's private name, and every message code in both languages."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

from checker import i18n

CHECKER = Path(__file__).resolve().parent.parent / "checker"


def _modules() -> dict[str, Path]:
    found = {}
    for path in CHECKER.rglob("*.py"):
        parts = path.relative_to(CHECKER.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path):
    """(imported module, names imported from it, line) of every import statement, at any depth
    (an import inside a function is an edge too: it runs, later)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, (), node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(up + ([node.module] if node.module else []))
            yield base, tuple(a.name for a in node.names), node.lineno


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for name, path in MODULES.items():
        for module, names, _ in _imports(name, path):
            # ``from checker.pack import rules`` imports the module checker.pack.rules; a name that is
            # not a module (or ``import checker.pack``) is an edge to the package itself
            submodules = {f"{module}.{n}" for n in names} & MODULES.keys()
            graph[name] |= submodules
            if module in MODULES and module != name and (not names or len(submodules) < len(names)):
                graph[name].add(module)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_cycle_finder_finds_a_circle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_circle_among_checkers_modules():
    assert _cycles(_graph()) == []


def test_no_module_imports_another_modules_private_name():
    private = []
    for name, path in MODULES.items():
        for module, names, line in _imports(name, path):
            for imported in names:
                if imported.startswith("_") and not (imported.startswith("__") and imported.endswith("__")):
                    private.append(f"{path.relative_to(CHECKER.parent)}:{line}: {module}.{imported}")
    assert private == []


def _fields(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def test_every_message_and_hint_is_in_both_languages_with_the_same_placeholders():
    for table in (i18n.MESSAGES, i18n.HINTS):
        for code, texts in table.items():
            assert len(texts) == len(i18n.LANGS) and all(t.strip() for t in texts), code
            zh, en = texts
            assert _fields(zh) == _fields(en), code


CODE = re.compile(r"[a-z][a-z_]*\.[a-z0-9_]+(?:\.[a-z0-9_]+)*\Z")


def test_every_message_code_the_code_names_exists():
    """Each code a call in checker/ names (the first argument of Diagnostic(…), i18n.t(…), a loader's
    error(…) …) shaped like one whose family the catalogue has (input.x, value.x, cli.x …) is a code
    the catalogue holds, in both languages (checked above)."""
    families = {code.split(".")[0] for code in i18n.MESSAGES}
    unknown, seen = [], 0
    for path in MODULES.values():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            first = node.args[:1] + [k.value for k in node.keywords if k.arg == "code"]
            for arg in first:
                if (
                    isinstance(arg, ast.Constant)
                    and isinstance(arg.value, str)
                    and CODE.match(arg.value)
                    and arg.value.split(".")[0] in families
                ):
                    seen += 1
                    if arg.value not in i18n.MESSAGES:
                        unknown.append(f"{path.relative_to(CHECKER.parent)}:{node.lineno}: {arg.value}")
    assert seen > 300  # the scan sees the codes (Diagnostic("input.x", …), i18n.t("cli.x", …), …)
    assert unknown == []


def test_every_format_module_is_a_renderer_and_streaming_ones_stream():
    import importlib

    from checker.render import FORMATS
    from checker.render.protocol import Renderer, StreamingRenderer

    streaming = []
    for name, (module_name, _, _) in FORMATS.items():
        module = importlib.import_module(module_name)
        assert isinstance(module, Renderer), name
        if getattr(module, "STREAM", False):
            assert isinstance(module, StreamingRenderer), name
            streaming.append(name)
    assert streaming == ["text", "json"]
