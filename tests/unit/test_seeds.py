"""The committed demo CSVs are exactly what seeds/make_demo.py makes from seeds/demo-src."""

import subprocess
import sys
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_generated_demo_files_are_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(SEEDS / "make_demo.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
