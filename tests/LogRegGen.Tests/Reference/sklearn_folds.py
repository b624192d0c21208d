"""Reference fold assignments for issue 15: scikit-learn's StratifiedKFold without shuffling.

Run with Debian's python3 (apt-get install python3-sklearn):

    /usr/bin/python3 tests/LogRegGen.Tests/Reference/sklearn_folds.py

Writes sklearn_folds.json beside this script: for the breast-cancer labels and random labels of
2 to 4 classes (seeded), the test fold of every sample under StratifiedKFold(n_splits=k).split,
which CrossValidation.StratifiedFolds must reproduce exactly (the same folds give the same chosen C).
"""
import json
import os

import numpy as np
import sklearn
from sklearn.model_selection import StratifiedKFold

here = os.path.dirname(os.path.abspath(__file__))
csv = os.path.join(here, "..", "..", "..", "samples", "BreastCancer", "data", "breast_cancer.csv")
rng = np.random.RandomState(3)
cases = []
for name, m, k, classes in [("breast cancer", 569, 5, 2), ("iris-like", 150, 5, 3), ("small", 37, 4, 3), ("tiny", 10, 3, 2), ("wide", 1000, 10, 4)]:
    y = rng.randint(0, classes, size=m)
    if name == "breast cancer":
        y = np.loadtxt(csv, delimiter=",", skiprows=1)[:, 30].astype(int)
    if name == "iris-like":
        y = (2 - y)  # classes first seen out of numeric order
    folds = np.empty(m, dtype=int)
    for fold, (_, test) in enumerate(StratifiedKFold(n_splits=k).split(np.zeros(m), y)):
        folds[test] = fold
    cases.append({"name": name, "k": k, "labels": y.tolist(), "folds": folds.tolist()})

with open(os.path.join(here, "sklearn_folds.json"), "w") as f:
    json.dump({"sklearn": sklearn.__version__, "cases": cases}, f)
    f.write("\n")
