"""The command line's vocabulary: every option's help in both languages, the checks of option values
(each refused in the run's language), the options several commands share, and argparse's own words
(usage, sections, errors) in the chosen language."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys

from checker import i18n
from checker.status import ALL as STATUSES

HELP = {
    "description": (
        "法治政府建设考核指标核查工具：按声明式规则核对报送的指标，给出逐项结论。",
        "Checks rule-of-law government indicator sets against declarative rules.",
    ),
    "check": (
        "核查报送材料（YAML/JSON、Excel 填报表）或报告正文（.txt/.html/.docx/.pdf），可给目录",
        "check submissions (YAML/JSON, the Excel fill-in workbook) or prose reports (.txt/.html/.docx/.pdf), files or folders",
    ),
    "validate": ("只检查格式，不评估规则", "check the format only"),
    "rules": ("查看或检查规则包", "list, show or lint the rule pack"),
    "list": ("列出规则", "list the rules"),
    "show": ("显示一条规则", "show one rule"),
    "show_year": (
        "只显示该报告年度适用的依据版本（默认列出全部版本）",
        "show the version of the basis cited for this reporting year (default: every version)",
    ),
    "lint": (
        "检查规则包（目录、条件、示例、适用方案、评分方案）",
        "lint the rule pack (catalogue, conditions, examples, profiles, scoring schemes)",
    ),
    "format": (
        "输出格式，可重复，可写作 名称=文件：{formats}",
        "output format, repeatable, NAME or NAME=FILE: {formats}",
    ),
    "lang": ("界面语言（默认中文）", "language of the output (default zh)"),
    "profile": (
        "适用方案：名称（rules/profiles/ 下）或 YAML 文件；默认 national",
        "profile name or YAML file (default national)",
    ),
    "engine": (
        "规则引擎：durable（默认，可用时）或 python",
        "rule engine: durable (default where it imports) or python",
    ),
    "rules_dir": ("规则目录（默认为内置规则）", "rules directory (default: the bundled rules)"),
    "width": ("终端输出宽度", "width of the terminal output"),
    "color": ("彩色输出：auto、always、never", "colour: auto, always, never"),
    "verbose": ("同时显示说明（如数值规范化）", "also show notes (such as normalised values)"),
    "require_complete": (
        "约束性规则（法律法规、中央文件、地方规定、数据一致性）用到的每个指标都必须报告，未报告即不通过",
        "every indicator a binding rule (law, central document, local, consistency) reads must be reported; "
        "one not reported fails the check",
    ),
    "all": (
        "按领域列出全部规则的结论（默认只详列需处理的问题）",
        "list every rule's outcome by area (by default only what needs action is detailed)",
    ),
    "only": (
        "只列出这些结论的规则，逗号分隔：{statuses}",
        "list only rules with these outcomes, comma-separated: {statuses}",
    ),
    "area": ("只列出该领域", "only this area"),
    "fail_on": (
        "哪些结论使退出码为 1：critical、major、minor（默认，所有阻断性结论）、warn（连同警示）",
        "which findings make exit code 1: critical, major, minor (default: every blocking finding), "
        "warn (warnings too)",
    ),
    "waivers": ("豁免文件（YAML）", "waiver file (YAML)"),
    "score": (
        "评分、定等次、排名，输出评分表和报告",
        "score, grade and rank a cohort; write scoring sheets and a report",
    ),
    "scheme": (
        "评分方案：名称（rules/schemes/ 下）或 YAML 文件；默认 national",
        "scoring scheme name or YAML file (default national)",
    ),
    "jobs": ("并行进程数（默认：全部 CPU 核）", "parallel processes (default: all cores)"),
    "check_jobs": (
        "并行进程数（默认：全部 CPU 核；少于64个文件时单进程）",
        "parallel processes (default: all cores; one process below 64 files)",
    ),
    "previous": (
        "上一年度的报送材料（文件或目录），用于同比",
        "previous year's submissions (files or directories) for the change",
    ),
    "xlsx": ("写出 Excel 评分表", "write the Excel scoring sheet"),
    "csv": ("写出排名 CSV", "write the ranking as CSV"),
    "html": (
        "写出 HTML 报告（单文件，可离线打开和打印）",
        "write the HTML report (one file, works offline, prints on A4)",
    ),
    "split_at": (
        "地区超过 N 个时（默认 2000），每个地区的评分表和报告页各写一个文件，放在输出文件旁的“名称-counties”"
        "文件夹中，汇总表和排名链接到它们；同名文件被替换，文件夹中的其他文件不动",
        "past N regions (default 2000) each region's scoring sheet and report page go to a file of their own, in "
        "a folder beside the output (NAME-counties), linked from the summary and the ranking; files of the same "
        "names are replaced, other files in the folder are left alone",
    ),
    "split_at_bad": ("应为不小于 0 的整数，而不是“{raw}”", "a whole number, 0 or more, is needed, not '{raw}'"),
    "score_format": ("标准输出格式：text（排名表）或 json", "stdout format: text (ranking table) or json"),
    "extract": (
        "从报告正文（.txt/.html/.docx/.pdf）提取指标，写成报送格式（YAML、JSON 或 Excel 填报表）",
        "extract the indicators from a prose report (.txt/.html/.docx/.pdf) into a submission (YAML, JSON or the Excel fill-in workbook)",
    ),
    "output": ("写入文件（默认标准输出）", "write to this file (default: stdout)"),
    "accuracy": (
        "用标注语料（*.labels.yaml）计算提取的精确率和召回率",
        "precision and recall against a labelled corpus (*.labels.yaml)",
    ),
    "meta": ("报告正文未载明时补充：地区", "when the text does not say: the region"),
    "meta_year": ("报告正文未载明时补充：年度", "when the text does not say: the year"),
    "meta_date": ("报告正文未载明时补充：公开日期", "when the text does not say: the publication date"),
    "progress": (
        "显示进度条（默认：终端上且文件较多时）",
        "show a progress bar (default: on a terminal with many files)",
    ),
    "today": ("判断豁免是否到期所用的日期（默认今天）", "the date waiver expiry is judged against (default: today)"),
    "paths_from": (
        "从文件读取要检查的路径，每行一个（- 为标准输入，空行忽略）；可代替或补充命令行上的路径",
        "read the paths to check from FILE, one a line (- for stdin; blank lines ignored), "
        "instead of or besides those on the command line",
    ),
    "help": ("显示本帮助并退出", "show this help message and exit"),
    "paths": (
        "要读取的文件或目录（目录按名称顺序递归查找）",
        "files or folders to read (folders searched recursively, in name order)",
    ),
    "report": ("报告正文文件", "the report's file"),
    "rule_id": ("规则编号，如 DISP-001", "a rule id, such as DISP-001"),
    "lint_dir": ("要检查的规则目录（默认为内置规则）", "the rules folder to lint (default: the bundled rules)"),
    "version": ("显示版本号并退出", "show the version and exit"),
    "sarif_all": (
        "SARIF 中也列出通过和不适用的结论（默认只列需关注的结论）",
        "also list pass and not-applicable results in SARIF (by default only those that need attention)",
    ),
}


def h(key: str, lang: str, **params) -> str:
    zh, en = HELP[key]
    return (en if lang == "en" else zh).format(**params)


def statuses(text: str) -> tuple:
    """``--only fail,warn``: the statuses named, each one of the findings' statuses."""
    names = tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    bad = [n for n in names if n not in STATUSES]
    if bad or not names:
        raise argparse.ArgumentTypeError(", ".join(bad) or text)
    return names


def lang_from(argv) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return "zh"


TODAY_YEARS = (1990, 2100)  # --today: the years a waiver is judged in (as --year: inputs.model.YEARS)


def date(lang: str):
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


def split_at(lang: str):
    """``--split-at``: a whole number of counties, 0 or more."""

    def split_at(text: str) -> int:
        import re

        value = int(text) if re.fullmatch(r"\s*[0-9]{1,9}\s*", text) else None
        if value is None:
            raise argparse.ArgumentTypeError(h("split_at_bad", lang, raw=i18n.one_line(text)[:40]))
        return value

    return split_at


def region(lang: str):
    """``--region``: the one guard of a place's name every reader uses (checker.region)."""

    def region(text: str) -> str:
        from checker.region import RegionProblem, region_name

        try:
            return region_name(text)
        except RegionProblem as exc:
            raise argparse.ArgumentTypeError(i18n.t(exc.code, lang, **i18n.shorten(exc.params))) from None

    return region


def year(lang: str):
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


def published_on(lang: str):
    """``--published-on``: a date, read as a file's ``published_on:`` is (2025-03-20, 2025年3月20日)."""

    def published_on(text: str):
        from checker.inputs.values import Problem, parse_value

        try:
            return parse_value(text, "date").value
        except Problem:
            raise argparse.ArgumentTypeError(i18n.t("option.date", lang, raw=i18n.one_line(text))) from None

    return published_on


WIDTHS = (40, 1000)  # the narrowest and the widest terminal output laid out (--width)


def width(lang: str):
    """``--width``: a whole number of columns within WIDTHS; anything else refused in ``lang``
    (-5 printed nothing, exit code 0)."""

    def width(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or not WIDTHS[0] <= value <= WIDTHS[1]:
            raise argparse.ArgumentTypeError(
                i18n.t("option.width", lang, raw=i18n.one_line(text)[:40], low=WIDTHS[0], high=WIDTHS[1])
            )
        return value

    return width


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


class Formatter(argparse.HelpFormatter):
    """argparse's help layout at the terminal's width, found without ``shutil`` (argparse imports
    it, and with it zlib, bz2 and lzma, for every option it adds; a one-file check needs none of
    them: docs/performance.md)."""

    def __init__(self, prog, indent_increment=2, max_help_position=24, width=None):
        super().__init__(prog, indent_increment, max_help_position, width or terminal_columns() - 2)

    def format_help(self) -> str:
        # argparse puts an ASCII colon after each section's title; a Chinese title takes a full-width one
        text = super().format_help()
        for title in ("位置参数", "选项"):
            text = text.replace(f"\n{title}:\n", f"\n{title}：\n")
        return text


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose help is laid out by ``Formatter``; its sub-command parsers are too.
    The top-level parser knows the run's language (``lang``): argparse's own words (usage, its
    errors) are in it while it parses, sub-commands' included."""

    def __init__(self, *args, formatter_class=Formatter, lang: str | None = None, **kwargs):
        super().__init__(*args, formatter_class=formatter_class, **kwargs)
        self.lang = lang

    def parse_args(self, args=None, namespace=None):
        if self.lang is None:
            return super().parse_args(args, namespace)
        with argparse_in(self.lang):  # parse_args words "unrecognized arguments" itself
            return super().parse_args(args, namespace)

    def parse_known_args(self, args=None, namespace=None):
        if self.lang is None:
            return super().parse_known_args(args, namespace)
        with argparse_in(self.lang):
            return super().parse_known_args(args, namespace)

    def error(self, message: str):
        if self.lang is None:
            return super().error(message)
        with argparse_in(self.lang):
            return super().error(message)


def shared(lang: str) -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    """The options most commands take (language, profile, rules, width, colour), and those a prose
    report may need (what its text does not state), as parent parsers."""
    common = Parser(add_help=False)
    common.add_argument("--lang", choices=i18n.LANGS, default="zh", help=h("lang", lang))
    common.add_argument("--profile", default=None, help=h("profile", lang))
    common.add_argument("--rules", dest="rules_dir", default=None, help=h("rules_dir", lang))
    common.add_argument("--width", type=width(lang), default=None, metavar="N", help=h("width", lang))
    common.add_argument("--color", choices=("auto", "always", "never"), default="auto", help=h("color", lang))
    report_meta = Parser(add_help=False)
    # validated as the file's own fields are (checker.region, inputs.model.YEARS, values' dates)
    report_meta.add_argument("--region", type=region(lang), default=None, help=h("meta", lang))
    report_meta.add_argument("--year", type=year(lang), default=None, help=h("meta_year", lang))
    report_meta.add_argument(
        "--published-on", type=published_on(lang), default=None, metavar="YYYY-MM-DD", help=h("meta_date", lang)
    )
    return common, report_meta


def add_help(parser: argparse.ArgumentParser, lang: str) -> argparse.ArgumentParser:
    """``-h/--help`` with its text in ``lang`` (argparse's own is English only); ``parser``."""
    parser.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=h("help", lang))
    return parser


# argparse's own words (Python 3.10–3.13), in Chinese; English is argparse's text as it is
ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项值：%(value)r（可选：%(choices)s）",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "expected one argument": "需要一个值",
    "expected at least one argument": "至少需要一个值",
    "expected at most one argument": "至多一个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项不明确：%(option)s 可能是 %(matches)s",
    "one of the arguments %s is required": "必须给出以下参数之一：%s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "忽略了显式给出的值 %r",
    "unexpected option string: %s": "意外的选项：%s",
    "can't open '%(filename)s': %(error)s": "无法打开 '%(filename)s'：%(error)s",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "未知的子命令 %(parser_name)r（可选：%(choices)s）",
}


@contextlib.contextmanager
def argparse_in(lang: str):
    """argparse's own words (usage, section titles, its error messages) in ``lang`` while the command
    line is built and parsed. argparse looks them up through gettext by name at each use; without a
    message catalogue installed they are English, so the lookup is pointed at ARGPARSE_ZH here and
    put back after (a run inside a longer-lived process keeps its own)."""
    if lang != "zh":
        yield
        return
    saved = argparse._, argparse.ngettext  # noqa: SLF001 - argparse's documented gettext hooks
    argparse._ = lambda text: ARGPARSE_ZH.get(text, text)
    argparse.ngettext = lambda one, many, n: ARGPARSE_ZH.get(one if n == 1 else many, one if n == 1 else many)
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


def version_action(parser: argparse.ArgumentParser, version: str, lang: str) -> None:
    parser.add_argument("--version", action="version", version=version, help=h("version", lang))
