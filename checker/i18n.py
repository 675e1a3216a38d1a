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
    "status.fail": ("不通过", "fail"),
    "status.warn": ("警示", "warn"),
    "status.not_applicable": ("不适用", "n/a"),
    "status.missing": ("未报告", "missing"),
    "status.error": ("出错", "error"),
    "result.pass": ("通过", "PASS"),
    "result.fail": ("未通过", "FAIL"),
    "result.error": ("输入有误", "ERROR"),
    "severity.critical": ("严重", "critical"),
    "severity.major": ("重要", "major"),
    "severity.minor": ("一般", "minor"),
    "severity.info": ("提示", "info"),
    "strength.statutory": ("法定", "statutory"),
    "strength.local": ("地方规定", "local"),
    "strength.consistency": ("数据一致性", "consistency"),
    "strength.practice": ("工作惯例", "practice"),
    "strength.none": ("无阈值", "none"),
    "summary.line": ("通过 {pass} · 不通过 {fail} · 警示 {warn} · 不适用 {not_applicable} · 未报告 {missing} · 出错 {error}"
                     " · 已豁免 {waived}",
                     "pass {pass} · fail {fail} · warn {warn} · n/a {not_applicable} · missing {missing} · error {error}"
                     " · waived {waived}"),
    "summary.total": ("共 {files} 个文件：通过 {passed}，未通过 {failed}，输入有误 {errored}",
                      "{files} file(s): {passed} passed, {failed} failed, {errored} with input errors"),
    # finding messages
    "finding.pass": ("{values}，符合要求（{expected}）", "{values}: meets the requirement ({expected})"),
    "finding.fail": ("{values}，不符合要求（{expected}）", "{values}: does not meet the requirement ({expected})"),
    "finding.warn": ("{values}，未达到工作目标（{expected}）；该阈值为工作惯例，非法定要求",
                     "{values}: below the target ({expected}); a practice target, not a legal requirement"),
    "finding.missing": ("未报告：{names}，无法核对（{expected}）", "not reported: {names}; cannot check ({expected})"),
    "finding.not_applicable": ("不适用：{values}", "not applicable: {values}"),
    "finding.error": ("无法求值：{reason}", "could not be evaluated: {reason}"),
    "reason.invalid": ("指标值有误，见输入错误（{names}）", "invalid value, see input errors ({names})"),
    "reason.zero": ("分母为零", "zero denominator"),
    "reason.other": ("{text}", "{text}"),
    # input diagnostics
    "input.empty": ("文件为空", "the file is empty"),
    "yaml.null_document": ("文件内容只是一个空值（null、~ 或单独的 ---），没有任何字段",
                           "the file holds only a null value (null, ~ or a bare ---), no fields"),
    "value.too_precise": ("{key} 的值 {raw} 位数过多，读入后不再是原值", "{key}: {raw} has more digits than can be read as written"),
    "input.region_type": ("region 应为地区名称（文字），读到 {raw}", "region must be a place's name (text), not {raw}"),
    "input.published_before_year": ("published_on {raw} 早于所报告的年度 {year}", "published_on {raw} is before the year reported on, {year}"),
    "score.duplicate": ("与 {first} 是同一地区、同一年度（{region} {year}），未计分",
                        "the same region and year as {first} ({region} {year}); not scored"),
    "input.no_files": ("目录中没有报送材料（.yaml、.yml、.json，或报告 .txt、.html、.htm、.shtml、.docx）",
                       "no submission in the directory (.yaml, .yml, .json, or a report: .txt, .html, .htm, .shtml, .docx)"),
    "file.not_regular": ("不是普通文件（管道、设备等），未读取", "not a regular file (a pipe, a device); not read"),
    "input.region_unprintable": ("region 含有换行、控制字符或改变文字方向的标记：{raw}",
                                 "region holds a line break, a control character or a text-direction mark: {raw}"),
    "input.not_mapping": ("文件内容不是键值映射（应以 region:、year:、indicators: 等字段组成）",
                          "the file is not a mapping (expected fields region:, year:, indicators:)"),
    "input.too_large": ("文件过大（{size} 字节，上限 {limit} 字节），拒绝读取", "file too large ({size} bytes, limit {limit}); refused"),
    "input.binary": ("文件含有 NUL 字节，不是文本文件", "the file contains NUL bytes; not a text file"),
    "input.encoding": ("无法按 {encoding} 解码文件", "cannot decode the file as {encoding}"),
    "input.gb18030": ("文件不是 UTF-8 编码，已按 GB18030（兼容 GBK）读取", "not UTF-8; read as GB18030 (GBK-compatible)"),
    "file.unreadable": ("无法读取文件：{reason}", "cannot read the file: {reason}"),
    "file.unwritable": ("无法写入输出文件：{reason}", "cannot write the output file: {reason}"),
    "output.unencodable": ("标准输出的编码 {encoding} 无法写出字符“{char}”，未输出",
                           "stdout's encoding {encoding} cannot hold the character '{char}'; nothing written"),
    "yaml.syntax": ("YAML 语法错误：{problem}", "YAML syntax error: {problem}"),
    "yaml.tab": ("YAML 不允许用制表符（Tab）缩进", "YAML does not allow tabs for indentation"),
    "json.syntax": ("JSON 语法错误：{problem}", "JSON syntax error: {problem}"),
    "yaml.duplicate_key": ("键“{key}”重复（首次出现在第 {first_line} 行）；重复的值不会被静默覆盖",
                           "duplicate key '{key}' (first on line {first_line}); the second value is not used"),
    "yaml.alias": ("不支持 YAML 锚点/别名（&/*），本文件用了 {count} 处", "YAML anchors and aliases (&/*) are not allowed ({count} used)"),
    "yaml.merge": ("不支持 YAML 合并键（<<）", "YAML merge keys (<<) are not allowed"),
    "yaml.tag": ("不支持的 YAML 标签 {tag}", "YAML tag {tag} is not allowed"),
    "yaml.too_deep": ("嵌套层级过深（上限 {limit} 层）", "nesting too deep (limit {limit})"),
    "yaml.complex_key": ("键必须是简单文本", "keys must be plain text"),
    "yaml.bad_scalar": ("无法读取值“{text}”", "cannot read the value '{text}'"),
    "input.unknown_field": ("未知字段“{name}”", "unknown field '{name}'"),
    "input.too_many_problems": ("另有 {count} 个问题未列出", "{count} more problems not listed"),
    "input.region": ("缺少 region（地区名称）", "region (the reporting body) is missing"),
    "input.year": ("year（报告年度）缺失或无效：{raw}", "year (the year reported on) is missing or invalid: {raw}"),
    "input.region_code": ("region_code 应为 6 位行政区划代码，读到：{raw}", "region_code must be a 6-digit division code, got {raw}"),
    "input.level": ("level 取值“{raw}”无效", "invalid level '{raw}'"),
    "input.no_indicators": ("缺少 indicators（指标）字段", "the indicators field is missing"),
    "input.indicators_mapping": ("indicators 应为键值映射", "indicators must be a mapping"),
    "input.unknown_indicator": ("未知指标“{name}”", "unknown indicator '{name}'"),
    "input.duplicate_indicator": ("指标 {key} 重复给出（“{name}”，首次在第 {first_line} 行）",
                                  "indicator {key} given twice ('{name}', first on line {first_line})"),
    "input.unknown_value_field": ("指标 {key} 的值中有未知字段“{name}”", "unknown field '{name}' in the value of {key}"),
    "input.value_missing": ("指标 {key} 缺少 value", "{key} has no value"),
    "input.want_text": ("{key} 的 {name} 应为文本", "{name} of {key} must be text"),
    "input.rate_disagrees": ("{key} 给出 {given}%，但按计数 {n}/{d} 计算为 {computed}%，两者不一致",
                             "{key} is given as {given}% but the counts {n}/{d} give {computed}%"),
    "value.empty": ("指标 {key} 没有值", "{key} has no value"),
    "value.want_scalar": ("指标 {key} 的值应为单个数值", "{key} must be a single value"),
    "value.want_bool": ("{key} 应为 true 或 false，读到“{raw}”", "{key} must be true or false, got '{raw}'"),
    "value.want_date": ("{key} 应为日期（如 2025-03-25），读到“{raw}”", "{key} must be a date such as 2025-03-25, got '{raw}'"),
    "value.bool_for_number": ("{key} 应为数值，读到布尔值 {raw}", "{key} must be a number, got the boolean {raw}"),
    "value.date_for_number": ("{key} 应为数值，读到日期 {raw}", "{key} must be a number, got the date {raw}"),
    "value.want_number": ("{key} 应为数值，读到“{raw}”", "{key} must be a number, got '{raw}'"),
    "value.not_a_number": ("{key} 的值“{raw}”不是可识别的数值", "{key}: '{raw}' is not a number"),
    "value.not_finite": ("{key} 的值 {raw} 不是有限数值", "{key}: {raw} is not a finite number"),
    "value.too_large": ("{key} 的值 {raw} 过大", "{key}: {raw} is implausibly large"),
    "value.fractional_count": ("{key} 是计数，应为整数，读到 {raw}", "{key} is a count and must be a whole number, got {raw}"),
    "value.negative": ("{key} 不能为负数，读到 {raw}", "{key} cannot be negative, got {raw}"),
    "value.percent_range": ("{key} 是百分比，应在 0–100 之间，读到 {raw}", "{key} is a percentage and must be 0–100, got {raw}"),
    "value.money_unit": ("{key} 不是金额，不能带“亿元/万元”等单位：“{raw}”", "{key} is not an amount; '{raw}' has a money unit"),
    "value.percent_sign": ("{key} 不是百分比，不能带 %：“{raw}”", "{key} is not a percentage; '{raw}' has a % sign"),
    "value.count_word": ("{key} 不是计数，不能带量词：“{raw}”", "{key} is not a count; '{raw}' has a counting word"),
    "value.normalised": ("{key}：“{raw}”已按 {value} 读取", "{key}: '{raw}' read as {value}"),
    "value.normalised_approx": ("{key}：“{raw}”已按约数 {value} 读取（不少于或约等于 {value}）",
                                "{key}: '{raw}' read as approximately {value} (a lower bound or estimate)"),
    # rule pack diagnostics
    "pack.no_catalogue": ("规则目录中没有 catalogue/ 文件夹", "the rules directory has no catalogue/ folder"),
    "pack.missing_field": ("{owner} 缺少字段 {field}", "{owner}: field {field} is missing"),
    "pack.missing_bilingual": ("规则 {rule} 的 {field} 需要 zh（和 en）文本", "rule {rule}: {field} needs zh (and en) text"),
    "pack.not_mapping": ("{what} 应为键值映射", "{what} must be a mapping"),
    "pack.bad_key": ("指标键“{key}”无效（应为 领域.名称，小写加下划线）", "invalid indicator key '{key}' (area.name, snake case)"),
    "pack.unknown_area": ("未知领域“{area}”（{key}）", "unknown area '{area}' ({key})"),
    "pack.bad_unit": ("单位“{unit}”无效，可选：{units}", "invalid unit '{unit}'; choose from {units}"),
    "pack.bad_derive": ("{key} 的 derive 应为 {{numerator, denominator}}，且仅用于百分比",
                        "{key}: derive must be {{numerator, denominator}} on a percent"),
    "pack.bad_derive_ref": ("{key} 的 derive 引用了不存在或非计数的指标 {ref}", "{key}: derive refers to {ref}, which is not a count indicator"),
    "pack.bad_aliases": ("{key} 的 aliases 应为文本列表", "{key}: aliases must be a list of text"),
    "pack.duplicate_indicator": ("指标 {key} 重复定义（首次在 {first}）", "indicator {key} defined twice (first at {first})"),
    "pack.duplicate_alias": ("别名“{alias}”同时指向 {key} 和 {other}", "alias '{alias}' names both {key} and {other}"),
    "pack.bad_id": ("规则编号“{id}”无效（应为 AREA-001 格式）", "invalid rule id '{id}' (format AREA-001)"),
    "pack.id_area": ("规则编号 {id} 应以领域代码 {code}- 开头", "rule id {id} must start with its area code {code}-"),
    "pack.duplicate_rule": ("规则编号 {id} 重复（首次在 {first}）", "duplicate rule id {id} (first at {first})"),
    "pack.bad_choice": ("{field} 取值“{value}”无效，可选：{choices}", "invalid {field} '{value}'; choose from {choices}"),
    "pack.bad_param": ("规则 {rule} 的参数 {name} 应为数值", "rule {rule}: parameter {name} must be a number"),
    "pack.unused_param": ("规则 {rule} 定义了参数 {name} 但条件中未使用", "rule {rule}: parameter {name} is defined but never used"),
    "pack.unknown_placeholder": ("规则 {rule} 的 expected 引用了未定义的参数 {{{name}}}", "rule {rule}: expected uses undefined parameter {{{name}}}"),
    "pack.bad_example": ("规则 {rule} 的第 {index} 个示例格式有误（需要 name、indicators、expect）",
                         "rule {rule}: example {index} is malformed (needs name, indicators, expect)"),
    "pack.examples_incomplete": ("规则 {rule} 至少需要一个通过示例和一个不通过（警示、未报告）示例",
                                 "rule {rule} needs at least one passing and one failing (warning, missing) example"),
    "pack.example_input": ("规则 {rule} 的示例“{name}”输入有误：{detail}", "rule {rule}, example '{name}': bad input: {detail}"),
    "pack.example_status": ("规则 {rule} 的示例“{name}”应得 {expect}，实际为 {got}",
                            "rule {rule}, example '{name}': expected {expect}, got {got}"),
    "pack.bad_confirm_with": ("规则 {rule} 的 confirm_with 应为指标键列表", "rule {rule}: confirm_with must be a list of indicator keys"),
    "pack.confirm_unread": ("规则 {rule} 的 confirm_with 列出了条件中未读取的指标 {name}",
                            "rule {rule}: confirm_with names {name}, which the condition does not read"),
    "profile.not_found": ("找不到适用方案 {name}", "profile {name} not found"),
    "profile.cycle": ("适用方案的 extends 形成循环", "profile extends itself in a cycle"),
    "profile.unknown_rule": ("适用方案引用了不存在的规则 {id}", "the profile names rule {id}, which does not exist"),
    "profile.unknown_param": ("适用方案为规则 {rule} 设置了不存在的参数 {name}", "the profile sets parameter {name}, which rule {rule} does not have"),
    "profile.bad_setting": ("适用方案的 {name} 应为 true 或 false", "profile setting {name} must be true or false"),
    "profile.unknown_field": ("适用方案中有未知字段 {name}", "unknown profile field {name}"),
    "profile.unknown_area": ("适用方案引用了不存在的领域 {area}", "the profile names area {area}, which does not exist"),
    "expr.empty": ("规则 {rule} 的 {field} 为空", "rule {rule}: {field} is empty"),
    "expr.bad_char": ("规则 {rule} 的 {field} 含有无法识别的字符“{char}”", "rule {rule}: unexpected character '{char}' in {field}"),
    "expr.expected": ("规则 {rule} 的 {field} 此处应为“{expected}”，读到“{found}”", "rule {rule}: {field} expected '{expected}', found '{found}'"),
    "expr.trailing": ("规则 {rule} 的 {field} 在“{found}”处多出内容", "rule {rule}: unexpected '{found}' at the end of {field}"),
    "expr.unexpected": ("规则 {rule} 的 {field} 此处不应出现“{found}”", "rule {rule}: unexpected '{found}' in {field}"),
    "expr.chained": ("规则 {rule} 的 {field} 不能连写比较（请用 and 连接）", "rule {rule}: chained comparisons in {field}; join them with and"),
    "expr.unknown_indicator": ("规则 {rule} 引用了未知指标 {name}", "rule {rule}: unknown indicator {name}"),
    "expr.unknown_param": ("规则 {rule} 引用了未定义的参数 {name}", "rule {rule}: undefined parameter {name}"),
    "expr.unknown_function": ("规则 {rule} 使用了未知函数 {name}", "rule {rule}: unknown function {name}"),
    "expr.arity": ("规则 {rule}：函数 {name} 需要 {want} 个参数，给了 {got} 个", "rule {rule}: {name} takes {want} argument(s), got {got}"),
    "expr.needs_indicator": ("规则 {rule}：{name}() 的参数必须是指标", "rule {rule}: the argument of {name}() must be an indicator"),
    "expr.type_mismatch": ("规则 {rule}：不能比较 {left} 与 {right}（{op}）", "rule {rule}: cannot compare {left} with {right} ({op})"),
    "expr.bool_order": ("规则 {rule}：布尔值只能用 == 或 != 比较（不能用 {op}）", "rule {rule}: booleans compare only with == or != (not {op})"),
    "expr.want_type": ("规则 {rule}：此处需要 {want}，读到 {got}", "rule {rule}: expected a {want} here, got a {got}"),
    "expr.not_condition": ("规则 {rule} 的 {field} 必须是条件（真/假），读到 {got}", "rule {rule}: {field} must be a condition, got a {got}"),
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
    "waiver.approved_after_expiry": ("豁免的批准日期 {approved_on} 晚于到期日 {expires}",
                                     "the waiver was approved on {approved_on}, after it expired on {expires}"),
    "waiver.duplicate": ("与第 {first_line} 行的豁免重复", "the same waiver as on line {first_line}"),
    "waiver.unused": ("豁免未匹配任何结论（{target}，{region} {year}）", "waiver matched no finding ({target}, {region} {year})"),
    "waiver.expired": ("豁免已于 {expires} 到期，不再适用（{target}，{region} {year}）",
                       "waiver expired on {expires} and no longer applies ({target}, {region} {year})"),
    "finding.waived": ("已豁免（{approved_by} 于 {approved_on} 批准，{expires} 到期）：{justification}。原结论：{original}",
                       "waived (approved by {approved_by} on {approved_on}, expires {expires}): {justification}. Was: {original}"),
    "finding.waiver_expired": ("（豁免已于 {expires} 到期）", " (the waiver expired on {expires})"),
    # extraction
    "extract.docx": ("无法读取 .docx 文件：{reason}", "cannot read the .docx file: {reason}"),
    "extract.pattern": ("指标 {key} 的提取模式有误：{reason}", "extraction pattern for {key} is wrong: {reason}"),
    "extract.conflict": ("{key} 在报告中出现不同数值（{values}），未采用", "{key} appears with different values ({values}); not used"),
    "extract.metadata": ("未能从报告标题或首句读出地区和年度", "could not read the region and year from the title or first sentence"),
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
    "score.not_scored": ("未能评分", "not scored"),
    "score.summary": ("共评分 {counties} 个地区；{errors} 个文件未能评分", "{counties} scored; {errors} file(s) could not be scored"),
    "score.progress": ("评分中", "scoring"),
    "scheme.not_found": ("找不到评分方案 {name}", "scoring scheme {name} not found"),
    "scheme.missing": ("评分方案缺少 {field}", "the scheme has no {field}"),
    "scheme.points": ("{area} 的分值应为非负数", "points of {area} must be a non-negative number"),
    "scheme.areas_missing": ("评分方案未给这些领域分值：{areas}", "the scheme gives no points to: {areas}"),
    "scheme.areas_sum": ("各领域分值之和应为 100，现为 {total}", "area points must sum to 100, not {total}"),
    "scheme.deduction": ("扣分标准 {status} 缺失或无效", "deduction for {status} missing or invalid"),
    "scheme.veto": ("第 {index} 个否决事项有误（需要 kind: no_excellent|lowest、label、rule 或 when）",
                    "veto {index} is malformed (needs kind: no_excellent|lowest, label, rule or when)"),
    "scheme.bonus": ("加分项有误（需要 label、points、when 或 per）", "bonus item malformed (needs label, points, when or per)"),
    "scheme.band": ("等次有误（需要 key、zh、min）", "grade band malformed (needs key, zh, min)"),
    "scheme.bands": ("等次须按分数线从高到低排列，最后一档分数线为 0", "bands go from the highest cut-off down to 0"),
    # CLI
    "cli.engine_unavailable": ("规则引擎 durable-rules 不可用：{reason}", "the durable-rules engine is not available: {reason}"),
    "cli.interrupted": ("已中断", "interrupted"),
    "cli.format_no_file": ("--format {spec}：= 后应写文件名（写到标准输出请去掉 =）",
                           "--format {spec}: give a file after = (or leave out = for stdout)"),
    "cli.format_same_place": ("--format {first} 与 --format {second} 写到同一处；每处只写一种格式",
                              "--format {first} and --format {second} write to the same place; one format each"),
    "cli.workers_failed": ("并行检查进程异常退出：{reason}", "a worker process stopped: {reason}"),
    "cli.no_such_rule": ("没有编号为 {id} 的规则", "no rule with id {id}"),
    "cli.lint_ok": ("规则包检查通过：{rules} 条规则，{indicators} 个指标，{examples} 个示例",
                    "rule pack OK: {rules} rules, {indicators} indicators, {examples} examples"),
    "cli.lint_failed": ("规则包有 {count} 个问题", "the rule pack has {count} problem(s)"),
    "cli.valid": ("格式正确：{file}（{count} 个指标）", "valid: {file} ({count} indicators)"),
}

HINTS = {
    "input.empty": ("参照 samples/sheqi-2024.yaml 填写 region、year 和 indicators", "see samples/sheqi-2024.yaml: give region, year and indicators"),
    "input.not_mapping": ("文件顶层应为 region: …、year: …、indicators: …", "the top level must be region: …, year: …, indicators: …"),
    "value.too_precise": ("少写几位小数，如 99.99：这么多位无法按原值读取", "give fewer digits, e.g. 99.99: so many cannot be read as written"),
    "input.region_type": ("例如 region: 社旗县", "for example region: 社旗县"),
    "input.published_before_year": ("写报告实际公开的日期（通常为次年 1 至 3 月）", "give the date the report was made public (usually January to March of the next year)"),
    "input.no_files": ("检查目录路径；报送材料的文件名须以上述后缀结尾", "check the directory; submissions' names end in one of these suffixes"),
    "file.not_regular": ("给出报送材料文件本身", "give the submission file itself"),
    "input.region_unprintable": ("地区名称写在一行内，只用文字", "write the region's name on one line, in plain characters"),
    "yaml.bad_scalar": ("检查这个值：数字不超过 4,300 位，日期须真实存在（2024-02-30 不存在）",
                        "check the value: a number of at most 4,300 digits, a date that exists (not 2024-02-30)"),
    "file.unreadable": ("检查文件是否存在、是否有读取权限", "check that the file exists and can be read"),
    "yaml.complex_key": ("键写成一行文字，如 emergency.county_drills", "write the key as plain text, e.g. emergency.county_drills"),
    "input.indicators_mapping": ("写成 indicators: 下每行一个“指标: 值”", "write one 'key: value' per line under indicators:"),
    "input.want_text": ("用引号写成文字", "write it as text, in quotes"),
    "value.want_scalar": ("写一个数值，或写成 {{value: …, approx: …, source: …}}", "write one value, or {{value: …, approx: …, source: …}}"),
    "yaml.null_document": ("写出文件应有的字段（参照同类的示例文件）", "write the fields the file should hold (see an example of its kind)"),
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
    "input.unknown_field": ("可用字段：region、region_code、level、year、published_on、indicators；是否想写 {suggestion}？",
                            "fields: region, region_code, level, year, published_on, indicators; did you mean {suggestion}?"),
    "input.region": ("例如 region: 社旗县", "for example region: 社旗县"),
    "input.year": ("例如 year: 2024（报告所述年度）", "for example year: 2024 (the year reported on)"),
    "input.region_code": ("例如 region_code: \"411327\"（加引号）", "for example region_code: \"411327\" (quoted)"),
    "input.level": ("可选：{choices}", "choose from {choices}"),
    "input.no_indicators": ("在 indicators: 下列出各项指标", "list the figures under indicators:"),
    "input.unknown_indicator": ("是否想写：{suggestion}？可用 fazhi rules list 查看规则及指标", "did you mean {suggestion}? see the catalogue in rules/catalogue/"),
    "input.duplicate_indicator": ("同一指标只能给出一次（按键名、中文名或嵌套形式皆算同一指标）", "give each indicator once (key, Chinese name and nested form are the same indicator)"),
    "input.unknown_value_field": ("值映射只能包含 value、approx、source、note；是否想写 {suggestion}？", "a value mapping holds value, approx, source, note; did you mean {suggestion}?"),
    "input.value_missing": ("写成 {{value: 12, source: \"…\"}}", "write {{value: 12, source: \"…\"}}"),
    "input.rate_disagrees": ("核对比率或计数，二者须一致（或删去其一）", "check the rate or the counts; they must agree (or give only one)"),
    "value.want_bool": ("写 true 或 false", "write true or false"),
    "value.want_date": ("写成 2025-03-25", "write 2025-03-25"),
    "value.bool_for_number": ("YAML 把 yes/no/on/off 读作布尔值；请写数字", "YAML reads yes/no/on/off as booleans; write a number"),
    "value.date_for_number": ("请写数字", "write a number"),
    "value.want_number": ("请写数字", "write a number"),
    "value.not_a_number": ("写阿拉伯数字，如 12、2528、4.29亿元、300余、100%；中文数字请改写", "write digits, e.g. 12, 2528, 4.29亿元, 300余, 100%"),
    "value.not_finite": ("请写具体数值", "write a real number"),
    "value.too_large": ("检查是否多写了位数", "check for extra digits"),
    "value.fractional_count": ("计数写整数；约数写成 {{value: 300, approx: true}}", "counts are whole numbers; approximate ones as {{value: 300, approx: true}}"),
    "value.negative": ("写非负数", "write a non-negative number"),
    "value.percent_range": ("百分比写 0 到 100 之间的数，如 95 或 \"95%\"", "write a percentage between 0 and 100, e.g. 95 or \"95%\""),
    "value.money_unit": ("只写数字", "write the number only"),
    "value.percent_sign": ("只写数字", "write the number only"),
    "value.count_word": ("只写数字", "write the number only"),
    "value.empty": ("填写数值，或删除该项（未报告的指标会显示为“未报告”）", "give a value or remove the line (unreported indicators show as missing)"),
    "expr.unknown_indicator": ("是否想写：{suggestion}？", "did you mean {suggestion}?"),
    "expr.unknown_param": ("是否想写：{suggestion}？或在 params 中定义", "did you mean {suggestion}? or define it under params"),
    "expr.unknown_function": ("可用函数：rate、present、approx、given_or、date、min、max、abs；是否想写 {suggestion}？",
                              "functions: rate, present, approx, given_or, date, min, max, abs; did you mean {suggestion}?"),
    "pack.bad_confirm_with": ("例如 confirm_with: [disputes.reconsideration_carried_over]",
                              "for example confirm_with: [disputes.reconsideration_carried_over]"),
    "pack.confirm_unread": ("在条件中读取它，例如 given_or({name}, 0)", "read it in the condition, e.g. given_or({name}, 0)"),
    "profile.unknown_rule": ("是否想写：{suggestion}？", "did you mean {suggestion}?"),
    "profile.unknown_param": ("是否想写：{suggestion}？", "did you mean {suggestion}?"),
    "profile.unknown_area": ("是否想写：{suggestion}？", "did you mean {suggestion}?"),
    "file.unwritable": ("检查路径和权限", "check the path and permissions"),
    "output.unencodable": ("用 -o 写入文件（UTF-8），或设置 PYTHONIOENCODING=utf-8",
                           "write it to a file with -o (UTF-8), or set PYTHONIOENCODING=utf-8"),
    "extract.metadata": ("在标题中写明“XX县2024年法治政府建设年度报告”，或在首句写“2024年，XX县……”",
                         "state it in the title (XX县2024年法治政府建设年度报告) or the first sentence (2024年，XX县……)"),
    "extract.conflict": ("核对报告中该指标的各处表述", "check where the report states this figure"),
    "waiver.required": ("豁免须写明 rule 或 area、region、year、justification（理由）、approved_by、approved_on、expires（到期日）",
                        "a waiver needs rule or area, region, year, justification, approved_by, approved_on, expires"),
    "waiver.unknown_rule": ("是否想写：{suggestion}？", "did you mean {suggestion}?"),
    "waiver.file": ("参照 examples/waivers.yaml：waivers: 下每项一条豁免", "see examples/waivers.yaml: one waiver per item under waivers:"),
    "waiver.fingerprint": ("复制 check 的 JSON 输出中该结论的 fingerprint（加引号）", "copy the finding's fingerprint from check's JSON output (in quotes)"),
    "waiver.approved_after_expiry": ("核对两个日期", "check the two dates"),
    "waiver.duplicate": ("删除重复的一项", "remove the repeat"),
    "waiver.unknown_field": ("是否想写：{suggestion}？", "did you mean {suggestion}?"),
    "waiver.unused": ("删除该豁免，或核对 rule、region、year 是否写对", "remove it, or check its rule, region and year"),
    "waiver.expired": ("整改到位，或重新审批并更新到期日", "fix the finding, or renew the approval with a new expiry"),
    "cli.engine_unavailable": ("改用 --engine python（结果相同）", "use --engine python (same results)"),
    "cli.workers_failed": ("用 --jobs 1 在单个进程中重试，可看到出错的文件", "retry with --jobs 1 to see the file at fault"),
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
            value = value[:MAX_PARAM - 1] + "…"
        return one_line(value)
    return value


_BREAKS = {"\r\n": "\\r\\n", "\n": "\\n", "\r": "\\r", "\x0b": "\\x0b", "\x0c": "\\x0c", "\x85": "\\x85",
           "\u2028": "\\u2028", "\u2029": "\\u2029"}
_BREAK = re.compile("|".join(map(re.escape, _BREAKS)))


# marks that reorder text as it is shown (U+202E makes a line read otherwise than it is written): never
# shown as such (render.layout) and never in a place's name (submission)
BIDI_MARKS = "".join(map(chr, (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))))


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


def hint(code: str, lang: str = "zh", **params) -> str:
    pair = HINTS.get(code)
    if pair is None:
        return ""
    if "{suggestion}" in pair[0] and not params.get("suggestion"):
        return ""
    template = pair[1] if lang == "en" else pair[0]
    return template.format_map(_Safe(params))
