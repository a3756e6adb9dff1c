"""SMAA rank acceptability in vectorised NumPy: the peer of benches/smaa.rs.

The same problem (12 alternatives x 20 criteria, min-max normalised, benefit and cost
criteria) and the same computation: weights uniform on the simplex, weighted-sum scores,
rank acceptability and central weights. Prints the best of 5 timings in milliseconds.
"""

import sys
import time

import numpy as np

ALTERNATIVES, CRITERIA = 12, 20
SAMPLES = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000


def problem():
    values = np.array(
        [[((i * 7 + j * 13) % 17 + 1) * (1 + j / 10) for j in range(CRITERIA)] for i in range(ALTERNATIVES)]
    )
    cost = np.array([j % 3 == 0 for j in range(CRITERIA)])
    return values, cost


def smaa(values, cost, rng):
    lo, hi = values.min(axis=0), values.max(axis=0)
    norm = (values - lo) / (hi - lo)
    norm[:, cost] = 1.0 - norm[:, cost]
    w = rng.exponential(size=(SAMPLES, CRITERIA))
    w /= w.sum(axis=1, keepdims=True)
    scores = w @ norm.T
    order = np.argsort(-scores, axis=1, kind="stable")
    ranks = np.empty_like(order)
    ranks[np.arange(SAMPLES)[:, None], order] = np.arange(ALTERNATIVES)
    acceptability = np.stack([np.bincount(ranks[:, i], minlength=ALTERNATIVES) for i in range(ALTERNATIVES)]) / SAMPLES
    winners = order[:, 0]
    central = np.zeros((ALTERNATIVES, CRITERIA))
    np.add.at(central, winners, w)
    firsts = np.bincount(winners, minlength=ALTERNATIVES)
    central = central / np.maximum(firsts, 1)[:, None]
    return acceptability, central


def main():
    values, cost = problem()
    rng = np.random.default_rng(1)
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        acceptability, _ = smaa(values, cost, rng)
        best = min(best, time.perf_counter() - start)
    assert np.allclose(acceptability.sum(axis=1), 1.0)
    print(f"{best * 1e3:.1f}")


if __name__ == "__main__":
    main()
