"""Reference L1 and elastic-net fits for issue 15.

Run with Debian's python3 (apt-get install python3-sklearn):

    /usr/bin/python3 tests/LogRegGen.Tests/Reference/sklearn_l1.py

Writes sklearn_l1.json beside this script. Each case standardizes the features (StandardScaler, as
LogRegGen's Train does by default) and fits scikit-learn's
LogisticRegression(penalty="elasticnet", l1_ratio=r, C=C, solver="saga", tol=1e-12), the objective

    C * sum_i L_i + (1 - r)/2 * |w|^2 + r * |w|_1      (intercepts not penalized),

then folds the scaling back into raw-feature weights (w / s, b - sum(w * mu / s)). The features are
the float32 values a model's rows hold. Cases: breast cancer at C = 0.1 and 0.5 with r = 1 (L1) and
0.5, and the multinomial iris model at C = 0.1 and 1 with the same r.

saga is a stochastic method; to show its answers are the optimum (not where it stopped), each binary case
is solved a second way, exactly: w = p - q with p, q >= 0 makes the objective smooth under bounds, which
scipy's L-BFGS-B solves to a projected gradient of 1e-12 with exact zeros at the bounds. The JSON records
both and the largest relative difference between them (about 1e-6), and the zero sets must agree.
"""
import json
import os
import warnings

import numpy as np
import scipy
import sklearn
from scipy.optimize import minimize
from scipy.special import expit
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

warnings.simplefilter("ignore")
here = os.path.dirname(os.path.abspath(__file__))
samples = os.path.join(here, "..", "..", "..", "samples")
cancer = np.loadtxt(os.path.join(samples, "BreastCancer", "data", "breast_cancer.csv"), delimiter=",", skiprows=1)
X, y = cancer[:, :30].astype(np.float32).astype(np.float64), cancer[:, 30].astype(int)
iris = np.genfromtxt(os.path.join(samples, "Iris", "data", "iris.csv"), delimiter=",", skip_header=1, dtype=str)
species = ["setosa", "versicolor", "virginica"]
Xi, yi = iris[:, :4].astype(np.float32).astype(np.float64), np.array([species.index(s) for s in iris[:, 4]])


def bounded_exact(Xs, y, C, r):
    n = Xs.shape[1]

    def f(v):
        p, q, b = v[:n], v[n:2 * n], v[2 * n]
        w = p - q
        z = Xs @ w + b
        value = C * np.sum(np.logaddexp(0, z) - y * z) + (1 - r) / 2 * w @ w + r * np.sum(p + q)
        g = C * (expit(z) - y)
        gw = Xs.T @ g + (1 - r) * w
        return value, np.r_[gw + r, -gw + r, g.sum()]

    bounds = [(0, None)] * (2 * n) + [(None, None)]
    res = minimize(f, np.zeros(2 * n + 1), jac=True, method="L-BFGS-B", bounds=bounds,
                   options=dict(maxiter=100000, maxfun=100000, ftol=1e-16, gtol=1e-12, maxcor=50))
    return res.x[:n] - res.x[n:2 * n], res.x[2 * n]


def case(Xa, ya, C, r, multi):
    scaler = StandardScaler().fit(Xa)
    Xs = scaler.transform(Xa)
    model = LogisticRegression(penalty="elasticnet", l1_ratio=r, C=C, solver="saga", tol=1e-12, max_iter=10_000_000,
                               multi_class="multinomial" if multi else "auto").fit(Xs, ya)
    w = model.coef_ / scaler.scale_
    b = model.intercept_ - (model.coef_ * scaler.mean_ / scaler.scale_).sum(axis=1)
    result = {
        "c": C, "l1_ratio": r, "iterations": int(model.n_iter_[0]),
        "weights": (w.ravel() if multi else w[0]).tolist(),
        "bias": (b - b.mean()).tolist() if multi else float(b[0]),
        "zeros": int((model.coef_ == 0).sum()),
    }
    if not multi:
        we, be = bounded_exact(Xs, ya, C, r)
        scale = np.abs(we).max()
        result["exact_weights"] = (we / scaler.scale_).tolist()
        result["exact_bias"] = float(be - (we * scaler.mean_ / scaler.scale_).sum())
        result["saga_vs_exact"] = float(np.max(np.abs(we - model.coef_[0]) / np.maximum(np.abs(we), 1e-3 * scale)))
        result["same_zeros"] = bool(((we == 0) == (model.coef_[0] == 0)).all())
    return result


result = {
    "sklearn": sklearn.__version__, "scipy": scipy.__version__,
    "breast_cancer": [case(X, y, C, r, False) for C in (0.1, 0.5) for r in (1.0, 0.5)],
    "iris": [case(Xi, yi, C, r, True) for C in (0.1, 1.0) for r in (1.0, 0.5)],
}
with open(os.path.join(here, "sklearn_l1.json"), "w") as f:
    json.dump(result, f, indent=1)
    f.write("\n")
for name in ("breast_cancer", "iris"):
    for c in result[name]:
        print(name, "C", c["c"], "l1_ratio", c["l1_ratio"], "zeros", c["zeros"], "iterations", c["iterations"],
              "saga vs exact", c.get("saga_vs_exact"), "same zeros", c.get("same_zeros"))
