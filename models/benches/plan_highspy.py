"""The capital plan benchmark's instance solved by HiGHS through highspy: the peer of
benches/plan.rs.

The same instance from the same integer formula: 2,000 items x 3 options x 5 years, one
binary variable per (item, option), "at most one option per item" rows and one cap per
year, maximising total value. Solved with mip_rel_gap 0 (proven optimal). Prints the time
in milliseconds (passing the model and solving it) and the optimal value.
"""

import time

import highspy
import numpy as np

ITEMS, OPTIONS, YEARS = 2000, 3, 5
MASK = 0xFFFFFFFF


def h(i, o, y, salt):
    return ((i * 1_000_003 + o * 10_007 + y * 101 + salt) * 2_654_435_761) & MASK


def cost(i, o, y):
    size = 20 + h(i, 0, 0, 1) % 180
    return 1 + h(i, o, y, 2) % size


def value(i, o):
    return 1 + h(i, o, 0, 4) % 10


def model():
    costs = np.array([[[cost(i, o, y) for y in range(YEARS)] for o in range(OPTIONS)] for i in range(ITEMS)])
    values = np.array([[value(i, o) for o in range(OPTIONS)] for i in range(ITEMS)], dtype=float)
    caps = costs.sum(axis=(0, 1)) // OPTIONS // 4
    n = ITEMS * OPTIONS
    lp = highspy.HighsLp()
    lp.num_col_ = n
    lp.num_row_ = ITEMS + YEARS
    lp.col_cost_ = values.reshape(n)
    lp.col_lower_ = np.zeros(n)
    lp.col_upper_ = np.ones(n)
    lp.row_lower_ = np.full(ITEMS + YEARS, -highspy.kHighsInf)
    lp.row_upper_ = np.concatenate([np.ones(ITEMS), caps.astype(float)])
    # Column-wise: variable (i, o) is in item row i and in every year row.
    starts, index, coeffs = [], [], []
    for i in range(ITEMS):
        for o in range(OPTIONS):
            starts.append(len(index))
            index.append(i)
            coeffs.append(1.0)
            for y in range(YEARS):
                index.append(ITEMS + y)
                coeffs.append(float(costs[i, o, y]))
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.array(starts + [len(index)], dtype=np.int32)
    lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
    lp.a_matrix_.value_ = np.array(coeffs)
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.integrality_ = [highspy.HighsVarType.kInteger] * n
    return lp


def main():
    lp = model()
    best, objective = float("inf"), None
    for _ in range(1):
        h_ = highspy.Highs()
        h_.setOptionValue("output_flag", False)
        h_.setOptionValue("mip_rel_gap", 0.0)
        start = time.perf_counter()
        h_.passModel(lp)
        h_.run()
        best = min(best, time.perf_counter() - start)
        assert h_.getModelStatus() == highspy.HighsModelStatus.kOptimal
        objective = h_.getInfo().objective_function_value
    print(f"{best * 1e3:.1f} {round(objective)}")


if __name__ == "__main__":
    main()
