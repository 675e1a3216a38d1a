"""Terminal layout: cell widths, Chinese line breaking, colour, control characters."""

import itertools

from checker.render.layout import Lines, breaks, width


def lay(text, limit, style=None, color=False, first="", rest=""):
    out = Lines(limit + len(first), color)
    out.para([(text, style)], first, rest)
    return out.out


def test_cell_widths():
    assert width("abc") == 3
    assert width("社旗县") == 6
    assert width("１００％") == 8
    assert width("“原文”") == 6  # curly quotes are narrow in terminals


def test_chinese_breaks_between_characters_but_not_before_closing_punctuation():
    lines = lay("建议：按规定期限报备；逐件核对逾期报备的原因。", 24)
    assert lines == ["建议：按规定期限报备；逐", "件核对逾期报备的原因。"]
    # the full stop would start the second line: it goes there with the character before it
    lines = lay("一二三四五六七八九十一二三四五六七八九十。", 38)
    assert lines == ["一二三四五六七八九十一二三四五六七八九", "十。"]
    assert not any(line.startswith(("。", "，", "）", "》")) for line in lines)


def test_no_break_after_opening_punctuation():
    lines = lay("依据：一二三四五六七八九十《公平竞争审查条例》", 26)
    assert all(not line.endswith(("《", "（", "“")) for line in lines)
    assert "".join(lines) == "依据：一二三四五六七八九十《公平竞争审查条例》"


def test_english_breaks_at_spaces_and_short_words_move_whole():
    lines = lay("Executive meetings deliberating rule-of-law government work = 2: meets", 30)
    assert lines == ["Executive meetings", "deliberating rule-of-law", "government work = 2: meets"]
    assert all(width(line) <= 30 for line in lines)


def test_a_word_wider_than_the_line_is_folded():
    assert lay("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]
    assert breaks("", 10) == ()


def test_every_line_fits_and_nothing_is_lost():
    text = (
        "依据：《国务院办公厅关于建立政务服务“好差评”制度提高政务服务水平的意见》 国办发〔2019〕51号 "
        "basis: State Council notice on e-government (2019) section 3; 12,345 items"
    )
    for limit in (20, 31, 47, 80):
        lines = lay(text, limit)
        assert all(width(line) <= limit for line in lines), limit
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_hanging_indent_and_colour():
    out = Lines(20, True)
    out.para([("社旗县", "bold"), (" 未通过", "bold red")], "✓ ", "  ")
    assert out.out == ["✓ \x1b[1m社旗县\x1b[0m\x1b[1;31m 未通过\x1b[0m"]
    assert lay("aaaa bbbb cccc", 9, first="- ", rest="  ") == ["- aaaa bbbb", "  cccc"]


def test_control_characters_never_reach_the_terminal():
    lines = lay("a\x1b[2Jb\rc\td\x07", 40)
    assert lines == ["a\\x1b[2Jb\\x0dc d\\x07"]
    assert "\x1b" not in "".join(lay("\x9b31m", 40))


def test_no_line_overflows_after_a_break_before_a_wide_character():
    for text in ("a八" + "。" * 15, "\u0301八" + "一" * 20, "ab八" + "。" * 14 + "九"):
        for limit in (20, 31):
            cuts = (0, *breaks(text, limit), len(text))
            assert all(width(text[a:b]) <= limit for a, b in zip(cuts, cuts[1:])), (text, limit)


def test_an_area_heading_as_wide_as_the_line_has_no_trailing_space():
    from conftest import SAMPLES

    from checker.engine import Checker
    from checker.inputs.structured import load_submission
    from checker.pack import load_pack_or_raise
    from checker.render import Context
    from checker.render.text import _result

    pack = load_pack_or_raise()
    result = Checker(pack, "python").check(load_submission(SAMPLES / "sheqi-2024.yaml", pack.catalogue))
    for width_, options in itertools.product((40, 43, 44, 45), ({"all": True}, {})):
        out = Lines(width_, False)
        _result(out, result, Context("en", pack.catalogue, width=width_, options=options))
        assert all(line == line.rstrip() for line in out.out)
        assert all(width(line) <= width_ for line in out.out)
