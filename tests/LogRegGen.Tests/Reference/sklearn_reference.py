#!/usr/bin/env python3
"""Reference coefficients and metrics from scikit-learn for LogRegGen's tests.

Produced with Debian bookworm's packages (apt-get install python3-sklearn):
scikit-learn 1.2.1, NumPy 1.24.2, SciPy 1.10.1, Python 3.11. The versions actually used are
also written into the JSON.

Run from the repository root with the system interpreter:

    python3 tests/LogRegGen.Tests/Reference/sklearn_reference.py

It reads samples/BreastCancer/data/breast_cancer.csv, standardizes every feature with the
population standard deviation (ddof=0), fits LogisticRegression(C=..., tol=1e-10,
max_iter=100000) with the default lbfgs solver for several settings, and writes
tests/LogRegGen.Tests/Reference/sklearn_breast_cancer.json. The C# tests read only the JSON;
they never run Python.

For each case the JSON also holds:
  objective            value of  sum_i s_i * L_i + (1/(2C)) * ||w||^2  at scikit-learn's solution
  gradient_inf_norm    max-norm of that objective's gradient there (how converged lbfgs is)
  newton_coef/...      the optimum polished with a few Newton steps in float64, for comparison
  newton_max_abs_diff  max |scikit-learn - Newton| over coefficients and intercept
  newton_cholesky_...  the same fit with solver="newton-cholesky" (scikit-learn 1.2+)

Why both: scipy's L-BFGS-B, which the lbfgs solver calls, also stops when the objective falls by
less than about 2.2e-9 relative in one iteration, and scikit-learn 1.2 leaves that test on. So
tol=1e-10 is not reached: the lbfgs coefficients carry an error of up to ~1e-2 for C = 100 (see
gradient_inf_norm and newton_max_abs_diff). The Newton fits reach the optimum itself.
"""

import json
import os
import sys
import warnings

import numpy as np
import scipy
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (accuracy_score, confusion_matrix, f1_score, log_loss,
                             precision_score, recall_score, roc_auc_score)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
CSV = os.path.join(ROOT, "samples", "BreastCancer", "data", "breast_cancer.csv")
OUT = os.path.join(HERE, "sklearn_breast_cancer.json")

TOL = 1e-10
MAX_ITER = 100000


def load():
    with open(CSV, encoding="utf-8") as f:
        header = f.readline().strip().split(",")
    data = np.loadtxt(CSV, delimiter=",", skiprows=1, dtype=np.float64)
    return header[:-1], data[:, :-1], data[:, -1]


def objective_parts(theta, x, y, s, lam, fit_intercept):
    """Value, gradient and Hessian of sum_i s_i L_i + lam/2 ||w||^2 (intercept not penalized)."""
    n = x.shape[1]
    w = theta[:n]
    b = theta[n] if fit_intercept else 0.0
    z = x @ w + b
    # L = log(1 + e^z) - y z, written stably.
    loss = np.logaddexp(0.0, z) - y * z
    p = 0.5 * (1.0 + np.tanh(0.5 * z))
    value = float(np.sum(s * loss) + 0.5 * lam * w @ w)
    xa = np.hstack([x, np.ones((x.shape[0], 1))]) if fit_intercept else x
    grad = xa.T @ (s * (p - y))
    grad[:n] += lam * w
    hess = (xa * (s * p * (1.0 - p))[:, None]).T @ xa
    hess[np.arange(n), np.arange(n)] += lam
    return value, grad, hess


def polish(theta, x, y, s, lam, fit_intercept, steps=20):
    for _ in range(steps):
        _, g, h = objective_parts(theta, x, y, s, lam, fit_intercept)
        if np.max(np.abs(g)) < 1e-13:
            break
        theta = theta - np.linalg.solve(h, g)
    return theta


def fit_case(name, x, y, C, penalty="l2", class_weight=None, sample_weight=None, fit_intercept=True):
    kwargs = dict(C=C, tol=TOL, max_iter=MAX_ITER, fit_intercept=fit_intercept, class_weight=class_weight)
    if penalty is None:
        kwargs = dict(penalty=None, tol=TOL, max_iter=MAX_ITER, fit_intercept=fit_intercept)
    model = LogisticRegression(**kwargs)
    # The same problem with scikit-learn's Newton solver, which reaches the tolerance on the gradient.
    newton_model = LogisticRegression(solver="newton-cholesky", **kwargs)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        model.fit(x, y, sample_weight=sample_weight)
        newton_model.fit(x, y, sample_weight=sample_weight)
    n_iter = int(model.n_iter_[0])
    converged = n_iter < MAX_ITER and not any(issubclass(w.category, ConvergenceWarning) for w in caught)

    # The effective per-sample weights: sample weights times class weights.
    s = np.ones_like(y) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    if class_weight == "balanced":
        counts = np.bincount(y.astype(int), minlength=2)
        cw = len(y) / (2.0 * counts)
        s = s * cw[y.astype(int)]
    lam = 0.0 if penalty is None else 1.0 / C

    coef = model.coef_[0].astype(np.float64)
    intercept = float(model.intercept_[0]) if fit_intercept else 0.0
    theta = np.append(coef, intercept) if fit_intercept else coef.copy()
    value, grad, hess = objective_parts(theta, x, y, s, lam, fit_intercept)
    # Without a penalty, separable data has no finite optimum: lbfgs then stops on a tiny decrease
    # of the loss with huge coefficients and a singular Hessian. Such a fit is no reference.
    if np.linalg.eigvalsh(hess)[0] <= 1e-8 * np.linalg.eigvalsh(hess)[-1]:
        converged = False
    case = {
        "name": name,
        "C": None if penalty is None else C,
        "penalty": "none" if penalty is None else "l2",
        "class_weight": class_weight,
        "sample_weight": None if sample_weight is None else "2 for malignant rows, 1 otherwise",
        "fit_intercept": fit_intercept,
        "l2_strength_sum_scale": lam,
        "converged": bool(converged),
        "n_iter": n_iter,
        "coef": coef.tolist(),
        "intercept": intercept,
        "objective": value,
        "gradient_inf_norm": float(np.max(np.abs(grad))),
    }
    if converged:
        polished = polish(theta, x, y, s, lam, fit_intercept)
        case["newton_coef"] = polished[: x.shape[1]].tolist()
        case["newton_intercept"] = float(polished[-1]) if fit_intercept else 0.0
        case["newton_max_abs_diff"] = float(np.max(np.abs(polished - theta)))
        case["newton_cholesky_coef"] = newton_model.coef_[0].astype(np.float64).tolist()
        case["newton_cholesky_intercept"] = float(newton_model.intercept_[0]) if fit_intercept else 0.0
        case["newton_cholesky_n_iter"] = int(newton_model.n_iter_[0])
    return model, case


def main():
    names, raw, y = load()
    means = raw.mean(axis=0)
    stds = raw.std(axis=0, ddof=0)
    x = (raw - means) / stds

    cases = []
    model_c1, case = fit_case("C1", x, y, C=1.0)
    cases.append(case)
    cases.append(fit_case("C100", x, y, C=100.0)[1])
    _, none_case = fit_case("NoPenalty", x, y, C=1.0, penalty=None)
    if none_case["converged"]:
        cases.append(none_case)
    else:
        print("penalty=None has no finite optimum here (the data are separable, max |coef| = "
              f"{max(abs(c) for c in none_case['coef']):.3g}); skipped", file=sys.stderr)
    cases.append(fit_case("BalancedC1", x, y, C=1.0, class_weight="balanced")[1])
    weights = np.where(y == 1.0, 2.0, 1.0)
    cases.append(fit_case("Malignant2NoInterceptC1", x, y, C=1.0, sample_weight=weights, fit_intercept=False)[1])

    # Metrics of the C = 1 model on its training data.
    proba = model_c1.predict_proba(x)[:, 1]
    decision = model_c1.decision_function(x)
    predicted = (proba >= 0.5).astype(int)
    tn, fp, fn, tp = confusion_matrix(y, predicted, labels=[0, 1]).ravel()
    metrics = {
        "model": "C1",
        "threshold": 0.5,
        "roc_auc": float(roc_auc_score(y, decision)),
        "log_loss": float(log_loss(y, proba)),
        "f1": float(f1_score(y, predicted)),
        "accuracy": float(accuracy_score(y, predicted)),
        "precision": float(precision_score(y, predicted)),
        "recall": float(recall_score(y, predicted)),
        "confusion": {"tp": int(tp), "fp": int(fp), "tn": int(tn), "fn": int(fn)},
    }

    out = {
        "description": "scikit-learn LogisticRegression on breast_cancer.csv standardized with the population std; "
                       "written by sklearn_reference.py",
        "versions": {
            "python": sys.version.split()[0],
            "sklearn": sklearn.__version__,
            "numpy": np.__version__,
            "scipy": scipy.__version__,
        },
        "solver": "lbfgs",
        "tol": TOL,
        "max_iter": MAX_ITER,
        "samples": int(x.shape[0]),
        "features": names,
        "means": means.tolist(),
        "stds": stds.tolist(),
        "cases": cases,
        "metrics": metrics,
    }
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        json.dump(out, f, indent=2)
        f.write("\n")
    print(f"wrote {os.path.relpath(OUT, ROOT)} with {len(cases)} cases (scikit-learn {sklearn.__version__})")


if __name__ == "__main__":
    main()
