"""--width (issue 18): a width below 40 or above 1000 columns, or not a number, is refused by the
argument parser in the chosen language, exit code 2 (-5 printed nothing, exit code 0)."""

import pytest
from conftest import SAMPLES, run_cli


@pytest.mark.parametrize("command", ["check", "score"])
@pytest.mark.parametrize(
    "width,lang,said",
    [
        ("-5", "zh", "应为 40 至 1000 之间的整数（列数），读到 -5"),
        ("0", "zh", "应为 40 至 1000 之间的整数（列数），读到 0"),
        ("39", "en", "must be a whole number of columns from 40 to 1000, got 39"),
        ("1001", "en", "must be a whole number of columns from 40 to 1000, got 1001"),
        ("abc", "zh", "应为 40 至 1000 之间的整数（列数），读到 abc"),
    ],
)
def test_a_width_out_of_range_is_refused(command, width, lang, said):
    out = run_cli(command, SAMPLES / "sheqi-2024.yaml", f"--width={width}", "--lang", lang)
    assert out.returncode == 2 and out.stdout == ""
    prefix = f"fazhi {command}：错误：参数 --width：" if lang == "zh" else f"fazhi {command}: error: argument --width: "
    assert out.stderr.splitlines()[-1] == prefix + said


@pytest.mark.parametrize("command", ["check", "score"])
@pytest.mark.parametrize("width", ["40", "1000"])
def test_a_width_in_range_lays_out(command, width):
    out = run_cli(command, SAMPLES / "sheqi-2024.yaml", "--width", width)
    assert out.returncode == (1 if command == "check" else 0) and out.stdout.strip()  # check: REPT-003 fails
    assert max(len(line) for line in out.stdout.splitlines()) <= int(width)
