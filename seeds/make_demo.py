"""Build seeds/demo/people.csv and relationships.csv from seeds/demo-src/ (seeds/README.md).

    .venv/bin/python seeds/make_demo.py           # write seeds/demo/{people,relationships}.csv
    .venv/bin/python seeds/make_demo.py --check   # exit 1 if the committed files differ
    .venv/bin/python seeds/make_demo.py --facts   # print the planted facts

The data is in seeds/demo-src/; the generator is kamgraph/seeding/make_demo.py, where
pyright and the tests read it.
"""

from pathlib import Path

from kamgraph.seeding.make_demo import main

if __name__ == "__main__":
    raise SystemExit(main(seeds=Path(__file__).resolve().parent))
