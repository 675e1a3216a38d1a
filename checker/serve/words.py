"""The words of the pages, in Chinese (default) and English. Messages about a run (an upload refused,
a file that cannot be read) are Diagnostics, worded in ``checker.i18n`` like every command's."""

from __future__ import annotations

from checker import i18n

# key: (zh, en)
WORDS = {
    "app": ("法治政府建设考核核查", "Rule-of-law government assessment checker"),
    "nav.county": ("自查", "Check a file"),
    "nav.assessor": ("评分", "Score a cohort"),
    "nav.rules": ("规则", "Rules"),
    "nav.indicators": ("指标", "Indicators"),
    "switch": ("English", "中文"),
    "profile": ("适用方案", "profile"),
    "scheme": ("评分方案", "scoring scheme"),
    "footer": (
        "fazhi-checker {version} · 在本机运行：文件只在处理时临时保存，处理完即删除",
        "fazhi-checker {version} · runs here: files are kept only while they are processed, then deleted",
    ),
    # the county's journey
    "county.title": ("核查一份报送材料或年度报告", "Check a submission or an annual report"),
    "county.lead": (
        "选择或拖入一个文件：报送材料（YAML、JSON、Excel 填报表 .xlsx）或年度报告正文（.docx、.pdf、.html、.txt）。",
        "Choose or drop one file: a submission (YAML, JSON, the Excel 填报表 .xlsx) or the annual report "
        "itself (.docx, .pdf, .html, .txt).",
    ),
    "drop": ("把文件拖到这里，或点击选择", "Drop a file here, or click to choose"),
    "drop.many": (
        "把文件或 .zip 拖到这里，或点击选择（可多选）",
        "Drop files or a .zip here, or click to choose (several at once)",
    ),
    "limits": ("单次上传不超过 {size}，最多 {files} 个文件", "up to {size} and {files} files an upload"),
    "report.meta": ("报告正文未写明时补充（可不填）", "Only where the report's text does not say (optional)"),
    "region": ("地区", "region"),
    "year": ("年度", "year"),
    "published_on": ("公开日期", "published on"),
    "check": ("核查", "Check"),
    "template.link": ("下载空白填报表（.xlsx）", "Download a blank 填报表 (.xlsx)"),
    "result.title": ("核查结果：{name}", "Checked: {name}"),
    "compliance": ("合规", "Compliance"),
    "completeness": ("完整性", "Completeness"),
    "verdict.pass": ("未发现不达标", "no failures"),
    "verdict.fail": ("未通过：有需要整改的问题", "failed: there is something to fix"),
    "verdict.error": ("输入有误：未能核查", "input errors: not checked"),
    "complete": ("必报指标已报告 {reported} / {required}", "required indicators reported: {reported} of {required}"),
    "complete.none": ("适用方案没有必报指标", "the profile requires no indicator"),
    "errors": ("输入错误（与命令行 fazhi check 所示相同）", "Input errors (as fazhi check shows them)"),
    "notes": ("读取说明", "How values were read"),
    "problems": ("需要处理的问题", "What needs action"),
    "problems.none": ("没有需要处理的问题。", "Nothing needs action."),
    "others": ("其余各项，按领域", "Everything else, by area"),
    "value": ("读取值", "value read"),
    "expected": ("要求", "requirement"),
    "basis": ("依据", "basis"),
    "hint": ("建议", "hint"),
    "source": ("原文", "source"),
    "where": ("位置", "where"),
    "text": ("报告正文（提取到数值的句子已标出）", "The report (sentences figures were taken from are marked)"),
    "figures": ("提取 / 报送的数值", "Figures read"),
    "figures.lead": (
        "改正或补充数值后点“重新核查”；清空一项即为未报告。下载的文件与页面上的数值一致。",
        "Correct or add figures, then Check again; an emptied figure is not reported. Downloads hold "
        "the figures shown.",
    ),
    "figures.none": ("没有读到任何数值。", "No figure was read."),
    "col.indicator": ("指标", "indicator"),
    "col.value": ("数值", "value"),
    "col.source": ("出处", "from"),
    "add": ("补充一项", "Add a figure"),
    "add.choose": ("（选择指标）", "(choose an indicator)"),
    "recheck": ("重新核查", "Check again"),
    "download.yaml": ("下载 YAML", "Download YAML"),
    "download.xlsx": ("下载 Excel 填报表", "Download the Excel 填报表"),
    "download.html": ("下载本地区报告（HTML）", "Download this region's report (HTML)"),
    "header": ("基本信息", "About the submission"),
    "again": ("核查另一个文件", "Check another file"),
    # the assessor's journey
    "assessor.title": ("批量评分、定等次、排名", "Score, grade and rank a cohort"),
    "assessor.lead": (
        "上传多个报送文件或报告，或一个 .zip 压缩包；按评分方案逐一核查、评分、排名。",
        "Upload several submissions or reports, or one .zip; each is checked, scored and ranked by the "
        "scheme in force.",
    ),
    "score": ("开始评分", "Score"),
    "job.running": ("正在评分……", "Scoring…"),
    "job.progress": ("已完成 {done} / {total}", "{done} of {total} done"),
    "job.refresh": ("刷新", "Refresh"),
    "job.failed": ("评分未能完成", "The scoring could not be completed"),
    "ranking": ("排名", "Ranking"),
    "chart": ("得分图", "Scores"),
    "col.rank": ("名次", "rank"),
    "col.region": ("地区", "region"),
    "col.year": ("年度", "year"),
    "col.total": ("总分", "total"),
    "col.grade": ("等次", "grade"),
    "col.file": ("文件", "file"),
    "col.rule": ("规则", "rule"),
    "col.item": ("事项", "item"),
    "col.deduction": ("扣分", "deduction"),
    "col.reason": ("扣分原因", "reason"),
    "col.status": ("结论", "outcome"),
    "deductions": ("各地扣分事项", "Each region's deductions"),
    "deductions.none": ("无扣分", "no deductions"),
    "vetoes": ("否决事项", "vetoes"),
    "unscored": ("未评分的文件", "Files not scored"),
    "skipped": (
        "压缩包中未读取的文件（不是报送材料或报告）",
        "Files in the archive not read (neither a submission nor a report)",
    ),
    "scored.none": ("没有可以排名的地区。", "No region could be ranked."),
    "download.score_xlsx": ("下载 Excel 评分表", "Download the XLSX scoring sheet"),
    "download.csv": ("下载排名 CSV", "Download the ranking (CSV)"),
    "download.score_html": ("下载 HTML 报告", "Download the HTML report"),
    "again.score": ("再评一批", "Score another cohort"),
    # rules and indicators
    "rules.title": ("规则", "Rules"),
    "rules.lead": ("共 {n} 条规则（适用方案：{profile}）", "{n} rules (profile: {profile})"),
    "rules.all": ("全部领域", "every area"),
    "col.id": ("编号", "id"),
    "col.title": ("名称", "title"),
    "col.area": ("领域", "area"),
    "col.strength": ("约束力", "binding force"),
    "col.severity": ("严重程度", "severity"),
    "disabled": ("已停用", "disabled"),
    "rule.area": ("领域", "area"),
    "rule.severity": ("严重程度", "severity"),
    "rule.strength": ("约束力", "binding force"),
    "rule.basis": ("依据", "basis"),
    "rule.versions": ("各版本", "versions"),
    "rule.url": ("原文", "text"),
    "rule.requirement": ("要求编号", "requirement id"),
    "rule.applies": ("适用条件", "applies when"),
    "rule.condition": ("条件", "condition"),
    "rule.expected": ("要求", "requirement"),
    "rule.params": ("参数", "parameters"),
    "rule.indicators": ("读取的指标", "indicators read"),
    "rule.hint": ("建议", "hint"),
    "rule.examples": ("示例", "examples"),
    "example.given": ("给定数值", "given"),
    "example.expect": ("应得结论", "expected outcome"),
    "example.nothing": ("（不报告任何指标）", "(no indicator reported)"),
    "indicators.title": ("指标", "Indicators"),
    "indicators.lead": (
        "共 {n} 个指标；标“必报”的为适用方案要求报告的",
        "{n} indicators; those marked required are the profile's",
    ),
    "col.key": ("指标代码", "key"),
    "col.name": ("名称", "name"),
    "col.unit": ("单位", "unit"),
    "col.read_by": ("读取它的规则", "read by"),
    "required": ("必报", "required"),
    "unit.count": ("个数", "count"),
    "unit.percent": ("%", "%"),
    "unit.yuan": ("元", "yuan"),
    "unit.days": ("日", "days"),
    "unit.bool": ("是/否", "yes/no"),
    "unit.date": ("日期", "date"),
    # errors
    "error.title": ("无法完成", "Could not be done"),
    "error.back": ("返回", "Back"),
}


def w(key: str, lang: str, **params) -> str:
    return i18n.word(WORDS, key, lang, **params)


def size_text(size: int) -> str:
    """A size in the units people read: 20 MB, 512 KB, 300 B."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            value = size / scale
            return f"{value:.0f} {unit}" if value >= 10 or value.is_integer() else f"{value:.1f} {unit}"
    return f"{size} B"
