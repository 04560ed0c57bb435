"""Benchmark the special-category screen on long text: is its cost linear in the text?

Usage:
  .venv/bin/python bench/bench_screening.py [--runs 7]

A dossier's free text is screened on every save and import row, so a screen that grows
faster than the text (a backtracking pattern, a quadratic scan) would turn one long pasted
note into a stalled request. The baseline, measured in the same run, is the paragraph
itself (about 1,300 characters in five languages); each longer text is that paragraph
repeated. The figure to read is the cost per character beside the baseline's: a ratio near
1 is linear.
"""

from __future__ import annotations

import argparse
import statistics
import time

from kamgraph.screening import screen

PARAGRAPH = "Golf; pregnant; พรรคพวก ไปวัดความดัน; Член партии; va a messa. " * 20
TIMES = (1, 10, 50, 200)


def seconds(text: str, runs: int) -> float:
    """The median wall time of screening `text`."""
    taken = []
    for _ in range(runs):
        started = time.perf_counter()
        screen(text)
        taken.append(time.perf_counter() - started)
    return statistics.median(taken)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    screen(PARAGRAPH)  # the word lists and the dictionary are loaded once, not timed
    base = seconds(PARAGRAPH, args.runs) / len(PARAGRAPH)
    print(f"{'text':>12} {'chars':>9} {'median ms':>10} {'µs/char':>8} {'x baseline':>11}")
    for times in TIMES:
        text = PARAGRAPH * times
        taken = seconds(text, args.runs)
        per_char = taken / len(text)
        print(
            f"{f'{times}x paragraph':>12} {len(text):>9,} {taken * 1000:>10.1f} "
            f"{per_char * 1e6:>8.3f} {per_char / base:>11.2f}"
        )


if __name__ == "__main__":
    main()
