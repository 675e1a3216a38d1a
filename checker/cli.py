"""The ``fazhi`` command: parse arguments, run the pipeline, pick renderers, set the exit code."""
from __future__ import annotations

import argparse
import errno
import os
import sys

from checker import __version__, i18n
from checker.model import DEFAULT_FAIL_ON, FAIL_ON, SUMMARY_KEYS


HELP = {
    "description": ("法治政府建设考核指标核查工具：按声明式规则核对报送的指标，给出逐项结论。",
                    "Checks rule-of-law government indicator sets against declarative rules."),
    "check": ("核查报送材料（YAML/JSON）或报告正文（.txt/.html/.docx），可给目录",
              "check submissions (YAML/JSON) or prose reports (.txt/.html/.docx), files or directories"),
    "validate": ("只检查格式，不评估规则", "check the format only"),
    "rules": ("查看或检查规则包", "list, show or lint the rule pack"),
    "list": ("列出规则", "list the rules"),
    "show": ("显示一条规则", "show one rule"),
    "show_year": ("只显示该报告年度适用的依据版本（默认列出全部版本）",
                  "show the version of the basis cited for this reporting year (default: every version)"),
    "lint": ("检查规则包（目录、条件、示例、适用方案、评分方案）",
             "lint the rule pack (catalogue, conditions, examples, profiles, scoring schemes)"),
    "format": ("输出格式，可重复，可写作 名称=文件：{formats}", "output format, repeatable, NAME or NAME=FILE: {formats}"),
    "lang": ("界面语言（默认中文）", "language of the output (default zh)"),
    "profile": ("适用方案：名称（rules/profiles/ 下）或 YAML 文件；默认 national", "profile name or YAML file (default national)"),
    "engine": ("规则引擎：durable（默认，可用时）或 python", "rule engine: durable (default where it imports) or python"),
    "rules_dir": ("规则目录（默认为内置规则）", "rules directory (default: the bundled rules)"),
    "width": ("终端输出宽度", "width of the terminal output"),
    "color": ("彩色输出：auto、always、never", "colour: auto, always, never"),
    "verbose": ("同时显示说明（如数值规范化）", "also show notes (such as normalised values)"),
    "require_complete": ("约束性规则（法律法规、中央文件、地方规定、数据一致性）用到的每个指标都必须报告，未报告即不通过",
                         "every indicator a binding rule (law, central document, local, consistency) reads must be reported; "
                         "one not reported fails the check"),
    "all": ("按领域列出全部规则的结论（默认只详列需处理的问题）",
            "list every rule's outcome by area (by default only what needs action is detailed)"),
    "only": ("只列出这些结论的规则，逗号分隔：{statuses}", "list only rules with these outcomes, comma-separated: {statuses}"),
    "area": ("只列出该领域", "only this area"),
    "fail_on": ("哪些结论使退出码为 1：critical、major、minor（默认，所有阻断性结论）、warn（连同警示）",
                "which findings make exit code 1: critical, major, minor (default: every blocking finding), "
                "warn (warnings too)"),
    "waivers": ("豁免文件（YAML）", "waiver file (YAML)"),
    "score": ("评分、定等次、排名，输出评分表和报告", "score, grade and rank a cohort; write scoring sheets and a report"),
    "scheme": ("评分方案：名称（rules/schemes/ 下）或 YAML 文件；默认 national", "scoring scheme name or YAML file (default national)"),
    "jobs": ("并行进程数（默认：全部 CPU 核）", "parallel processes (default: all cores)"),
    "check_jobs": ("并行进程数（默认：全部 CPU 核；少于64个文件时单进程）",
                   "parallel processes (default: all cores; one process below 64 files)"),
    "previous": ("上一年度的报送材料（文件或目录），用于同比", "previous year's submissions (files or directories) for the change"),
    "xlsx": ("写出 Excel 评分表", "write the Excel scoring sheet"),
    "csv": ("写出排名 CSV", "write the ranking as CSV"),
    "html": ("写出 HTML 报告（单文件，可离线打开和打印）", "write the HTML report (one file, works offline, prints on A4)"),
    "score_format": ("标准输出格式：text（排名表）或 json", "stdout format: text (ranking table) or json"),
    "extract": ("从报告正文（.txt/.html/.docx）提取指标，写成报送格式", "extract the indicators from a prose report (.txt/.html/.docx)"),
    "output": ("写入文件（默认标准输出）", "write to this file (default: stdout)"),
    "accuracy": ("用标注语料（*.labels.yaml）计算提取的精确率和召回率", "precision and recall against a labelled corpus (*.labels.yaml)"),
    "meta": ("报告正文未载明时补充：地区", "when the text does not say: the region"),
    "meta_year": ("报告正文未载明时补充：年度", "when the text does not say: the year"),
    "meta_date": ("报告正文未载明时补充：公开日期", "when the text does not say: the publication date"),
    "progress": ("显示进度条（默认：终端上且文件较多时）", "show a progress bar (default: on a terminal with many files)"),
    "today": ("判断豁免是否到期所用的日期（默认今天）", "the date waiver expiry is judged against (default: today)"),
    "paths_from": ("从文件读取要检查的路径，每行一个（- 为标准输入，空行忽略）；可代替或补充命令行上的路径",
                   "read the paths to check from FILE, one a line (- for stdin; blank lines ignored), "
                   "instead of or besides those on the command line"),
    "sarif_all": ("SARIF 中也列出通过和不适用的结论（默认只列需关注的结论）",
                  "also list pass and not-applicable results in SARIF (by default only those that need attention)"),
}


def _h(key: str, lang: str, **params) -> str:
    zh, en = HELP[key]
    return (en if lang == "en" else zh).format(**params)


def _statuses(text: str) -> tuple:
    """``--only fail,warn``: the statuses named, each one of the findings' statuses."""
    names = tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    bad = [n for n in names if n not in SUMMARY_KEYS]
    if bad or not names:
        raise argparse.ArgumentTypeError(", ".join(bad) or text)
    return names


def _lang_from(argv) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return "zh"


TODAY_YEARS = (1990, 2100)      # --today: the years a waiver is judged in (as --year: inputs.model.YEARS)


def _date(lang: str):
    """``--today``: a date written YYYY-MM-DD in TODAY_YEARS, refused in ``lang`` otherwise
    (``date.fromisoformat`` takes 20250101 and 2025-W01-1 too, and 0001-01-01 makes every waiver not
    yet approved, 9999-12-31 every one expired)."""
    def date(text: str):
        import datetime as dt
        import re
        value = None
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            try:
                value = dt.date.fromisoformat(text)
            except ValueError:
                pass
        if value is None or not TODAY_YEARS[0] <= value.year <= TODAY_YEARS[1]:
            raise argparse.ArgumentTypeError(i18n.t("option.today", lang, raw=i18n.one_line(text)[:40]))
        return value
    return date


def _region(lang: str):
    """``--region``: the one guard of a place's name every reader uses (checker.region)."""
    def region(text: str) -> str:
        from checker.region import RegionProblem, region_name
        try:
            return region_name(text)
        except RegionProblem as exc:
            raise argparse.ArgumentTypeError(i18n.t(exc.code, lang, **i18n.shorten(exc.params))) from None
    return region


def _year(lang: str):
    """``--year``: a year a file's ``year:`` may be."""
    def year(text: str) -> int:
        from checker.inputs.model import YEARS
        try:
            value = int(text.strip(), 10) if text.strip().isascii() else None
        except ValueError:
            value = None
        if value not in YEARS:
            raise argparse.ArgumentTypeError(i18n.t("option.year", lang, raw=i18n.one_line(text)))
        return value
    return year


def _published_on(lang: str):
    """``--published-on``: a date, read as a file's ``published_on:`` is (2025-03-20, 2025年3月20日)."""
    def published_on(text: str):
        from checker.inputs.values import Problem, parse_value
        try:
            return parse_value(text, "date").value
        except Problem:
            raise argparse.ArgumentTypeError(i18n.t("option.date", lang, raw=i18n.one_line(text))) from None
    return published_on


WIDTHS = (40, 1000)     # the narrowest and the widest terminal output laid out (--width)


def _width(lang: str):
    """``--width``: a whole number of columns within WIDTHS; anything else refused in ``lang``
    (-5 printed nothing, exit code 0)."""
    def width(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or not WIDTHS[0] <= value <= WIDTHS[1]:
            raise argparse.ArgumentTypeError(i18n.t("option.width", lang, raw=i18n.one_line(text)[:40],
                                                    low=WIDTHS[0], high=WIDTHS[1]))
        return value
    return width


COMMANDS = ("check", "score", "extract", "validate", "rules")


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout at the terminal's width, found without ``shutil`` (argparse imports
    it, and with it zlib, bz2 and lzma, for every option it adds: ~8 ms of a one-file check)."""

    def __init__(self, prog, indent_increment=2, max_help_position=24, width=None):
        super().__init__(prog, indent_increment, max_help_position, width or terminal_columns() - 2)


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose help is laid out by ``_Formatter``; its sub-command parsers are too."""

    def __init__(self, *args, formatter_class=_Formatter, **kwargs):
        super().__init__(*args, formatter_class=formatter_class, **kwargs)


def terminal_columns(fallback: int = 80) -> int:
    """What ``shutil.get_terminal_size((fallback, 24)).columns`` gives: $COLUMNS, else the terminal,
    else ``fallback``; without importing shutil (and with it zlib, bz2 and lzma) at start-up."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or fallback
    except (AttributeError, ValueError, OSError):
        return fallback


def build_parser(lang: str, only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or with ``only`` just that command's part (what a run needs:
    building every sub-command's options costs a one-file check several milliseconds)."""
    from checker.render import FORMATS, help_text
    wanted = lambda name: only is None or only == name  # noqa: E731
    parser = _Parser(prog="fazhi", description=_h("description", lang))
    parser.add_argument("--version", action="version", version=f"fazhi-checker {__version__}")
    common = _Parser(add_help=False)
    common.add_argument("--lang", choices=i18n.LANGS, default="zh", help=_h("lang", lang))
    common.add_argument("--profile", default=None, help=_h("profile", lang))
    common.add_argument("--rules", dest="rules_dir", default=None, help=_h("rules_dir", lang))
    common.add_argument("--width", type=_width(lang), default=None, metavar="N", help=_h("width", lang))
    common.add_argument("--color", choices=("auto", "always", "never"), default="auto", help=_h("color", lang))
    # named in full even when only one command is built, so that usage lines read as they always do
    sub = parser.add_subparsers(dest="command", required=True, metavar="{" + ",".join(COMMANDS) + "}")
    report_meta = _Parser(add_help=False)   # for prose reports: what the text may not say
    # validated as the file's own fields are (checker.region, inputs.model.YEARS, values' dates)
    report_meta.add_argument("--region", type=_region(lang), default=None, help=_h("meta", lang))
    report_meta.add_argument("--year", type=_year(lang), default=None, help=_h("meta_year", lang))
    report_meta.add_argument("--published-on", type=_published_on(lang), default=None, metavar="YYYY-MM-DD",
                             help=_h("meta_date", lang))
    if wanted("check"):
        check = sub.add_parser("check", parents=[common, report_meta], help=_h("check", lang))
        check.add_argument("paths", nargs="*", metavar="FILE")
        check.add_argument("--paths-from", default=None, metavar="FILE", help=_h("paths_from", lang))
        check.add_argument("--sarif-all", action="store_true", help=_h("sarif_all", lang))
        check.add_argument("--format", "-f", action="append", default=None, metavar="NAME[=FILE]",
                           help=_h("format", lang, formats=help_text(lang)))
        check.add_argument("--engine", choices=("durable", "python"), default=None, help=_h("engine", lang))
        check.add_argument("--verbose", "-v", action="store_true", help=_h("verbose", lang))
        check.add_argument("--require-complete", action="store_true", help=_h("require_complete", lang))
        check.add_argument("--all", dest="show_all", action="store_true", help=_h("all", lang))
        check.add_argument("--only", type=_statuses, default=None, metavar="STATUS[,STATUS]",
                           help=_h("only", lang, statuses=",".join(SUMMARY_KEYS)))
        check.add_argument("--fail-on", choices=FAIL_ON, default=DEFAULT_FAIL_ON, help=_h("fail_on", lang))
        check.add_argument("--waivers", default=None, metavar="FILE", help=_h("waivers", lang))
        check.add_argument("--today", default=None, metavar="YYYY-MM-DD", type=_date(lang), help=_h("today", lang))
        check.add_argument("--jobs", "-j", type=int, default=None, help=_h("check_jobs", lang))
    if wanted("score"):
        score = sub.add_parser("score", parents=[common], help=_h("score", lang))
        score.add_argument("paths", nargs="*", metavar="PATH")
        score.add_argument("--paths-from", default=None, metavar="FILE", help=_h("paths_from", lang))
        score.add_argument("--scheme", default=None, help=_h("scheme", lang))
        score.add_argument("--engine", choices=("durable", "python"), default=None, help=_h("engine", lang))
        score.add_argument("--jobs", "-j", type=int, default=None, help=_h("jobs", lang))
        score.add_argument("--previous", action="append", default=[], metavar="PATH", help=_h("previous", lang))
        score.add_argument("--xlsx", default=None, metavar="FILE", help=_h("xlsx", lang))
        score.add_argument("--csv", default=None, metavar="FILE", help=_h("csv", lang))
        score.add_argument("--html", default=None, metavar="FILE", help=_h("html", lang))
        score.add_argument("--format", choices=("text", "json"), default="text", help=_h("score_format", lang))
        score.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None, help=_h("progress", lang))
        score.add_argument("--waivers", default=None, metavar="FILE", help=_h("waivers", lang))
        score.add_argument("--today", default=None, metavar="YYYY-MM-DD", type=_date(lang), help=_h("today", lang))
    if wanted("extract"):
        extract = sub.add_parser("extract", parents=[common, report_meta], help=_h("extract", lang))
        extract.add_argument("report", nargs="?", metavar="REPORT")
        extract.add_argument("-o", "--output", default=None, metavar="FILE", help=_h("output", lang))
        extract.add_argument("--accuracy", default=None, metavar="DIR", help=_h("accuracy", lang))
    if wanted("validate"):
        validate = sub.add_parser("validate", parents=[common], help=_h("validate", lang))
        validate.add_argument("paths", nargs="+", metavar="FILE")
    if wanted("rules"):
        rules = sub.add_parser("rules", help=_h("rules", lang))
        rsub = rules.add_subparsers(dest="rules_command", required=True)
        lst = rsub.add_parser("list", parents=[common], help=_h("list", lang))
        lst.add_argument("--area", default=None, help=_h("area", lang))
        show = rsub.add_parser("show", parents=[common], help=_h("show", lang))
        show.add_argument("rule_id", metavar="ID")
        show.add_argument("--year", type=_year(lang), default=None, help=_h("show_year", lang))
        lint = rsub.add_parser("lint", parents=[common], help=_h("lint", lang))
        lint.add_argument("directory", nargs="?", default=None, metavar="DIR")
    parser.set_defaults(formats=FORMATS)
    return parser


def main(argv=None) -> int:
    reopen = _closed_streams()
    restore = _escape_unencodable()
    try:
        return _main(argv)
    finally:
        outputs = sys.modules.get("checker.outputs")
        if outputs is not None:     # an output file a stop left open part way: its temporary file goes
            outputs.abort_all()
        restore()
        reopen()


class _ClosedOutput:
    """sys.stdout where the run was started with it closed (``>&-``): every write fails as one to a
    pipe with no reader does (BrokenPipeError), so a command that has something to print ends
    quietly with exit code 2 (there is no one to tell), never a traceback; one that writes only
    files is not affected."""
    encoding, errors, buffer = "utf-8", "strict", None

    def write(self, text):
        raise BrokenPipeError(errno.EPIPE, "stdout is closed")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))


def _closed_streams():
    """A run started with stdin, stdout or stderr closed (``<&-``, ``>&-``, ``2>&-``; Python then has
    None for it): the descriptor is held open on the null device, so that no file this run opens
    takes its number (and receives what is meant for the stream); stdout fails every write
    (``_ClosedOutput``), stderr drops what is said (a message that cannot be shown does not change
    the exit code), stdin stays None (``--paths-from -`` says it is closed). Returns what puts the
    streams back, for a run inside a longer-lived process."""
    saved = (sys.stdin, sys.stdout, sys.stderr)
    if None not in saved:
        return lambda: None
    opened = []
    for fd, stream in enumerate(saved):
        if stream is not None:
            continue
        try:
            os.fstat(fd)
        except OSError:
            try:
                held = os.open(os.devnull, os.O_RDWR)
                if held != fd:
                    os.dup2(held, fd)
                    os.close(held)
            except OSError:     # pragma: no cover - no null device
                pass
    if sys.stdout is None:
        sys.stdout = _ClosedOutput()
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")
        opened.append(sys.stderr)

    def reopen() -> None:
        for handle in opened:
            handle.close()
        sys.stdin, sys.stdout, sys.stderr = saved
    return reopen


def _main(argv) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _lang_from(argv)
    parser = build_parser(lang if lang in i18n.LANGS else "zh", argv[0] if argv and argv[0] in COMMANDS else None)
    args = parser.parse_args(argv)
    try:
        code = _run(args, parser)
        sys.stdout.flush()          # what is printed but not yet written fails here, not at exit
        return code
    except KeyboardInterrupt as exc:    # Ctrl-C; or SIGTERM while workers run (parallel.Terminated): 143
        print(i18n.t(getattr(exc, "message", "cli.interrupted"), args.lang), file=sys.stderr)
        return getattr(exc, "exit_code", 130)
    except BrokenPipeError:     # the reader went away (| head): what it did not read was not delivered
        _silence_stdout()
        return 2
    except OSError as exc:
        if exc.errno not in WRITE_ERRORS:
            raise
        return _stdout_failed(exc, args.lang)


def _run(args, parser) -> int:
    if args.command in ("check", "score") and not args.paths and args.paths_from is None:
        parser.error(i18n.t("cli.no_paths", args.lang, command=args.command))
    if args.command == "check":
        from checker.commands import cmd_check
        return cmd_check(args)
    if args.command == "score":
        from checker.commands_score import cmd_score
        return cmd_score(args)
    if args.command == "extract":
        from checker.commands_extract import cmd_extract
        if not args.report and not args.accuracy:
            parser.error("extract: REPORT or --accuracy DIR")
        return cmd_extract(args)
    if args.command == "validate":
        from checker.commands import cmd_validate
        return cmd_validate(args)
    from checker.commands import cmd_rules
    return cmd_rules(args)


# a write that cannot be done: a full disk or device (/dev/full), an I/O error, a file too large
WRITE_ERRORS = {errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT}


def _stdout_failed(exc: OSError, lang: str) -> int:
    """Text printed to stdout could not be written: said once on stderr, exit code 2."""
    _silence_stdout()
    from checker.commands import unwritable
    unwritable("<stdout>", exc, lang)
    return 2


def _escape_unencodable():
    """Text printed that stdout's encoding cannot hold (a legacy code page, PYTHONIOENCODING=ascii)
    is written backslash-escaped, not a traceback (outputs of a format have their own escapes:
    commands.Sink). Returns what puts stdout back, for a run inside a longer-lived process."""
    stream = sys.stdout
    if getattr(stream, "errors", None) != "strict" or not hasattr(stream, "reconfigure"):
        return lambda: None
    stream.reconfigure(errors="backslashreplace")

    def restore() -> None:
        try:
            stream.reconfigure(errors="strict")
        except (ValueError, OSError):   # closed meanwhile
            pass
    return restore


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


def run() -> None:
    sys.exit(main())
