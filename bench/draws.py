"""The literary variant's random draws: strict F1 of one method on one gold set over DRAWS
draws of a variant (bench/variants.py), each and their mean, in this process:
`python -m bench.draws METHOD SET [VARIANT]` (default "literary n:m"). Prints one JSON line."""

from __future__ import annotations

import json
import sys

from bench.methods import quality
from bench.variants import DRAWS

LITERARY = "literary n:m"


def draws(method: str, set_name: str, variant: str = LITERARY) -> dict[str, float | list[float]]:
    """F1 of each draw and their mean."""
    scores = [quality(method, set_name, variant, draw)["f1"] for draw in range(DRAWS)]
    return {"draws": scores, "mean": sum(scores) / len(scores)}


if __name__ == "__main__":
    print(json.dumps(draws(*sys.argv[1:4])))
