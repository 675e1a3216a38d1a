"""Every user-facing string, in Chinese (default) and English."""

from __future__ import annotations

import re

LANGS = ("zh", "en")

# code: (zh, en)
MESSAGES = {
    # labels and headings
    "label.hint": ("建议", "hint"),
    "label.value": ("读取值", "value"),
    "label.expected": ("要求", "requirement"),
    "label.basis": ("依据", "basis"),
    "label.source": ("原文", "source"),
    "label.summary": ("汇总", "summary"),
    "label.errors": ("输入错误", "input errors"),
    "label.notes": ("说明", "notes"),
    "label.engine": ("规则引擎", "engine"),
    "label.profile": ("适用方案", "profile"),
    "label.region": ("地区", "region"),
    "label.year": ("年度", "year"),
    "label.file": ("文件", "file"),
    "label.approx": ("约数", "approximate"),
    "label.derived": ("由计数推算", "derived from counts"),
    "label.not_reported": ("未报告", "not reported"),
    "label.rule": ("规则", "rule"),
    "label.title": ("名称", "title"),
    "label.area": ("领域", "area"),
    "label.severity": ("严重程度", "severity"),
    "label.strength": ("约束力", "strength"),
    "label.condition": ("条件", "condition"),
    "label.applies_when": ("适用条件", "applies when"),
    "label.params": ("参数", "parameters"),
    "label.requirement_id": ("要求编号", "requirement id"),
    "label.examples": ("示例", "examples"),
    "label.enabled": ("启用", "enabled"),
    "label.disabled": ("已停用", "disabled"),
    "label.url": ("网址", "URL"),
    "label.indicators": ("指标", "indicators"),
    "status.pass": ("通过", "pass"),
    "status.fail": ("不达标", "fail"),
    "status.warn": ("预警", "warn"),
    "status.reported": ("已报告", "reported"),
    "status.not_applicable": ("不适用", "n/a"),
    "status.missing": ("未报告", "missing"),
    "status.error": ("出错", "error"),
    "result.pass": ("未发现不达标", "no failures"),
    "result.fail": ("未通过", "FAIL"),
    "result.error": ("输入有误", "ERROR"),
    "severity.critical": ("严重", "critical"),
    "severity.major": ("重要", "major"),
    "severity.minor": ("次要", "minor"),
    "severity.info": ("提示", "info"),
    "strength.law": ("法律法规", "law or regulation"),
    "strength.central": ("中央文件", "central document"),
    "strength.statutory": ("法律法规", "law or regulation"),  # the word before the split, read as law
    "strength.local": ("地方规定", "local"),
    "strength.consistency": ("数据一致性", "consistency"),
    "strength.practice": ("工作目标（非约束性）", "target (non-binding)"),
    "strength.none": ("无阈值", "none"),
    "summary.line": (
        "通过 {pass} · 不达标 {fail} · 预警 {warn} · 不适用 {not_applicable} · 未报告 {missing} · 出错 {error}"
        " · 已豁免 {waived}",
        "pass {pass} · fail {fail} · warn {warn} · n/a {not_applicable} · missing {missing} · error {error}"
        " · waived {waived}",
    ),
    "summary.total": (
        "共 {files} 个文件：未发现不达标 {passed}，未通过 {failed}，输入有误 {errored}",
        "{files} file(s): {passed} with no failures, {failed} failed, {errored} with input errors",
    ),
    "headline.counts": (
        "不达标 {fail} · 预警 {warn} · 未报告 {missing}（必报 {missing_required}）",
        "failed {fail} · warnings {warn} · not reported {missing} ({missing_required} required)",
    ),
    "headline.complete": ("必报已报 {reported}/{required}", "required reported {reported}/{required}"),
    "headline.none_required": ("无必报指标", "no required indicators"),
    "section.fail": ("不达标（需整改）", "Failed (to fix)"),
    "section.missing_required": ("必报指标未报告（需补报）", "Required indicators not reported (to add)"),
    "section.warn": (
        "预警（未达非约束性目标，或待确认的数据）",
        "Warnings (non-binding targets not met, or figures to confirm)",
    ),
    "section.waived": ("已豁免", "Waived"),
    "section.nothing": ("未发现需要处理的问题。", "Nothing to act on."),
    "section.areas": ("各领域概况", "By area"),
    "section.only": ("按所选结论列出：{statuses}", "Rules with the outcomes chosen: {statuses}"),
    "area.line": (
        "通过 {pass} · 不适用 {not_applicable} · 未报告（选报）{missing}",
        "pass {pass} · n/a {not_applicable} · not reported (optional) {missing}",
    ),
    "basis.consistency": ("数据一致性核对", "data consistency check (数据一致性核对)"),
    "basis.with_strength": ("{basis}（{strength}）", "{basis} ({strength})"),
    "basis.span": ("（{start}至{end}适用）", " (applied {start} to {end})"),
    "basis.since": ("（{start}起适用）", " (applies from {start})"),
    "basis.until": ("（适用至{end}）", " (applied until {end})"),
    "basis.also": ("{year} 年内亦曾适用：{cited}{span}", "also in force during {year}: {cited}{span}"),
    "label.url_note": ("网址说明", "about the URL"),
    "github.more": (
        "另有 {count} 项预警或说明未逐条标注，见完整报告（--format markdown 或 text）",
        "{count} more warnings or notes not annotated one by one: see the full report (--format markdown or text)",
    ),
    # finding messages
    "finding.pass": ("{values}，符合要求（{expected}）", "{values}: meets the requirement ({expected})"),
    "finding.reported": ("{values}，已报告（{expected}）", "{values}: reported ({expected})"),
    "finding.unconfirmed": (
        "{values}，超出（{expected}）；如含上年结转，请报告上年结转数以便核对，未报告前不判定为数据错误",
        "{values}: exceeds ({expected}); if it includes a carry-over from the previous year, report the "
        "carry-over so it can be checked; not a data error until then",
    ),
    "finding.fail": ("{values}，不符合要求（{expected}）", "{values}: does not meet the requirement ({expected})"),
    "finding.warn": (
        "{values}，未达到工作目标（{expected}）；该目标不具约束力，非法定要求",
        "{values}: below the target ({expected}); a non-binding target, not a legal requirement",
    ),
    "finding.missing": ("未报告：{names}，无法核对（{expected}）", "not reported: {names}; cannot check ({expected})"),
    "finding.preferred": (
        "；{used}和{other}均已报告，按{used}判断",
        "; {used} and {other} are both reported: decided on {used}",
    ),
    "finding.unrefined": (
        "{values}，按原口径未达到（{expected}）；本项按细化口径判断，细化口径未报告，补报前只作预警",
        "{values}: short of it on the older measure ({expected}); the rule decides on the refined "
        "measure, which is not reported: a warning until it is",
    ),
    "finding.not_applicable": ("不适用：{values}", "not applicable: {values}"),
    "finding.error": ("无法求值：{reason}", "could not be evaluated: {reason}"),
    "finding.unsure": (
        "{values}，含约数，按约数所指的范围无法确认是否符合要求（{expected}）；请报告准确数字",
        "{values}: approximate figures, within whose range it cannot be confirmed that this meets "
        "the requirement ({expected}); report the exact figures",
    ),
    "reason.invalid": ("指标值有误，见输入错误（{names}）", "invalid value, see input errors ({names})"),
    "reason.zero": ("分母为零", "zero denominator"),
    "reason.other": ("{text}", "{text}"),
    # input diagnostics
    "input.empty": ("文件为空", "the file is empty"),
    "yaml.null_document": (
        "文件内容只是一个空值（null、~ 或单独的 ---），没有任何字段",
        "the file holds only a null value (null, ~ or a bare ---), no fields",
    ),
    "value.too_precise": (
        "{key} 的值 {raw} 位数过多，读入后不再是原值",
        "{key}: {raw} has more digits than can be read as written",
    ),
    "input.region_type": ("region 应为地区名称（文字），读到 {raw}", "region must be a place's name (text), not {raw}"),
    "input.published_before_year": (
        "{key} {raw} 早于所报告年度 {year} 结束，年度报告不会在此之前公开",
        "{key} {raw} is before the end of the year reported on, {year}: an annual report is not public before then",
    ),
    "score.other_year": (
        "{region} {year} 年度的材料，不是本次考核的年度（{cohort}），未计分"
        "（上一年度的材料用 --previous 给出，其他年度另行评分）",
        "{region}, {year}: not the year of this cohort ({cohort}); not scored (give the previous "
        "year's submissions with --previous, score other years in a run of their own)",
    ),
    "score.previous_year": (
        "{region} {year} 年度的材料作为上年给出，但本次考核为 {cohort} 年度，上年应为 {expected}；未用于同比",
        "{region}, {year}, given as the previous year, but this cohort is {cohort}, so the "
        "previous year is {expected}; not compared",
    ),
    "score.code_shared": (
        "region_code {division} 为名称不同的地区共用：{names}；一个行政区划代码只属一地，请核对地区名称和代码",
        "region_code {division} is given by differently named regions: {names}; a division code "
        "belongs to one place: check the names and the code",
    ),
    "score.duplicate": (
        "与 {first} 是同一地区、同一年度（{region} {year}），未计分",
        "the same region and year as {first} ({region} {year}); not scored",
    ),
    "input.no_files": (
        "目录中没有报送材料（.yaml、.yml、.json，或报告 .txt、.html、.htm、.shtml、.docx）",
        "no submission in the directory (.yaml, .yml, .json, or a report: .txt, .html, .htm, .shtml, .docx)",
    ),
    "file.not_regular": ("不是普通文件（管道、设备等），未读取", "not a regular file (a pipe, a device); not read"),
    "input.region_unprintable": (
        "region 含有换行、控制字符或改变文字方向的标记：{raw}",
        "region holds a line break, a control character or a text-direction mark: {raw}",
    ),
    "input.region_invisible": (
        "region 第 {index} 个字符 {char} 是不可见字符或格式字符：{raw}",
        "region holds an invisible or format character, {char}, at character {index}: {raw}",
    ),
    "input.region_radical": (
        "region 第 {index} 个字符 {char}（{name}）是部首，不是汉字：{raw}",
        "region holds a CJK radical, not an ideograph, {char} ({name}), at character {index}: {raw}",
    ),
    "input.region_mark": (
        "region 第 {index} 个字符 {char}（{name}）是加在汉字上的组合符号：{raw}",
        "region holds a combining mark on an ideograph, {char} ({name}), at character {index}: {raw}",
    ),
    "input.region_too_long": (
        "region 长 {length} 个字，超过上限 {max} 个字（最长的县级地名约 15 个字）：{raw}",
        "region is {length} characters long, over the limit of {max} (the longest county-level "
        "names are about 15): {raw}",
    ),
    "input.encoding_implausible": (
        "文件不是 UTF-8 编码；按 GB18030 读出的文字中 {share}% 是生僻字或私用区字符，"
        "不像 GBK 中文，可能是 Big5（繁体）或 Shift-JIS（日文）编码，拒绝读取",
        "not UTF-8; read as GB18030, {share}% of its characters are rare or private-use, "
        "unlike GBK Chinese: probably Big5 or Shift-JIS; refused",
    ),
    "option.year": (
        "--year 应为 1990 至 2100 之间的年份，读到 {raw}",
        "--year must be a year from 1990 to 2100, got {raw}",
    ),
    "option.date": (
        "--published-on 应为日期（如 2025-03-20），读到 {raw}",
        "--published-on must be a date (such as 2025-03-20), got {raw}",
    ),
    "input.not_mapping": (
        "文件内容不是键值映射（应以 region:、year:、indicators: 等字段组成）",
        "the file is not a mapping (expected fields region:, year:, indicators:)",
    ),
    "input.too_large": (
        "文件过大（{size} 字节，上限 {limit} 字节），拒绝读取",
        "file too large ({size} bytes, limit {limit}); refused",
    ),
    "input.binary": ("文件含有 NUL 字节，不是文本文件", "the file contains NUL bytes; not a text file"),
    "input.encoding": ("无法按 {encoding} 解码文件", "cannot decode the file as {encoding}"),
    "input.gb18030": (
        "文件不是 UTF-8 编码，已按 GB18030（兼容 GBK）读取",
        "not UTF-8; read as GB18030 (GBK-compatible)",
    ),
    "file.unreadable": ("无法读取文件：{reason}", "cannot read the file: {reason}"),
    "file.unwritable": ("无法写入输出文件：{reason}", "cannot write the output file: {reason}"),
    "output.unencodable": (
        "标准输出的编码 {encoding} 无法写出字符“{char}”，未输出",
        "stdout's encoding {encoding} cannot hold the character '{char}'; nothing written",
    ),
    "yaml.syntax": ("YAML 语法错误：{problem}", "YAML syntax error: {problem}"),
    "yaml.tab": ("YAML 不允许用制表符（Tab）缩进", "YAML does not allow tabs for indentation"),
    "json.syntax": ("JSON 语法错误：{problem}", "JSON syntax error: {problem}"),
    "yaml.duplicate_key": (
        "键“{key}”重复（首次出现在第 {first_line} 行）；重复的值不会被静默覆盖",
        "duplicate key '{key}' (first on line {first_line}); the second value is not used",
    ),
    "yaml.alias": (
        "不支持 YAML 锚点/别名（&/*），本文件用了 {count} 处",
        "YAML anchors and aliases (&/*) are not allowed ({count} used)",
    ),
    "yaml.merge": ("不支持 YAML 合并键（<<）", "YAML merge keys (<<) are not allowed"),
    "yaml.tag": ("不支持的 YAML 标签 {tag}", "YAML tag {tag} is not allowed"),
    "yaml.too_deep": ("嵌套层级过深（上限 {limit} 层）", "nesting too deep (limit {limit})"),
    "yaml.complex_key": ("键必须是简单文本", "keys must be plain text"),
    "yaml.bad_scalar": ("无法读取值“{text}”", "cannot read the value '{text}'"),
    "input.unknown_field": ("未知字段“{name}”", "unknown field '{name}'"),
    "input.too_many_problems": ("另有 {count} 个问题未列出", "{count} more problems not listed"),
    "input.region": ("缺少 region（地区名称）", "region (the reporting body) is missing"),
    "input.year": ("year（报告年度）缺失或无效：{raw}", "year (the year reported on) is missing or invalid: {raw}"),
    "input.region_code": (
        "region_code 应为 6 位行政区划代码，读到：{raw}",
        "region_code must be a 6-digit division code, got {raw}",
    ),
    "input.level": ("level 取值“{raw}”无效", "invalid level '{raw}'"),
    "input.no_indicators": ("缺少 indicators（指标）字段", "the indicators field is missing"),
    "input.indicators_mapping": ("indicators 应为键值映射", "indicators must be a mapping"),
    "input.unknown_indicator": ("未知指标“{name}”", "unknown indicator '{name}'"),
    "input.duplicate_indicator": (
        "指标 {key} 重复给出（“{name}”，首次在第 {first_line} 行）",
        "indicator {key} given twice ('{name}', first on line {first_line})",
    ),
    "input.unknown_value_field": (
        "指标 {key} 的值中有未知字段“{name}”",
        "unknown field '{name}' in the value of {key}",
    ),
    "input.value_missing": ("指标 {key} 缺少 value", "{key} has no value"),
    "input.want_text": ("{key} 的 {name} 应为文本", "{name} of {key} must be text"),
    "input.rate_disagrees": (
        "{key} 给出 {given}%，但按计数 {n}/{d} 计算为 {computed}%，两者不一致",
        "{key} is given as {given}% but the counts {n}/{d} give {computed}%",
    ),
    "input.rate_disagrees_approx": (
        "{key} 给出 {given}%，但按约数计数 {n}/{d} 只能是 {low}%–{high}%，两者不一致",
        "{key} is given as {given}% but the approximate counts {n}/{d} allow only {low}%–{high}%",
    ),
    "input.rate_from_counts": (
        "{key} 给出 {given}%，按计数 {n}/{d} 计算为 {computed}%；核查用计算值",
        "{key} is given as {given}%; the counts {n}/{d} give {computed}%, which is used",
    ),
    "input.rate_fallback": (
        "{key} 按 {num} ÷ {den} 计算：其默认口径（÷ {own}）所需的 {absent} 未报告",
        "{key} is computed as {num} ÷ {den}: {absent}, which its default definition (÷ {own}) needs, is not reported",
    ),
    "input.rate_chosen": (
        "{key} 按 {num} ÷ {den} 计算（档案 {profile} 选定的口径）",
        "{key} is computed as {num} ÷ {den} (the definition profile {profile} chose)",
    ),
    "value.empty": ("指标 {key} 没有值", "{key} has no value"),
    "value.want_scalar": ("指标 {key} 的值应为单个数值", "{key} must be a single value"),
    "value.want_bool": ("{key} 应为 true 或 false，读到“{raw}”", "{key} must be true or false, got '{raw}'"),
    "value.want_date": (
        "{key} 应为日期（如 2025-03-25），读到“{raw}”",
        "{key} must be a date such as 2025-03-25, got '{raw}'",
    ),
    "value.bool_for_number": ("{key} 应为数值，读到布尔值 {raw}", "{key} must be a number, got the boolean {raw}"),
    "value.date_for_number": ("{key} 应为数值，读到日期 {raw}", "{key} must be a number, got the date {raw}"),
    "value.want_number": ("{key} 应为数值，读到“{raw}”", "{key} must be a number, got '{raw}'"),
    "value.not_a_number": ("{key} 的值“{raw}”不是可识别的数值", "{key}: '{raw}' is not a number"),
    "value.not_finite": ("{key} 的值 {raw} 不是有限数值", "{key}: {raw} is not a finite number"),
    "value.too_large": ("{key} 的值 {raw} 过大", "{key}: {raw} is implausibly large"),
    "value.fractional_count": (
        "{key} 是计数，应为整数，读到 {raw}",
        "{key} is a count and must be a whole number, got {raw}",
    ),
    "value.negative": ("{key} 不能为负数，读到 {raw}", "{key} cannot be negative, got {raw}"),
    "value.percent_range": (
        "{key} 是百分比，应在 0–100 之间，读到 {raw}",
        "{key} is a percentage and must be 0–100, got {raw}",
    ),
    "value.percent_fraction": (
        "{key} 是百分比，{raw} 已按 {raw}% 读取；是否应为 {percent}%（即写 {percent}）？",
        "{key} is a percentage: {raw} is read as {raw}%; was {percent}% meant (written {percent})?",
    ),
    "value.money_unit": (
        "{key} 不是金额，不能带“亿元/万元”等单位：“{raw}”",
        "{key} is not an amount; '{raw}' has a money unit",
    ),
    "value.percent_sign": ("{key} 不是百分比，不能带 %：“{raw}”", "{key} is not a percentage; '{raw}' has a % sign"),
    "value.count_word": ("{key} 不是计数，不能带量词：“{raw}”", "{key} is not a count; '{raw}' has a counting word"),
    "value.normalised": ("{key}：“{raw}”已按 {value} 读取", "{key}: '{raw}' read as {value}"),
    "value.normalised_tz": (
        "{key}：“{raw}”已换算为北京时间（UTC+8），按 {value} 读取",
        "{key}: '{raw}' converted to China Standard Time (UTC+8) and read as {value}",
    ),
    "value.normalised_approx": (
        "{key}：“{raw}”已按约数 {value} 读取（约等于 {value}，可多可少）",
        "{key}: '{raw}' read as about {value} (either side of it)",
    ),
    "value.normalised_over": (
        "{key}：“{raw}”已按约数 {value} 读取（多于 {value}）",
        "{key}: '{raw}' read as over {value} (more than it)",
    ),
    "value.normalised_under": (
        "{key}：“{raw}”已按约数 {value} 读取（接近而少于 {value}）",
        "{key}: '{raw}' read as nearly {value} (a little less than it)",
    ),
    "input.rate_bounded": (
        "{key} 给出 {given}%，但按约数计数 {n}/{d} 只能是 {low}%–{high}%；核查用此范围",
        "{key} is given as {given}%, but the approximate counts {n}/{d} allow only {low}%–{high}%, which is used",
    ),
    # rule pack diagnostics
    "pack.no_catalogue": ("规则目录中没有 catalogue/ 文件夹", "the rules directory has no catalogue/ folder"),
    "pack.missing_field": ("{owner} 缺少字段 {field}", "{owner}: field {field} is missing"),
    "pack.missing_bilingual": (
        "规则 {rule} 的 {field} 需要 zh（和 en）文本",
        "rule {rule}: {field} needs zh (and en) text",
    ),
    "pack.not_mapping": ("{what} 应为键值映射", "{what} must be a mapping"),
    "pack.bad_key": (
        "指标键“{key}”无效（应为 领域.名称，小写加下划线）",
        "invalid indicator key '{key}' (area.name, snake case)",
    ),
    "pack.unknown_area": ("未知领域“{area}”（{key}）", "unknown area '{area}' ({key})"),
    "pack.bad_unit": ("单位“{unit}”无效，可选：{units}", "invalid unit '{unit}'; choose from {units}"),
    "pack.bad_derive": (
        "{key} 的 derive 应为 {{numerator, denominator}}（百分比，可加 else: [{{numerator, denominator}}, …]）"
        "或 {{sum: [...]}}、{{total, minus: [...]}}（计数）",
        "{key}: derive must be {{numerator, denominator}} on a percent (optionally with else: "
        "[{{numerator, denominator}}, ...]), or {{sum: [...]}} or {{total, minus: [...]}} on a count",
    ),
    "pack.bad_derive_ref": (
        "{key} 的 derive 引用了不存在或非计数的指标 {ref}",
        "{key}: derive refers to {ref}, which is not a count indicator",
    ),
    "pack.bad_aliases": ("{key} 的 aliases 应为文本列表", "{key}: aliases must be a list of text"),
    "pack.bad_better": (
        "{key} 的 better 应为 higher 或 lower，且只用于数值指标（count、percent、yuan、days），读到“{better}”（单位 {unit}）",
        "{key}: better must be higher or lower, on a number (count, percent, yuan, days); got '{better}' (unit {unit})",
    ),
    "pack.duplicate_indicator": (
        "指标 {key} 重复定义（首次在 {first}）",
        "indicator {key} defined twice (first at {first})",
    ),
    "pack.duplicate_alias": ("别名“{alias}”同时指向 {key} 和 {other}", "alias '{alias}' names both {key} and {other}"),
    "pack.bad_id": ("规则编号“{id}”无效（应为 AREA-001 格式）", "invalid rule id '{id}' (format AREA-001)"),
    "pack.id_area": ("规则编号 {id} 应以领域代码 {code}- 开头", "rule id {id} must start with its area code {code}-"),
    "pack.duplicate_rule": ("规则编号 {id} 重复（首次在 {first}）", "duplicate rule id {id} (first at {first})"),
    "pack.bad_choice": (
        "{field} 取值“{value}”无效，可选：{choices}",
        "invalid {field} '{value}'; choose from {choices}",
    ),
    "pack.bad_param": ("规则 {rule} 的参数 {name} 应为数值", "rule {rule}: parameter {name} must be a number"),
    "pack.unused_param": (
        "规则 {rule} 定义了参数 {name} 但条件中未使用",
        "rule {rule}: parameter {name} is defined but never used",
    ),
    "pack.unknown_placeholder": (
        "规则 {rule} 的 expected 引用了未定义的参数 {{{name}}}",
        "rule {rule}: expected uses undefined parameter {{{name}}}",
    ),
    "pack.bad_example": (
        "规则 {rule} 的第 {index} 个示例格式有误（需要 name、indicators、expect）",
        "rule {rule}: example {index} is malformed (needs name, indicators, expect)",
    ),
    "pack.examples_incomplete": (
        "规则 {rule} 至少需要一个通过示例和一个不通过（警示、未报告）示例",
        "rule {rule} needs at least one passing and one failing (warning, missing) example",
    ),
    "pack.example_input": (
        "规则 {rule} 的示例“{name}”输入有误：{detail}",
        "rule {rule}, example '{name}': bad input: {detail}",
    ),
    "pack.example_status": (
        "规则 {rule} 的示例“{name}”应得 {expect}，实际为 {got}",
        "rule {rule}, example '{name}': expected {expect}, got {got}",
    ),
    "pack.strength_alias": (
        "规则 {rule} 的 strength 写作“{old}”，按“{new}”（法律法规）读取；中央文件（中办、国办文件、纲要）请写 central",
        "rule {rule}: strength '{old}' is read as '{new}' (law or regulation); write central for a central document (中办/国办, the 纲要)",
    ),
    "pack.bad_versions": ("规则 {rule} 的 basis.versions 有误：{why}", "rule {rule}: basis.versions: {why}"),
    "pack.unofficial_url": (
        "规则 {rule} 引用的网址 {url} 不在官方网站（gov.cn）上，且未以 url_note 说明理由",
        "rule {rule}: URL {url} is not on an official site (gov.cn) and no url_note says why",
    ),
    "pack.url_two_documents": (
        "网址 {url} 被引用为两份不同文件的依据：{document}（规则 {rule}）与 {other}（规则 {other_rule}）",
        "URL {url} is cited for two documents: {document} (rule {rule}) and {other} (rule {other_rule})",
    ),
    "pack.bad_confirm_with": (
        "规则 {rule} 的 confirm_with 应为指标键列表",
        "rule {rule}: confirm_with must be a list of indicator keys",
    ),
    "pack.confirm_unread": (
        "规则 {rule} 的 confirm_with 列出了条件中未读取的指标 {name}",
        "rule {rule}: confirm_with names {name}, which the condition does not read",
    ),
    "profile.not_found": ("找不到适用方案 {name}", "profile {name} not found"),
    "profile.cycle": ("适用方案的 extends 形成循环", "profile extends itself in a cycle"),
    "profile.not_mapping": ("适用方案文件的内容不是键值映射", "the profile file is not a mapping"),
    "profile.is_submission": (
        "这是一份报送材料（有 indicators:），不是适用方案",
        "this is a submission (it has indicators:), not a profile",
    ),
    "profile.unknown_rule": ("适用方案引用了不存在的规则 {id}", "the profile names rule {id}, which does not exist"),
    "profile.unknown_param": (
        "适用方案为规则 {rule} 设置了不存在的参数 {name}",
        "the profile sets parameter {name}, which rule {rule} does not have",
    ),
    "profile.bad_setting": ("适用方案的 {name} 应为 true 或 false", "profile setting {name} must be true or false"),
    "profile.bad_rate": (
        "适用方案 rates 中的 {key} 应为可推算的比率，其值为 {{numerator, denominator}}（计数指标）",
        "profile rates: {key} must be a derived rate, set to {{numerator, denominator}} (count indicators)",
    ),
    "profile.bad_required": (
        "适用方案的 required 应为指标代码或中文名称的列表",
        "profile setting required must be a list of indicator keys or Chinese names",
    ),
    "profile.unknown_indicator": (
        "适用方案的 required 列出了不存在的指标 {name}",
        "required names indicator {name}, which does not exist",
    ),
    "profile.unknown_field": ("适用方案中有未知字段 {name}", "unknown profile field {name}"),
    "profile.unknown_area": (
        "适用方案引用了不存在的领域 {area}",
        "the profile names area {area}, which does not exist",
    ),
    "expr.empty": ("规则 {rule} 的 {field} 为空", "rule {rule}: {field} is empty"),
    "expr.bad_char": (
        "规则 {rule} 的 {field} 含有无法识别的字符“{char}”",
        "rule {rule}: unexpected character '{char}' in {field}",
    ),
    "expr.expected": (
        "规则 {rule} 的 {field} 此处应为“{expected}”，读到“{found}”",
        "rule {rule}: {field} expected '{expected}', found '{found}'",
    ),
    "expr.trailing": (
        "规则 {rule} 的 {field} 在“{found}”处多出内容",
        "rule {rule}: unexpected '{found}' at the end of {field}",
    ),
    "expr.unexpected": ("规则 {rule} 的 {field} 此处不应出现“{found}”", "rule {rule}: unexpected '{found}' in {field}"),
    "expr.chained": (
        "规则 {rule} 的 {field} 不能连写比较（请用 and 连接）",
        "rule {rule}: chained comparisons in {field}; join them with and",
    ),
    "expr.unknown_indicator": ("规则 {rule} 引用了未知指标 {name}", "rule {rule}: unknown indicator {name}"),
    "expr.unknown_param": ("规则 {rule} 引用了未定义的参数 {name}", "rule {rule}: undefined parameter {name}"),
    "expr.unknown_function": ("规则 {rule} 使用了未知函数 {name}", "rule {rule}: unknown function {name}"),
    "expr.arity": (
        "规则 {rule}：函数 {name} 需要 {want} 个参数，给了 {got} 个",
        "rule {rule}: {name} takes {want} argument(s), got {got}",
    ),
    "expr.needs_indicator": (
        "规则 {rule}：{name}() 的参数必须是指标",
        "rule {rule}: the argument of {name}() must be an indicator",
    ),
    "expr.type_mismatch": (
        "规则 {rule}：不能比较 {left} 与 {right}（{op}）",
        "rule {rule}: cannot compare {left} with {right} ({op})",
    ),
    "expr.bool_order": (
        "规则 {rule}：布尔值只能用 == 或 != 比较（不能用 {op}）",
        "rule {rule}: booleans compare only with == or != (not {op})",
    ),
    "expr.want_type": ("规则 {rule}：此处需要 {want}，读到 {got}", "rule {rule}: expected a {want} here, got a {got}"),
    "expr.not_condition": (
        "规则 {rule} 的 {field} 必须是条件（真/假），读到 {got}",
        "rule {rule}: {field} must be a condition, got a {got}",
    ),
    # waivers
    "status.waived": ("已豁免", "waived"),
    "waiver.file": ("豁免文件应以 waivers: 开头，下列各项豁免", "a waiver file holds a list under waivers:"),
    "waiver.not_mapping": ("每项豁免应为键值映射", "each waiver must be a mapping"),
    "waiver.unknown_field": ("豁免中有未知字段“{name}”", "unknown waiver field '{name}'"),
    "waiver.required": ("豁免缺少 {field}，不予采用", "the waiver has no {field}; rejected"),
    "waiver.rule_or_area": ("豁免须且只能写 rule 或 area 之一", "a waiver names exactly one of rule or area"),
    "waiver.unknown_rule": ("豁免指向不存在的规则 {id}", "the waiver names rule {id}, which does not exist"),
    "waiver.unknown_area": ("豁免指向不存在的领域 {area}", "the waiver names area {area}, which does not exist"),
    "waiver.date": ("豁免的 {field} 应为日期，读到“{raw}”", "waiver {field} must be a date, got '{raw}'"),
    "waiver.year": ("豁免的 year 应为年份，读到“{raw}”", "waiver year must be a year, got '{raw}'"),
    "waiver.fingerprint": ("豁免的 fingerprint 应为文字，读到“{raw}”", "waiver fingerprint must be text, got '{raw}'"),
    "waiver.approved_after_expiry": (
        "豁免的批准日期 {approved_on} 晚于到期日 {expires}",
        "the waiver was approved on {approved_on}, after it expired on {expires}",
    ),
    "waiver.duplicate": ("与第 {first_line} 行的豁免重复", "the same waiver as on line {first_line}"),
    "waiver.unused": (
        "豁免未匹配任何结论（{target}，{region} {year}）",
        "waiver matched no finding ({target}, {region} {year})",
    ),
    "waiver.expired": (
        "豁免已于 {expires} 到期，不再适用（{target}，{region} {year}）",
        "waiver expired on {expires} and no longer applies ({target}, {region} {year})",
    ),
    "waiver.not_yet_approved": (
        "豁免的批准日期 {approved_on} 晚于核查日 {today}，尚未生效，不适用（{target}，{region} {year}）",
        "waiver approved on {approved_on}, after the day of the check ({today}): not in force, "
        "not applied ({target}, {region} {year})",
    ),
    "finding.waived": (
        "已豁免（{approved_by} 于 {approved_on} 批准，{expires} 到期）：{justification}。原结论：{original}",
        "waived (approved by {approved_by} on {approved_on}, expires {expires}): {justification}. Was: {original}",
    ),
    "finding.waiver_expired": ("（豁免已于 {expires} 到期）", " (the waiver expired on {expires})"),
    # extraction
    "extract.docx": ("无法读取 .docx 文件：{reason}", "cannot read the .docx file: {reason}"),
    "extract.docx_ole": (
        "文件不是 .docx（ZIP）格式，而是 OLE 复合文档：加密的 Office 文档或旧版 .doc",
        "not a .docx (zip) but an OLE container: an encrypted Office document or an old .doc",
    ),
    "extract.docx_encrypted": (
        ".docx 中的 {member} 已加密，无法读取",
        "{member} in the .docx is encrypted; cannot read it",
    ),
    "extract.docx_corrupt": (
        ".docx 中的 {member} 压缩数据已损坏",
        "the compressed data of {member} in the .docx is corrupt",
    ),
    "extract.docx_compression": (
        ".docx 中的 {member} 使用了不支持的压缩方式（{method}）",
        "{member} in the .docx uses an unsupported compression method ({method})",
    ),
    "extract.docx_too_large": (
        ".docx 中的 {member} 解压后超过 {limit} 字节，拒绝读取",
        "{member} in the .docx is over {limit} bytes uncompressed; refused",
    ),
    "extract.pattern": ("指标 {key} 的提取模式有误：{reason}", "extraction pattern for {key} is wrong: {reason}"),
    "extract.conflict": (
        "{key} 在报告中出现不同数值（{values}），未采用",
        "{key} appears with different values ({values}); not used",
    ),
    "extract.metadata": (
        "未能从报告标题或首句读出地区和年度",
        "could not read the region and year from the title or first sentence",
    ),
    "extract.inferred": ("由所述比率100%推得", "follows from the stated rate of 100%"),
    "extract.counted": ("报告中带单位的数字个数", "numbers with a unit in the report"),
    "extract.position": ("第 {line} 行第 {column} 列", "line {line}, column {column}"),
    # scoring
    "score.title": ("法治政府建设考核排名", "Rule-of-law government assessment ranking"),
    "score.rank": ("排名", "rank"),
    "score.total": ("总分", "score"),
    "score.grade": ("等次", "grade"),
    "score.vetoes": ("否决事项", "vetoes"),
    "score.change": ("较上年", "vs last year"),
    "score.columns_hidden": (
        "终端宽度 {width} 列放不下全部领域得分，未显示：{names}（加大 --width，或用 --format json、--csv 查看）",
        "{width} columns are too narrow for every area's score; not shown: {names} (give a larger "
        "--width, or use --format json or --csv)",
    ),
    "score.not_scored": ("未能评分", "not scored"),
    "score.illustrative": (
        "示意评分方案：分值和等次线并非官方标准，等次仅供参考。{note}",
        "Illustrative scheme: its points and grade bands are not an official standard; grades are indicative. {note}",
    ),
    "score.category": ("类别", "category"),
    "score.penalty": ("扣分", "penalty"),
    "score.satisfaction": ("满意度", "satisfaction"),
    "score.satisfaction_unscored": (
        "未报告，未计分（其余得分折算为百分制）",
        "not reported, not scored (the rest converted to 100)",
    ),
    "score.summary": (
        "共评分 {counties} 个地区；{errors} 个文件未能评分",
        "{counties} scored; {errors} file(s) could not be scored",
    ),
    "score.progress": ("评分中", "scoring"),
    "scheme.not_found": ("找不到评分方案 {name}", "scoring scheme {name} not found"),
    "scheme.missing": ("评分方案缺少 {field}", "the scheme has no {field}"),
    "scheme.points": ("{area} 的分值应为非负数", "points of {area} must be a non-negative number"),
    "scheme.areas_missing": ("评分方案未给这些领域分值：{areas}", "the scheme gives no points to: {areas}"),
    "scheme.areas_sum": ("各领域分值之和应为 100，现为 {total}", "area points must sum to 100, not {total}"),
    "scheme.deduction": ("扣分标准 {status} 缺失或无效", "deduction for {status} missing or invalid"),
    "scheme.veto": (
        "第 {index} 个否决事项有误（需要 kind: no_excellent|lowest、label，以及 rule 或 when 二者之一）",
        "veto {index} is malformed (needs kind: no_excellent|lowest, label, and one of rule or when)",
    ),
    "scheme.bonus": (
        "加分项有误（需要 label、points，以及 when 或 per 二者之一）",
        "bonus item malformed (needs label, points, and one of when or per)",
    ),
    "scheme.band": ("等次有误（需要 key、zh、min）", "grade band malformed (needs key, zh, min)"),
    "scheme.bands": ("等次须按分数线从高到低排列，最后一档分数线为 0", "bands go from the highest cut-off down to 0"),
    "scheme.unknown_field": ("评分方案中有未知字段“{name}”", "unknown scheme field '{name}'"),
    "scheme.not_list": (
        "{field} 应为列表（每项一行，以“- ”开头）",
        "{field} must be a list (one item a line, starting with '- ')",
    ),
    "scheme.rule_spec": (
        "{id} 的扣分标准应为映射，如 {{fail: 1, missing: 1}} 或 {{per: …, points: …}}",
        "deductions for {id} must be a mapping, e.g. {{fail: 1, missing: 1}} or {{per: …, points: …}}",
    ),
    "scheme.veto_on": (
        "第 {index} 个否决事项的 on 取值“{value}”无效，可选：{choices}",
        "veto {index}: invalid on '{value}'; choose from {choices}",
    ),
    "scheme.veto_on_unused": (
        "第 {index} 个否决事项按 when 条件触发，on 只与 rule 一起使用",
        "veto {index} is triggered by when; on goes with rule only",
    ),
    "scheme.areas_sum_satisfaction": (
        "各领域分值与满意度分值之和应为 100：领域应合计 {want}，现为 {total}",
        "areas and satisfaction must sum to 100: the areas should hold {want}, not {total}",
    ),
    "scheme.quota": (
        "等次 {band} 的 quota 应为 0 至 100 之间的百分数",
        "quota of band {band} must be a percentage from 0 to 100",
    ),
    "scheme.source": (
        "source 应为出处（document，可有 url、note）或出处的列表",
        "source must be a document (document, url, note) or a list of them",
    ),
    "scheme.illustrative": ("illustrative 应为 true 或 false", "illustrative must be true or false"),
    "scheme.note": (
        "示意方案须有说明 note: {{zh: …, en: …}}，写明哪些分值是示意的",
        "an illustrative scheme needs note: {{zh: …, en: …}} saying which numbers are illustrative",
    ),
    "scheme.provenance": (
        "评分方案未说明分值出处：写 source（文件名与网址）或 illustrative: true 及 note",
        "the scheme does not say where its numbers come from: give source (document and URL) or illustrative: true with a note",
    ),
    "scheme.items": ("items 应为映射：规则编号 → {{points: …}}", "items must be a mapping: rule id → {{points: …}}"),
    "scheme.item": (
        "评分项 {id} 有误（需要 points：正数分值）",
        "item {id} malformed (needs points: a positive number)",
    ),
    "scheme.item_twice": (
        "{id} 已在 rules 中设定扣分，不能再作为 items 评分项",
        "{id} already has deductions under rules; it cannot be an item too",
    ),
    "scheme.item_cap": (
        "评分项 {id} 的累计扣分上限 {cap} 超过其分值 {points}",
        "item {id}: cap {cap} exceeds its points {points}",
    ),
    "scheme.item_shortfall": (
        "评分项 {id} 的条件（{condition}）不是“指标与阈值比较”，无法按差额扣分；请写 shortfall: 表达式",
        "item {id}: its condition ({condition}) is not an indicator compared with a threshold, so the shortfall cannot be read; write shortfall: an expression",
    ),
    "scheme.items_sum": (
        "领域 {area} 的评分项分值合计 {total}，超过领域分值 {points}",
        "items of area {area} hold {total} points, more than the area's {points}",
    ),
    "scheme.satisfaction": (
        "satisfaction 应为 {{indicator: 指标, points: 分值}}",
        "satisfaction must be {{indicator: key, points: n}}",
    ),
    "scheme.category": (
        "类别有误（需要 key、name {{zh, en}}、match {{level 或 regions}}、bands）",
        "category malformed (needs key, name {{zh, en}}, match {{level or regions}}, bands)",
    ),
    "checklist.bad": ("清单的 {field} 格式有误", "checklist: {field} malformed"),
    "checklist.unknown_field": ("清单中有未知字段“{name}”", "unknown checklist field '{name}'"),
    "checklist.item": (
        "清单第 {index} 项有误（需要 id 和 text）",
        "checklist item {index} malformed (needs id and text)",
    ),
    "checklist.duplicate": ("清单编号 {id} 重复", "checklist id {id} repeated"),
    "checklist.unknown_ref": (
        "清单的 {field} 引用了不存在的 {name}",
        "checklist {field} names {name}, which does not exist",
    ),
    "checklist.counts": ("指标数：{counts}", "indicators: {counts}"),
    "checklist.no_weights": (
        "（清单，不计分：官方未公布分值和权重）",
        "(a checklist, not scored: the official points and weights are not published)",
    ),
    "checklist.no_rule": ("无对应规则", "no corresponding rule"),
    # CLI
    "cli.engine_unavailable": (
        "规则引擎 durable-rules 不可用：{reason}",
        "the durable-rules engine is not available: {reason}",
    ),
    "option.width": (
        "应为 {low} 至 {high} 之间的整数（列数），读到 {raw}",
        "must be a whole number of columns from {low} to {high}, got {raw}",
    ),
    "cli.interrupted": ("已中断", "interrupted"),
    "cli.terminated": ("已终止（SIGTERM）", "terminated (SIGTERM)"),
    "cli.format_no_file": (
        "--format {spec}：= 后应写文件名（写到标准输出请去掉 =）",
        "--format {spec}: give a file after = (or leave out = for stdout)",
    ),
    "cli.format_same_place": (
        "{first} 与 {second} 写到同一处；每处只写一种格式",
        "{first} and {second} write to the same place; one format each",
    ),
    "cli.workers_failed": ("并行检查进程异常退出：{reason}", "a worker process stopped: {reason}"),
    "cli.no_such_rule": ("没有编号为 {id} 的规则", "no rule with id {id}"),
    "cli.lint_ok": (
        "规则包检查通过：{rules} 条规则，{indicators} 个指标，{examples} 个示例，{schemes} 个评分方案",
        "rule pack OK: {rules} rules, {indicators} indicators, {examples} examples, {schemes} scoring schemes",
    ),
    "cli.lint_failed": ("规则包有 {count} 个问题", "the rule pack has {count} problem(s)"),
    "cli.valid": ("格式正确：{file}（{count} 个指标）", "valid: {file} ({count} indicators)"),
    "cli.unknown_format": (
        "--format {name}：没有这种输出格式；可用：{formats}",
        "--format {name}: no such output format; choose from {formats}",
    ),
    "cli.extract_what": (
        "extract：请给出报告文件，或 --accuracy 标注语料目录",
        "extract: give a REPORT, or --accuracy DIR",
    ),
    # outputs and what is read (checker.outputs)
    "cli.no_paths": (
        "{command}：请给出要读取的路径（文件或目录），或用 --paths-from 文件",
        "{command}: give the paths to read (files or folders), or --paths-from FILE",
    ),
    "input.no_paths": ("路径列表中没有任何路径", "the list of paths lists none"),
    "output.is_input": (
        "{option} 会覆盖本次运行的输入 {input}；未读取也未写入任何文件",
        "{option} would overwrite {input}, an input of this run; nothing was read or written",
    ),
    "input.own_output": (
        "本次运行的输出文件（上次运行所写），不作为输入读取，将被替换",
        "this run's output file (written by an earlier run): replaced, not read as an input",
    ),
    "input.fazhi_output": (
        "fazhi-checker 输出的文档（不是报送材料），未读取",
        "a document fazhi-checker wrote (not a submission); not read",
    ),
    "input.own_stdout": (
        "本次运行的标准输出正写入该文件，不作为输入读取",
        "this run's stdout is being written to this file; not read as an input",
    ),
    "input.own_stderr": (
        "本次运行的标准错误输出正写入该文件，不作为输入读取",
        "this run's stderr is being written to this file; not read as an input",
    ),
    "input.listed_twice": ("与 {first} 是同一个文件，只读取一次", "the same file as {first}; read once"),
    "input.out_of_memory": (
        "读取此文件时内存不足，未读取（其他文件照常检查）",
        "out of memory reading this file; not read (the other files are checked)",
    ),
    "yaml.too_many_nodes": (
        "值和层级过多（超过 {limit} 个），拒绝读取",
        "too many values and levels (over {limit}); refused",
    ),
    "extract.docx_doctype": (
        ".docx 中的 {member} 第 {line} 行第 {column} 列有文档类型或实体声明（<!DOCTYPE、<!ENTITY），拒绝读取",
        "{member} in the .docx has a document type or entity declaration (<!DOCTYPE, <!ENTITY) "
        "at line {line}, column {column}; refused",
    ),
    "file.folder_link": (
        "是指向目录的符号链接，未跟随（目录中的链接不展开）",
        "a symbolic link to a folder; not followed (links inside folders are not walked)",
    ),
    "cli.stdin_closed": (
        "标准输入已关闭，--paths-from - 无可读取",
        "stdin is closed: --paths-from - has nothing to read",
    ),
    "cli.hangup": ("已终止（SIGHUP：终端或会话已关闭）", "terminated (SIGHUP: the terminal or session closed)"),
    "option.today": (
        "--today 应为 1990 至 2100 年间的日期，写作 YYYY-MM-DD（如 2025-03-20），读到 {raw}",
        "--today must be a date from 1990 to 2100 written YYYY-MM-DD (such as 2025-03-20), got {raw}",
    ),
    # reports as PDF and legacy documents (checker.extract.pdf, checker.extract.reader)
    "extract.position_page": ("第 {page} 页第 {line} 行", "page {page}, line {line}"),
    "extract.pdf_no_text": (
        "PDF 没有文字层（可能是扫描件）：{pages} 页中都没有可读取的文字",
        "the PDF has no text layer (a scan?): none of its {pages} pages has text to read",
    ),
    "extract.pdf_no_unicode": (
        "PDF 的文字无法还原为字符：{count} 个字符的字体没有 Unicode 映射",
        "the PDF's text cannot be read as characters: {count} have no Unicode mapping in their font",
    ),
    "extract.pdf_blank_pages": (
        "PDF 第 {pages} 页没有文字层（可能是扫描页），这几页未读取",
        "page(s) {pages} of the PDF have no text layer (scanned?) and were not read",
    ),
    "extract.pdf_encrypted": ("PDF 已加密，需要密码才能打开", "the PDF is encrypted: it needs a password to open"),
    "extract.pdf_corrupt": ("PDF 已损坏或不是 PDF：{reason}", "the PDF is damaged or not a PDF: {reason}"),
    "extract.pdf_too_many_pages": ("PDF 超过 {limit} 页，拒绝读取", "the PDF has more than {limit} pages; refused"),
    "extract.pdf_page_too_large": (
        "PDF 第 {page} 页有超过 {limit} 个字符，拒绝读取",
        "page {page} of the PDF draws more than {limit} characters; refused",
    ),
    "extract.pdf_timeout": (
        "读取 PDF 超过 {seconds} 秒，已停止",
        "reading the PDF took more than {seconds} seconds; stopped",
    ),
    "extract.pdf_memory": (
        "读取 PDF 需要超过 {limit} 字节的内存（可能是压缩炸弹），已停止",
        "reading the PDF needs more than {limit} bytes of memory (a compression bomb?); stopped",
    ),
    "extract.pdf_failed": ("无法读取 PDF：{reason}", "cannot read the PDF: {reason}"),
    "extract.legacy_format": (
        "{suffix} 是旧版 Word/WPS 文档格式，无法直接读取",
        "{suffix} is a legacy Word/WPS document format, which cannot be read",
    ),
    # region and year read from a report (checker.extract.meta)
    "extract.region_from_title": (
        "报告开头只写“{word}”（第 {at} 行），地区按本行所引文件名称中的“{region}”读取",
        "the opening names the place only as “{word}” (line {at}); the region is read as "
        "“{region}” from the document title cited on this line",
    ),
    "extract.region_from_portal": (
        "报告开头只写“{word}”（第 {at} 行），地区按本行网页所列发布机构“{region}”读取",
        "the opening names the place only as “{word}” (line {at}); the region is read as "
        "“{region}” from the publishing body the page names on this line",
    ),
    "extract.region_from_addressee": (
        "报告开头只写“{word}”（第 {at} 行），地区按本行主送机关中的“{region}”读取",
        "the opening names the place only as “{word}” (line {at}); the region is read "
        "as “{region}” from the addressee on this line",
    ),
    "extract.region_from_text": (
        "报告开头只写“{word}”（第 {at} 行），地区按正文中出现 {count} 次的“{region}”读取（首见于本行）",
        "the opening names the place only as “{word}” (line {at}); the region is read as "
        "“{region}”, which the text names {count} times (first on this line)",
    ),
    "extract.region_unnamed": (
        "报告开头只写“{word}”，标题、首句、所引文件名称和网页信息中都没有写出地名，未能读出地区",
        "the opening names the place only as “{word}”, and neither the title, the opening, "
        "the documents cited nor the page names it: the region is not known",
    ),
    "extract.region_ambiguous": (
        "报告开头只写“{word}”，文中的 {names} 都可能是本地，未能确定地区",
        "the opening names the place only as “{word}”, and the text names {names} as often: the region is not known",
    ),
    "extract.region_missing": (
        "未能从报告标题或首句读出地区",
        "could not read the region from the title or first sentence",
    ),
    "extract.year_missing": (
        "未能从报告标题或首句读出报告年度",
        "could not read the year reported on from the title or first sentence",
    ),
    "extract.year_from_heading": (
        "报告标题和首句未写出年度，年度按第一部分标题“{heading}”读作 {year} 年",
        "the title and first sentence state no year; the year is read as {year} from the first part's "
        "heading “{heading}”",
    ),
    # issue 22: the Excel 填报表, the JSON Schema, a starting submission, a county's own report
    "input.xls": ("{suffix} 文件不能直接读取", "a {suffix} file cannot be read"),
    "input.csv": ("CSV 文件不能作为报送材料读取", "a CSV file cannot be read as a submission"),
    "xlsx.ole": (
        "不是 .xlsx 工作簿：是旧版 .xls 文件，或设置了打开密码的工作簿",
        "not an .xlsx workbook: a legacy .xls file, or a workbook with a password to open",
    ),
    "xlsx.not_zip": (
        "不是 Excel 工作簿（.xlsx）：文件内容不是这种格式",
        "not an Excel workbook (.xlsx): its content is not in that format",
    ),
    "xlsx.too_large": (
        "工作簿解压后超过 {limit} 字节，未读取",
        "the workbook unpacks to more than {limit} bytes; not read",
    ),
    "xlsx.encrypted": ("工作簿的内容已加密，无法读取", "the workbook's content is encrypted and cannot be read"),
    "xlsx.doctype": (
        "工作簿的部件 {member} 含有文档类型声明（DOCTYPE/ENTITY），未读取",
        "the workbook's part {member} has a document type declaration (DOCTYPE/ENTITY); not read",
    ),
    "xlsx.unreadable": ("无法读取工作簿：{reason}", "cannot read the workbook: {reason}"),
    "xlsx.no_openpyxl": (
        "读取 .xlsx 需要 openpyxl 库，未安装",
        "reading .xlsx needs the openpyxl library, which is not installed",
    ),
    "xlsx.too_many_sheets": (
        "工作簿有 {count} 个工作表，只读取前 {limit} 个",
        "the workbook has {count} sheets; only the first {limit} are read",
    ),
    "xlsx.no_table": (
        "工作簿中没有填报表格（表头含“指标代码”和“填报值”的一行）",
        "the workbook has no table to read (a header row with 指标代码 and 填报值)",
    ),
    "xlsx.too_many_rows": (
        "工作表“{sheet}”超过 {limit} 行，其后各行未读取",
        "the sheet '{sheet}' has more than {limit} rows; the rows after them are not read",
    ),
    "xlsx.no_header": (
        "工作表“{sheet}”中没有表头含“指标代码”和“填报值”的表格，未读取",
        "the sheet '{sheet}' has no table with a header row of 指标代码 and 填报值; not read",
    ),
    "xlsx.hidden_sheet": (
        "工作表“{sheet}”是隐藏的；其中的数值照常读取",
        "the sheet '{sheet}' is hidden; its values are read all the same",
    ),
    "xlsx.merged": (
        "合并单元格 {range} 跨越多行：只有第一行读到数值，其余各行当作未报告",
        "the merged cells {range} span several rows: the value is read for the first row only, "
        "the others as not reported",
    ),
    "xlsx.no_key": (
        "这一行填了数值，但没有指标代码，也没有指标名称",
        "this row has a value but neither a key (指标代码) nor a name (指标名称)",
    ),
    "xlsx.row_ignored": (
        "第 {row} 行没有指标代码、指标名称和填报值，未读取",
        "row {row} has no key, name or value; not read",
    ),
    "xlsx.duplicate": (
        "指标“{name}”重复填报（首次在 {first}）",
        "the indicator '{name}' is given twice (first at {first})",
    ),
    "xlsx.formula_no_value": (
        "{key} 的公式 {formula} 没有保存的计算结果",
        "{key}: the formula {formula} has no saved result",
    ),
    "xlsx.formula": (
        "{key} 按公式 {formula} 保存的计算结果读取：{value}",
        "{key}: read as the saved result of {formula}: {value}",
    ),
    "xlsx.error_value": ("{key} 的单元格是错误值 {raw}", "{key}: the cell holds the error {raw}"),
    "cli.output_needed": (
        "{command}：请用 -o 给出要写入的文件（{suffix}）",
        "{command}: give the file to write with -o ({suffix})",
    ),
    "cli.output_suffix": ("{command}：-o {path} 应以 {suffix} 结尾", "{command}: -o {path} must end in {suffix}"),
    "cli.report_one_file": (
        "--html 和 --xlsx 写一个地区的报告：请只给出一个报送文件（给了 {count} 个）",
        "--html and --xlsx write one region's report: give one submission (got {count})",
    ),
    "cli.scheme_needs_report": ("--scheme 只与 --html 或 --xlsx 一起使用", "--scheme goes with --html or --xlsx"),
    "cli.converted": ("已写出 {path}：{count} 个指标", "wrote {path}: {count} indicators"),
    "cli.output_exists": ("{path} 已存在，未覆盖", "{path} exists already; not overwritten"),
    "help.template": (
        "生成 Excel 填报表（.xlsx），各领域一页、每个指标一行",
        "write the Excel fill-in workbook (.xlsx): a sheet per area, a row per indicator",
    ),
    "help.template_output": ("要写入的 .xlsx 文件", "the .xlsx file to write"),
    "help.region": ("地区名称，写入表头（如 社旗县）", "the region's name, written in the header block"),
    "help.year": ("报告年度，写入表头", "the year reported on, written in the header block"),
    "help.level": (
        "层级：county、city、district、township、department",
        "level: county, city, district, township, department",
    ),
    "help.published_on": (
        "年度报告公开日期，写入表头",
        "the date the annual report was made public, written in the header block",
    ),
    "help.schema": (
        "写出报送格式的 JSON Schema（供编辑器补全和校验）",
        "write the submission format as a JSON Schema (for editors: completion and checks)",
    ),
    "help.schema_output": ("写入文件（默认标准输出）", "write to this file (default: stdout)"),
    "help.init": (
        "写出一份起始报送材料（YAML），列出需要填写的指标并加注释",
        "write a starting submission (YAML) listing the indicators to fill in, with comments",
    ),
    "help.init_output": ("写入文件（默认标准输出）", "write to this file (default: stdout)"),
    "help.init_all": (
        "列出目录中的全部指标（默认只列约束性规则用到的和适用方案必报的）",
        "list every indicator of the catalogue (default: those binding rules read and the profile requires)",
    ),
    "help.check_html": (
        "写出本地区的 HTML 报告（单文件，可离线打开，A4 打印）",
        "write this region's HTML report (one file, works offline, prints on A4)",
    ),
    "help.check_xlsx": ("写出本地区的 Excel 报告", "write this region's report as an Excel workbook"),
    "help.check_scheme": (
        "报告中附评分表：评分方案名称或 YAML 文件",
        "add a scoring sheet to the report: a scheme's name or YAML file",
    ),
    "help.extract": (
        "从报告正文提取指标，或转换报送材料的格式（YAML、JSON、.xlsx）；-o 的后缀决定写出的格式",
        "extract the indicators from a prose report, or convert a submission (YAML, JSON, .xlsx); "
        "the suffix of -o chooses the format written",
    ),
    # fazhi serve (issue 23): the web page's messages and its options' help
    "help.serve": (
        "启动本机网页：自查、批量评分、浏览规则（无需使用终端）",
        "start the local web page: check a file, score a cohort, browse the rules (no terminal needed)",
    ),
    "help.serve_host": (
        "监听地址（默认 127.0.0.1，只有本机可以访问）；其他地址须使用访问令牌",
        "address to listen on (default 127.0.0.1: this machine only); any other needs the access token",
    ),
    "help.serve_port": ("端口（默认 8765；0 为任选一个空闲端口）", "port (default 8765; 0: any free port)"),
    "help.serve_token": (
        "访问令牌（监听其他地址时默认自动生成并显示）",
        "access token (generated and shown where the address is not loopback)",
    ),
    "help.serve_scheme": (
        "评分页使用的评分方案：名称（rules/schemes/ 下）或 YAML 文件；默认 national",
        "scoring scheme of the scoring page: a name (rules/schemes/) or a YAML file; default national",
    ),
    "help.serve_engine": (
        "规则引擎：python（默认：长时间运行内存平稳，结论与 durable 相同）或 durable",
        "rule engine: python (default: memory stays flat in a long-running server; the same findings as durable) or durable",
    ),
    "help.serve_max_upload": ("单次上传的上限（MB，默认 20）", "most one upload may bring, in MB (default 20)"),
    "help.serve_max_files": (
        "单次上传的文件数上限（含压缩包中的文件，默认 200）",
        "most files one upload may bring, those in a .zip counted (default 200)",
    ),
    "serve.listening": (
        "fazhi serve 已启动，请用浏览器打开：{url}",
        "fazhi serve is running; open in a browser: {url}",
    ),
    "serve.token": (
        "访问令牌：{token}（上面的地址已包含；其他程序在请求头 X-Fazhi-Token 中给出）",
        "access token: {token} (the address above carries it; other programs send it in the X-Fazhi-Token header)",
    ),
    "serve.stop": ("按 Ctrl-C 停止", "press Ctrl-C to stop"),
    "serve.stopped": ("fazhi serve 已停止", "fazhi serve stopped"),
    "serve.cannot_listen": ("无法在 {host}:{port} 上启动：{reason}", "cannot listen on {host}:{port}: {reason}"),
    "serve.bad_option": ("{option} 应为正数，读到 {raw}", "{option} must be a positive number, got {raw}"),
    "serve.unauthorized": ("需要访问令牌", "the access token is needed"),
    "serve.bad_host": ("不接受以 {host} 访问本机服务", "this local server is not reached as {host}"),
    "serve.bad_origin": ("不接受来自其他网页的提交", "a form sent from another site's page is not accepted"),
    "serve.not_found": ("没有这个页面", "no such page"),
    "serve.method": ("此页面不接受这种请求", "this page does not take this kind of request"),
    "serve.http": ("请求无法完成（HTTP {status}）", "the request could not be done (HTTP {status})"),
    "serve.internal": (
        "服务器内部出错，未能完成；错误已记录在启动 fazhi serve 的窗口中",
        "the server failed on this request; the error is logged in the window fazhi serve runs in",
    ),
    "serve.too_large": ("上传的内容超过上限 {limit}", "the upload is over the limit of {limit}"),
    "serve.file_too_large": ("文件超过上限 {limit}", "the file is over the limit of {limit}"),
    "serve.too_many_files": (
        "一次上传了 {count} 个文件，上限为 {limit} 个",
        "{count} files in one upload; the limit is {limit}",
    ),
    "serve.no_file": ("没有选择文件", "no file was chosen"),
    "serve.one_file": (
        "自查一次核查一个文件（收到 {count} 个）",
        "Check a file takes one file at a time (got {count})",
    ),
    "serve.unsupported": ("不能读取 {suffix} 文件", "a {suffix} file cannot be read"),
    "serve.zip_bad": ("无法读取压缩包：{reason}", "the archive cannot be read: {reason}"),
    "serve.zip_empty": ("压缩包中没有报送材料或报告", "the archive holds no submission or report"),
    "serve.zip_too_many": (
        "压缩包中的报送材料和报告超过 {limit} 个",
        "the archive holds more than {limit} submissions and reports",
    ),
    "serve.zip_too_large": (
        "压缩包解压后超过 {limit}，未解压",
        "the archive unpacks to more than {limit}; not unpacked",
    ),
    "serve.zip_member_too_large": (
        "压缩包中的 {member} 解压后为 {size}，超过单个文件的上限 {limit}，未解压",
        "{member} in the archive unpacks to {size}, over the limit of {limit} a file; not unpacked",
    ),
    "serve.zip_bomb": (
        "压缩包中的 {member} 压缩了 {ratio} 倍，疑为压缩炸弹，未解压",
        "{member} in the archive is compressed {ratio} times over, as a zip bomb is; not unpacked",
    ),
    "serve.zip_unsafe_path": (
        "压缩包中的 {member} 指向压缩包以外（绝对路径或 ..），未解压",
        "{member} in the archive points outside it (an absolute path or ..); not unpacked",
    ),
    "serve.zip_link": ("压缩包中的 {member} 是链接，未解压", "{member} in the archive is a link; not unpacked"),
    "serve.zip_nested": (
        "压缩包中的 {member} 本身是压缩包，不解压嵌套的压缩包",
        "{member} in the archive is an archive itself; nested archives are not unpacked",
    ),
    "serve.zip_encrypted": (
        "压缩包中的 {member} 设有密码，未解压",
        "{member} in the archive is encrypted; not unpacked",
    ),
    "serve.zip_lied": (
        "压缩包中的 {member} 实际内容多于其记录的大小，未解压",
        "{member} in the archive holds more than its recorded size; not unpacked",
    ),
    "serve.busy": (
        "正在进行和保留的评分已有 {limit} 批，请稍后再试",
        "{limit} scoring runs are running or kept; try again shortly",
    ),
    "serve.no_job": ("没有这批评分（可能已过期）", "no such scoring run (it may have expired)"),
    "serve.year": ("年度应为 1990 至 2100 之间的年份，读到 {raw}", "the year must be from 1990 to 2100, got {raw}"),
    "serve.date": (
        "公开日期应为日期（如 2025-03-20），读到 {raw}",
        "the publication date must be a date (such as 2025-03-20), got {raw}",
    ),
    # numbers found and not attributed (fazhi extract --candidates, issue 21)
    "help.candidates": (
        "列出报告中找到、但未归属任何指标的带单位数字，附原文和最接近的指标",
        "list the numbers with a unit found in the report and attributed to no indicator, "
        "with their sentence and the nearest indicators",
    ),
    "extract.candidates_head": (
        "{file}：带单位的数字 {found} 个，已归属指标 {taken} 个，以下 {left} 个未采用",
        "{file}: {found} numbers with a unit, {taken} attributed to an indicator, {left} not taken:",
    ),
    "extract.candidate": ("{position}  {text}  {why}", "{position}  {text}  {why}"),
    "extract.candidate_nearest": ("最接近的指标：{keys}", "nearest indicators: {keys}"),
    "extract.left_unattributed": ("依据不足，未归属任何指标", "not enough evidence for any indicator"),
    "extract.left_ambiguous": ("可归属不止一个指标，无法确定", "as likely one indicator as another"),
    "extract.left_trapped": (
        "属于其他主体、往年、计划或清单变动，未归属",
        "another body's, an earlier year's, a plan or a change to a list",
    ),
    "extract.left_change": ("是变动幅度或占比，不是指标数值", "a change or a share, not a level"),
    "extract.left_conflict": (
        "该指标已按别处取得不同数值，未采用",
        "the indicator took another value elsewhere; not used",
    ),
}

HINTS = {
    "input.empty": (
        "参照 samples/sheqi-2024.yaml 填写 region、year 和 indicators",
        "see samples/sheqi-2024.yaml: give region, year and indicators",
    ),
    "input.not_mapping": (
        "文件顶层应为 region: …、year: …、indicators: …",
        "the top level must be region: …, year: …, indicators: …",
    ),
    "value.too_precise": (
        "少写几位小数，如 99.99：这么多位无法按原值读取",
        "give fewer digits, e.g. 99.99: so many cannot be read as written",
    ),
    "input.region_type": ("例如 region: 社旗县", "for example region: 社旗县"),
    "input.published_before_year": (
        "写报告实际公开的日期（在所报告年度之后，通常为次年 1 至 3 月）",
        "give the date the report was made public (after the year reported on, usually January to March of the next year)",
    ),
    "input.no_files": (
        "检查目录路径；报送材料的文件名须以上述后缀结尾",
        "check the directory; submissions' names end in one of these suffixes",
    ),
    "file.not_regular": ("给出报送材料文件本身", "give the submission file itself"),
    "input.region_unprintable": (
        "地区名称写在一行内，只用文字",
        "write the region's name on one line, in plain characters",
    ),
    "input.region_invisible": (
        "删去该字符（常由复制粘贴带入）；地区名称只用可见的文字",
        "delete that character (copying and pasting often brings one in); a region's name is visible text only",
    ),
    "input.region_radical": (
        "改用该部首对应的汉字（如 ⻓ 改为 长）",
        "write the ideograph the radical stands for (长 for ⻓)",
    ),
    "input.region_mark": (
        "删去该符号；地区名称只用汉字",
        "delete the mark; a region's name is written in ideographs alone",
    ),
    "input.region_too_long": ("只写地区名称本身，如 社旗县", "give the region's name alone, e.g. 社旗县"),
    "input.encoding_implausible": ("请另存为 UTF-8 编码", "save the file as UTF-8"),
    "extract.docx_ole": (
        "去掉密码保护，用 Word 或 WPS 另存为 .docx",
        "remove the password and save it as .docx in Word or WPS",
    ),
    "extract.docx_encrypted": ("去掉密码保护后重新另存为 .docx", "remove the password and save the .docx again"),
    "extract.docx_corrupt": (
        "文件已损坏；用 Word 或 WPS 打开后重新另存为 .docx",
        "the file is damaged; open it in Word or WPS and save it again",
    ),
    "extract.docx_compression": (
        "用 Word 或 WPS 打开后重新另存为 .docx",
        "open it in Word or WPS and save it as .docx again",
    ),
    "extract.docx_too_large": (
        "一份年度报告解压后通常只有几 MB；请检查是否选错了文件",
        "a report is a few MB uncompressed; check the file",
    ),
    "extract.docx_doctype": (
        "Word 和 WPS 从不写此类声明；用 Word 或 WPS 打开后重新另存为 .docx",
        "Word and WPS never write one; open the file in Word or WPS and save it as .docx again",
    ),
    "yaml.too_many_nodes": (
        "一份报送材料只有几百个值；检查是否选错了文件",
        "a submission holds a few hundred values; check the file",
    ),
    "input.out_of_memory": (
        "检查文件是否选错；或以更少的并行进程（--jobs）重试",
        "check the file; or retry with fewer --jobs",
    ),
    "file.folder_link": ("要检查该目录，直接在命令行上给出它", "to check that folder, name it on the command line"),
    "cli.stdin_closed": (
        "用管道提供路径列表（find … | fazhi check --paths-from -），或写作 --paths-from 列表文件",
        "pipe the list in (find … | fazhi check --paths-from -), or give --paths-from FILE",
    ),
    "cli.format_same_place": ("给每种输出各自的文件名", "give each output a file of its own"),
    "yaml.bad_scalar": (
        "检查这个值：数字不超过 4,300 位，日期须真实存在（2024-02-30 不存在）",
        "check the value: a number of at most 4,300 digits, a date that exists (not 2024-02-30)",
    ),
    "file.unreadable": ("检查文件是否存在、是否有读取权限", "check that the file exists and can be read"),
    "yaml.complex_key": (
        "键写成一行文字，如 emergency.county_drills",
        "write the key as plain text, e.g. emergency.county_drills",
    ),
    "input.indicators_mapping": (
        "写成 indicators: 下每行一个“指标: 值”",
        "write one 'key: value' per line under indicators:",
    ),
    "input.want_text": ("用引号写成文字", "write it as text, in quotes"),
    "value.want_scalar": (
        "写一个数值，或写成 {{value: …, approx: …, source: …}}",
        "write one value, or {{value: …, approx: …, source: …}}",
    ),
    "yaml.null_document": (
        "写出文件应有的字段（参照同类的示例文件）",
        "write the fields the file should hold (see an example of its kind)",
    ),
    "input.too_large": ("一份报送材料通常只有几 KB；请检查是否选错了文件", "a submission is a few KB; check the file"),
    "input.too_many_problems": ("先改正上面列出的问题，再重新检查", "fix the problems above and check again"),
    "input.binary": ("请提交 YAML 或 JSON 文本文件", "submit a YAML or JSON text file"),
    "input.encoding": ("请另存为 UTF-8 编码", "save the file as UTF-8"),
    "input.gb18030": ("建议另存为 UTF-8 编码", "saving as UTF-8 is recommended"),
    "yaml.syntax": ("检查该位置附近的缩进、冒号和引号", "check indentation, colons and quotes near this position"),
    "yaml.tab": ("把制表符换成空格", "replace the tabs with spaces"),
    "json.syntax": ("检查该位置附近的逗号、引号和括号", "check commas, quotes and brackets near this position"),
    "yaml.duplicate_key": ("删除重复的一项，或核对应保留哪个值", "remove one of them, keeping the right value"),
    "yaml.alias": ("把每个值直接写出", "write each value out"),
    "yaml.merge": ("把每个值直接写出", "write each value out"),
    "yaml.tag": ("删除以 ! 开头的标签", "remove the tag starting with !"),
    "yaml.too_deep": ("报送材料只需两层：领域和指标", "a submission needs two levels at most: area and indicator"),
    "input.unknown_field": (
        "可用字段：region、region_code、level、year、published_on、indicators；是否想写 {suggestion}？",
        "fields: region, region_code, level, year, published_on, indicators; did you mean {suggestion}?",
    ),
    "input.region": ("例如 region: 社旗县", "for example region: 社旗县"),
    "input.year": ("例如 year: 2024（报告所述年度）", "for example year: 2024 (the year reported on)"),
    "input.region_code": ('例如 region_code: "411327"（加引号）', 'for example region_code: "411327" (quoted)'),
    "input.level": ("可选：{choices}", "choose from {choices}"),
    "input.no_indicators": ("在 indicators: 下列出各项指标", "list the figures under indicators:"),
    "input.unknown_indicator": (
        "是否想写：{suggestion}？全部指标见 fazhi template 生成的填报表或 docs/indicators-reference.md",
        "did you mean {suggestion}? every indicator is in the workbook fazhi template writes, "
        "and in docs/indicators-reference.md",
    ),
    "input.duplicate_indicator": (
        "同一指标只能给出一次（按键名、中文名或嵌套形式皆算同一指标）",
        "give each indicator once (key, Chinese name and nested form are the same indicator)",
    ),
    "input.unknown_value_field": (
        "值映射只能包含 value、approx、source、note；是否想写 {suggestion}？",
        "a value mapping holds value, approx, source, note; did you mean {suggestion}?",
    ),
    "input.value_missing": ('写成 {{value: 12, source: "…"}}', 'write {{value: 12, source: "…"}}'),
    "input.rate_disagrees": (
        "核对比率或计数，二者须一致（或删去其一）",
        "check the rate or the counts; they must agree (or give only one)",
    ),
    "input.rate_disagrees_approx": (
        "约数（余、多、近、约）按所写数的一成（至少 10）计；核对比率或计数，或写出准确数",
        "an approximate count (余, 多, 近, 约) is taken within a tenth of it (at least 10); "
        "check the rate or the counts, or give exact counts",
    ),
    "input.rate_fallback": (
        "报告所缺的计数即按默认口径计算；各比率的口径见 docs/rates.md",
        "report the missing counts to have the default definition; every rate's definition is in docs/rates.md",
    ),
    "input.rate_chosen": ("各比率的口径见 docs/rates.md", "every rate's definition is in docs/rates.md"),
    "input.rate_from_counts": (
        "给出的比率是计算值的四舍五入（或约数）；如需精确，直接写计算值或删去比率",
        "the stated rate rounds the computed one (or is approximate); give the computed rate or leave the rate out",
    ),
    "value.want_bool": ("写 true 或 false", "write true or false"),
    "value.want_date": ("写成 2025-03-25", "write 2025-03-25"),
    "value.bool_for_number": (
        "YAML 把 yes/no/on/off 读作布尔值；请写数字",
        "YAML reads yes/no/on/off as booleans; write a number",
    ),
    "value.date_for_number": ("请写数字", "write a number"),
    "value.want_number": ("请写数字", "write a number"),
    "value.not_a_number": (
        "写阿拉伯数字，如 12、2528、4.29亿元、300余、100%；中文数字请改写",
        "write digits, e.g. 12, 2528, 4.29亿元, 300余, 100%",
    ),
    "value.not_finite": ("请写具体数值", "write a real number"),
    "value.too_large": ("检查是否多写了位数", "check for extra digits"),
    "value.fractional_count": (
        "计数写整数；约数写成 {{value: 300, approx: true}}",
        "counts are whole numbers; approximate ones as {{value: 300, approx: true}}",
    ),
    "value.negative": ("写非负数", "write a non-negative number"),
    "value.percent_range": (
        '百分比写 0 到 100 之间的数，如 95 或 "95%"',
        'write a percentage between 0 and 100, e.g. 95 or "95%"',
    ),
    "value.percent_fraction": (
        '百分比按 0 到 100 填写（98% 写作 98），值已按原样读取；若确为 {raw}%，写成 "{raw}%" 即不再提示',
        'percentages are written 0 to 100 (98% as 98); the value is kept as written; if {raw}% is right, write "{raw}%" and this note goes',
    ),
    "value.money_unit": ("只写数字", "write the number only"),
    "value.percent_sign": ("只写数字", "write the number only"),
    "value.count_word": ("只写数字", "write the number only"),
    "value.empty": (
        "填写数值，或删除该项（未报告的指标会显示为“未报告”）",
        "give a value or remove the line (unreported indicators show as missing)",
    ),
    "expr.unknown_indicator": ("是否想写：{suggestion}？", "did you mean {suggestion}?"),
    "expr.unknown_param": (
        "是否想写：{suggestion}？或在 params 中定义",
        "did you mean {suggestion}? or define it under params",
    ),
    "expr.unknown_function": (
        "可用函数：rate、present、approx、given_or、date、min、max、abs；是否想写 {suggestion}？",
        "functions: rate, present, approx, given_or, date, min, max, abs; did you mean {suggestion}?",
    ),
    "pack.bad_confirm_with": (
        "例如 confirm_with: [disputes.reconsideration_carried_over]",
        "for example confirm_with: [disputes.reconsideration_carried_over]",
    ),
    "pack.strength_alias": (
        "改写为 strength: law（法律法规）或 strength: central（中央文件）",
        "write strength: law (法律法规) or strength: central (中央文件)",
    ),
    "pack.bad_versions": (
        "例如 versions: [{{version: 2015修正, article: 第四十二条, until: 2025-03-10}}, {{version: 2025修正, article: 第五十一条, from: 2025-03-11}}]",
        "e.g. versions: [{{version: 2015修正, article: 第四十二条, until: 2025-03-10}}, {{version: 2025修正, article: 第五十一条, from: 2025-03-11}}]",
    ),
    "pack.unofficial_url": (
        "引用官方文本或政府网站页面；没有的不写网址，或以 url_note 说明为何引用此页",
        "cite the official text or a government page; where there is none, cite no URL, or say why in url_note",
    ),
    "pack.url_two_documents": ("每个网址只对应一份文件；删去错误的网址", "one URL, one document: remove the wrong URL"),
    "pack.confirm_unread": (
        "在条件中读取它，例如 given_or({name}, 0)",
        "read it in the condition, e.g. given_or({name}, 0)",
    ),
    "profile.unknown_rule": ("是否想写：{suggestion}？", "did you mean {suggestion}?"),
    "scheme.unknown_field": ("是否想写：{suggestion}？", "did you mean {suggestion}?"),
    "scheme.veto_on": (
        "写出否决所针对的规则状态，如 on: [fail, missing]（一项也可写 on: fail）",
        "list the rule statuses the veto acts on, e.g. on: [fail, missing] (one: on: fail)",
    ),
    "profile.unknown_param": ("是否想写：{suggestion}？", "did you mean {suggestion}?"),
    "profile.unknown_area": ("是否想写：{suggestion}？", "did you mean {suggestion}?"),
    "profile.unknown_indicator": (
        "是否想写：{suggestion}？全部指标见 docs/indicators-reference.md",
        "did you mean {suggestion}? every indicator is in docs/indicators-reference.md",
    ),
    "profile.not_mapping": (
        "--profile 给出适用方案的名称（如 henan-county）或其 YAML 文件，文件由 name:、extends:、rules: 等字段组成",
        "give --profile a profile's name (e.g. henan-county) or its YAML file, made of name:, extends:, rules: and like fields",
    ),
    "profile.is_submission": (
        "报送材料作为检查对象给出（fazhi check 文件）；--profile 给出适用方案的名称（如 henan-county）或其 YAML 文件",
        "give a submission as what to check (fazhi check FILE); --profile takes a profile's name "
        "(e.g. henan-county) or its YAML file",
    ),
    "profile.bad_required": (
        "例如 required: [regulation.normative_docs_issued, 行政规范性文件合法性审核率]",
        "for example required: [regulation.normative_docs_issued, regulation.normative_docs_review_rate]",
    ),
    "file.unwritable": ("检查路径和权限", "check the path and permissions"),
    "output.unencodable": (
        "用 -o 写入文件（UTF-8），或设置 PYTHONIOENCODING=utf-8",
        "write it to a file with -o (UTF-8), or set PYTHONIOENCODING=utf-8",
    ),
    "extract.metadata": (
        "在标题中写明“XX县2024年法治政府建设年度报告”，或在首句写“2024年，XX县……”",
        "state it in the title (XX县2024年法治政府建设年度报告) or the first sentence (2024年，XX县……)",
    ),
    "extract.conflict": ("核对报告中该指标的各处表述", "check where the report states this figure"),
    "waiver.required": (
        "豁免须写明 rule 或 area、region、year、justification（理由）、approved_by、approved_on、expires（到期日）",
        "a waiver needs rule or area, region, year, justification, approved_by, approved_on, expires",
    ),
    "waiver.unknown_rule": ("是否想写：{suggestion}？", "did you mean {suggestion}?"),
    "waiver.file": (
        "参照 examples/waivers.yaml：waivers: 下每项一条豁免",
        "see examples/waivers.yaml: one waiver per item under waivers:",
    ),
    "waiver.fingerprint": (
        "复制 check 的 JSON 输出中该结论的 fingerprint（加引号）",
        "copy the finding's fingerprint from check's JSON output (in quotes)",
    ),
    "waiver.approved_after_expiry": ("核对两个日期", "check the two dates"),
    "waiver.duplicate": ("删除重复的一项", "remove the repeat"),
    "waiver.unknown_field": ("是否想写：{suggestion}？", "did you mean {suggestion}?"),
    "waiver.unused": (
        "删除该豁免，或核对 rule、region、year 是否写对",
        "remove it, or check its rule, region and year",
    ),
    "waiver.expired": ("整改到位，或重新审批并更新到期日", "fix the finding, or renew the approval with a new expiry"),
    "waiver.not_yet_approved": (
        "核对批准日期；核查某一日的情况用 --today YYYY-MM-DD（默认为北京时间的今天）",
        "check the approval date; to check as of a day, give --today YYYY-MM-DD (default: today in China)",
    ),
    "cli.engine_unavailable": ("改用 --engine python（结果相同）", "use --engine python (same results)"),
    "cli.workers_failed": (
        "用 --jobs 1 在单个进程中重试，可看到出错的文件",
        "retry with --jobs 1 to see the file at fault",
    ),
    "input.no_paths": ("每行写一个路径（空行忽略）", "write one path a line (blank lines are ignored)"),
    "output.is_input": (
        "另选输出文件名，或写到输入目录之外",
        "choose another output file, or one outside the input folders",
    ),
    "extract.pdf_no_text": (
        "先用 OCR 把扫描件识别为文字（如 WPS 或 Adobe Acrobat 的“识别文字”功能），或提供报告的 .docx 或 .txt 原稿",
        "run OCR on the scan first (WPS or Adobe Acrobat can), or give the report's .docx or .txt",
    ),
    "extract.pdf_no_unicode": (
        "用 OCR 识别后重新导出，或提供报告的 .docx 或 .txt 原稿",
        "run OCR and export it again, or give the report's .docx or .txt",
    ),
    "extract.pdf_blank_pages": (
        "对这几页做 OCR，或提供报告的 .docx 或 .txt 原稿",
        "run OCR on those pages, or give the .docx or .txt",
    ),
    "extract.pdf_encrypted": (
        "去掉密码后重新另存为 PDF，或提供报告的 .docx 或 .txt",
        "remove the password and save the PDF again, or give the .docx or .txt",
    ),
    "extract.pdf_corrupt": (
        "用 PDF 阅读器打开后重新另存，或提供报告的 .docx 或 .txt",
        "open and save it again in a PDF reader, or give the .docx or .txt",
    ),
    "extract.pdf_too_many_pages": (
        "一份年度报告通常只有几十页；请检查是否选错了文件",
        "a report has tens of pages; check the file",
    ),
    "extract.pdf_page_too_large": (
        "请检查是否选错了文件，或提供报告的 .docx 或 .txt",
        "check the file, or give the .docx or .txt",
    ),
    "extract.pdf_timeout": (
        "请检查是否选错了文件，或提供报告的 .docx 或 .txt",
        "check the file, or give the .docx or .txt",
    ),
    "extract.pdf_memory": (
        "请检查是否选错了文件，或提供报告的 .docx 或 .txt",
        "check the file, or give the .docx or .txt",
    ),
    "extract.pdf_failed": ("提供报告的 .docx 或 .txt", "give the report's .docx or .txt"),
    "extract.legacy_format": (
        "用 Word 或 WPS 打开后另存为 {to}（或 .pdf、.txt）再运行",
        "open it in Word or WPS, save it as {to} (or .pdf, .txt) and run again",
    ),
    "extract.region_unnamed": (
        "用 --region 指定地区（如 --region 示例县）；各项数字已照常提取",
        "give it with --region (such as --region 示例县); the figures are extracted all the same",
    ),
    "extract.region_ambiguous": (
        "用 --region 指定地区（如 --region 示例县）；各项数字已照常提取",
        "give it with --region (such as --region 示例县); the figures are extracted all the same",
    ),
    "extract.region_missing": (
        "用 --region 指定地区（如 --region 示例县），或在标题中写明“示例县2024年法治政府建设年度报告”",
        "give it with --region (such as --region 示例县), or state it in the title",
    ),
    "extract.year_missing": (
        "用 --year 指定年度（如 --year 2024），或在标题中写明“2024年度”",
        "give it with --year (such as --year 2024), or state it in the title (2024年度)",
    ),
    "extract.year_from_heading": (
        "如不是报告年度，用 --year 指定（如 --year 2024）",
        "if that is not the year reported on, give it with --year (such as --year 2024)",
    ),
    # issue 22: the Excel 填报表, the JSON Schema, a starting submission, a county's own report
    "input.xls": (
        "在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）后再核查；空白填报表用 fazhi template 生成",
        "save it as an Excel workbook (.xlsx) in Excel or WPS and check that; fazhi template writes a blank one",
    ),
    "input.csv": (
        "用 fazhi template 生成的填报表（.xlsx）填报，或写成 YAML/JSON",
        "fill in the workbook fazhi template writes (.xlsx), or write YAML/JSON",
    ),
    "xlsx.ole": (
        "在 Excel 或 WPS 中去掉打开密码，“另存为” .xlsx 后再核查",
        "remove the password and save it as .xlsx in Excel or WPS",
    ),
    "xlsx.not_zip": (
        "在 Excel 或 WPS 中打开它，“另存为” Excel 工作簿（.xlsx）",
        "open it in Excel or WPS and save it as an Excel workbook (.xlsx)",
    ),
    "xlsx.encrypted": ("去掉密码后另存为 .xlsx", "remove the password and save it as .xlsx"),
    "xlsx.doctype": ("在 Excel 或 WPS 中打开并重新保存", "open it in Excel or WPS and save it again"),
    "xlsx.unreadable": (
        "在 Excel 或 WPS 中打开并重新保存；或用 fazhi template 重新生成填报表",
        "open it in Excel or WPS and save it again, or start from a workbook fazhi template writes",
    ),
    "xlsx.no_openpyxl": ("pip install openpyxl", "pip install openpyxl"),
    "xlsx.no_table": ("用 fazhi template 生成填报表，在其中填写", "fill in a workbook fazhi template writes"),
    "xlsx.too_many_rows": (
        "一个领域的指标不会这么多：删去多余的行",
        "an area has nowhere near so many indicators: delete the extra rows",
    ),
    "xlsx.no_header": (
        "需要读取的话，加一行表头：指标代码、指标名称、填报值",
        "to have it read, give it a header row: 指标代码, 指标名称, 填报值",
    ),
    "xlsx.hidden_sheet": (
        "核对后取消隐藏，以免报送的数值与看到的不一致",
        "unhide it after checking, so that what is reported is what is seen",
    ),
    "xlsx.merged": (
        "取消合并，每个指标在自己的行中填写",
        "unmerge the cells and fill in each indicator in its own row",
    ),
    "xlsx.no_key": (
        "在“指标名称”列写上指标的中文名，或删除这一行",
        "write the indicator's Chinese name under 指标名称, or delete the row",
    ),
    "xlsx.duplicate": ("每个指标只填一次：删除重复的一行", "give each indicator once: delete the repeat"),
    "xlsx.formula_no_value": (
        "在 Excel 或 WPS 中打开并保存（保存时会计算公式），或直接填写数值",
        "open and save it in Excel or WPS (saving computes the formulas), or type the value",
    ),
    "xlsx.error_value": (
        "改正公式或直接填写数值；没有的不填",
        "correct the formula or type the value; leave it empty where there is none",
    ),
    "cli.output_needed": ("例如 fazhi template -o 填报表.xlsx", "for example fazhi template -o template.xlsx"),
    "cli.report_one_file": (
        "每个地区单独生成报告：fazhi check 文件 --html 报告.html",
        "write one report per region: fazhi check FILE --html report.html",
    ),
    "cli.output_exists": (
        "换一个文件名，或先删除它（已填写的表格不会被覆盖）",
        "choose another name, or delete it first (a filled-in file is never overwritten)",
    ),
    # fazhi serve (issue 23)
    "serve.cannot_listen": (
        "换一个端口（--port 8766），或先停止占用该端口的程序",
        "choose another port (--port 8766), or stop what holds this one",
    ),
    "serve.unauthorized": (
        "打开 fazhi serve 启动时显示的地址（含 ?token=），或在请求头 X-Fazhi-Token 中给出令牌",
        "open the address fazhi serve showed when it started (with ?token=), or send the token in the X-Fazhi-Token header",
    ),
    "serve.bad_host": ("用 http://127.0.0.1:端口/ 打开", "open it as http://127.0.0.1:PORT/"),
    "serve.bad_origin": ("从本服务的页面提交", "send it from this server's own page"),
    "serve.too_large": (
        "分批上传；或在命令行用 fazhi check、fazhi score 处理",
        "upload in smaller batches, or use fazhi check and fazhi score on the command line",
    ),
    "serve.file_too_large": (
        "在命令行用 fazhi check 处理此文件",
        "check this file with fazhi check on the command line",
    ),
    "serve.too_many_files": ("分批上传", "upload in smaller batches"),
    "serve.no_file": (
        "选择或拖入报送材料（YAML、JSON、.xlsx）或报告（.docx、.pdf、.html、.txt）",
        "choose or drop a submission (YAML, JSON, .xlsx) or a report (.docx, .pdf, .html, .txt)",
    ),
    "serve.one_file": ("多个文件请用“评分”页", "for several files use the Score page"),
    "serve.unsupported": (
        "报送材料用 YAML、JSON 或 Excel 填报表（.xlsx），报告用 .docx、.pdf、.html 或 .txt；多个文件可打包为 .zip 在“评分”页上传",
        "a submission is YAML, JSON or the Excel 填报表 (.xlsx), a report .docx, .pdf, .html or .txt; several files go in a .zip on the Score page",
    ),
    "serve.zip_bad": ("重新打包为 .zip 后上传", "pack the files again as a .zip"),
    "serve.zip_empty": (
        "报送材料为 .yaml、.json、.xlsx，报告为 .docx、.pdf、.html、.txt",
        "submissions are .yaml, .json or .xlsx; reports .docx, .pdf, .html or .txt",
    ),
    "serve.zip_too_many": ("分成几个压缩包上传", "split it into several archives"),
    "serve.zip_too_large": ("分成几个压缩包上传", "split it into several archives"),
    "serve.zip_member_too_large": (
        "在命令行用 fazhi check 处理此文件",
        "check this file with fazhi check on the command line",
    ),
    "serve.zip_bomb": ("把文件本身打包上传", "pack the files themselves"),
    "serve.zip_unsafe_path": (
        "在压缩工具中重新打包，只放入文件本身",
        "pack the files again, the files themselves only",
    ),
    "serve.zip_link": ("打包文件本身，不要打包链接", "pack the files themselves, not links to them"),
    "serve.zip_nested": (
        "先解开内层的压缩包，把其中的文件直接放入一个 .zip",
        "unpack the inner archive and put its files in one .zip",
    ),
    "serve.zip_encrypted": ("去掉密码后重新打包", "pack it again without a password"),
    "serve.zip_lied": ("重新打包为 .zip 后上传", "pack the files again as a .zip"),
    "serve.no_job": ("在“评分”页重新上传", "upload the files again on the Score page"),
}


def colon(lang: str) -> str:
    """The label separator: a full-width colon in Chinese."""
    return ": " if lang == "en" else "："


MAX_PARAM = 120  # characters of a value quoted in a message (a hostile file may hold megabytes)


class _Safe(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def shorten(params: dict) -> dict:
    """Params with long text cut and line breaks shown escaped, for messages about input (a hostile
    file may hold megabytes, or a line that a CI runner would read as a command of its own)."""
    return {k: _short(v) for k, v in params.items()}


def _short(value):
    if isinstance(value, str):
        if len(value) > MAX_PARAM:
            value = value[: MAX_PARAM - 1] + "…"
        return one_line(value)
    return value


_BREAKS = {
    "\r\n": "\\r\\n",
    "\n": "\\n",
    "\r": "\\r",
    "\x0b": "\\x0b",
    "\x0c": "\\x0c",
    "\x85": "\\x85",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_BREAK = re.compile("|".join(map(re.escape, _BREAKS)))


# marks that reorder text as it is shown (U+202E makes a line read otherwise than it is written): never
# shown as such (render.layout) and never in a place's name (submission)
BIDI_MARKS = "".join(map(chr, (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))))


_SURROGATE = re.compile("[\ud800-\udfff]")


def display_name(name: str) -> str:
    """A file name as every output shows it: bytes that are not UTF-8 (a GBK name from a Windows zip,
    which Python holds as lone surrogates) escaped as ``\\xNN``, so that it can be written in UTF-8,
    in XML, in a spreadsheet; any other lone surrogate as ``\\uXXXX``. Anything else as it is."""
    if not _SURROGATE.search(name):
        return name
    return _SURROGATE.sub(
        lambda m: (
            "\\x%02x" % (ord(m.group()) - 0xDC00) if "\udc80" <= m.group() <= "\udcff" else "\\u%04x" % ord(m.group())
        ),
        name,
    )


def one_line(text: str) -> str:
    """``text`` from input with its line breaks escaped (``\\n``): a region, a file name or a source
    sentence stays on its line of the output, and nothing in it can start a line of its own
    (``::error::…`` is a command to GitHub Actions at the start of a line)."""
    return _BREAK.sub(lambda m: _BREAKS[m.group()], text) if _BREAK.search(text) else text


def t(code: str, lang: str = "zh", **params) -> str:
    pair = MESSAGES.get(code)
    if pair is None:
        return code
    template = pair[1] if lang == "en" else pair[0]
    return template.format_map(_Safe(params))


def with_strength(rule, lang: str) -> str:
    """A rule's basis with its binding force named (法律法规, 中央文件, 地方规定, ...)."""
    return t("basis.with_strength", lang, basis=rule.basis_text(lang), strength=t("strength." + rule.strength, lang))


def hint(code: str, lang: str = "zh", **params) -> str:
    pair = HINTS.get(code)
    if pair is None:
        return ""
    if "{suggestion}" in pair[0] and not params.get("suggestion"):
        return ""
    template = pair[1] if lang == "en" else pair[0]
    return template.format_map(_Safe(params))


def word(table: dict, key: str, lang: str, **params) -> str:
    """``key`` from a page's own (zh, en) table of words (headings, labels, button text), with
    ``params`` filled in: the one lookup every rendered page and sheet shares."""
    zh, en = table[key]
    text = en if lang == "en" else zh
    return text.format(**params) if params else text
