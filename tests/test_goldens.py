"""Output is byte-identical to the recorded goldens for every sample, format and language.

Regenerate with `python tests/goldens/regen.py` only when a change of output is intended."""

import subprocess
import sys
from pathlib import Path

REGEN = Path(__file__).parent / "goldens" / "regen.py"


def test_outputs_match_goldens():
    proc = subprocess.run([sys.executable, str(REGEN), "--check"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
