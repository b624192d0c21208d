#!/usr/bin/env python3
"""Reference optima from scikit-learn for LogRegGen's multinomial (softmax) tests.

Produced with Debian bookworm's packages (apt-get install python3-sklearn): scikit-learn 1.2,
NumPy, SciPy; the versions used are written into the JSON. Run from the repository root:

    python3 tests/LogRegGen.Tests/Reference/sklearn_multinomial.py

Two data sets:
  iris        samples/Iris/data/iris.csv (150 x 4, three species), features standardized with the
              population standard deviation (ddof=0); C = 1 and C = 100.
  synthetic10 a 10-class problem with n = 30 made here from a fixed seed (m = 1,000, features of
              mixed scale, labels drawn from a softmax model), written to synthetic10.csv with every
              value rounded to float32, so C# reads exactly the numbers used here; standardized like
              iris; C = 1.

The objective is scikit-learn's: C * sum_i log-loss_i + 1/2 ||W||^2 with K weight vectors (the
symmetric parameterisation), no penalty on the intercepts. Its optimum is unique in W; the
intercepts are unique up to a common constant and are reported centred (sum_k b_k = 0), as
scikit-learn reports them. scikit-learn's lbfgs stops short of the optimum (scipy's relative
decrease test), so each fit is polished here with Newton steps in float64 on the objective divided
by C (lam = 1/C), the Hessian's null direction (the common shift of the intercepts) removed by
solving in the subspace of centred intercepts. Both the lbfgs and the polished optimum are written.

"metrics" holds a 60 x 4 probability matrix and labels made from a fixed seed, with scikit-learn's
confusion matrix, accuracy, per-class, macro and weighted precision/recall/F1, log loss and
one-vs-rest macro ROC AUC of them (roc_auc_score(multi_class="ovr")).
"""

import json
import os

import numpy as np
import scipy
import sklearn
from sklearn.linear_model import LogisticRegression

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
IRIS = os.path.join(ROOT, "samples", "Iris", "data", "iris.csv")
SYNTHETIC = os.path.join(HERE, "synthetic10.csv")
OUT = os.path.join(HERE, "sklearn_multinomial.json")


def load_iris():
    with open(IRIS, encoding="utf-8") as f:
        header = f.readline().strip().split(",")
        rows = [line.strip().split(",") for line in f if line.strip()]
    classes = []
    for r in rows:
        if r[-1] not in classes:
            classes.append(r[-1])
    x = np.array([[float(v) for v in r[:-1]] for r in rows], dtype=np.float32).astype(np.float64)
    y = np.array([classes.index(r[-1]) for r in rows], dtype=np.int64)
    return header[:-1], classes, x, y


def make_synthetic(seed=20261130, m=1000, n=30, k=10):
    rng = np.random.default_rng(seed)
    scales = np.exp(rng.uniform(-2.0, 3.0, n))
    offsets = rng.normal(0.0, 5.0, n)
    z = rng.normal(0.0, 1.0, (m, n))
    x = (z * scales + offsets).astype(np.float32).astype(np.float64)
    w = rng.normal(0.0, 0.6, (k, n))
    b = rng.normal(0.0, 0.5, k)
    logits = z @ w.T + b
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    y = np.array([rng.choice(k, p=row) for row in p], dtype=np.int64)
    names = [f"F{j}" for j in range(n)]
    with open(SYNTHETIC, "w", encoding="utf-8", newline="\n") as f:
        f.write(",".join(names + ["label"]) + "\n")
        for i in range(m):
            f.write(",".join(repr(float(np.float32(v))) for v in x[i]) + f",{int(y[i])}\n")
    return names, [f"C{c}" for c in range(k)], x, y


def standardize(x):
    mean = x.mean(axis=0)
    std = x.std(axis=0)
    return (x - mean) / std


def parts(w, b, x, y, lam):
    """Value, gradient (dW, db) and Hessian of sum_i L_i + lam/2 ||W||^2 (L the softmax log-loss)."""
    m, n = x.shape
    k = w.shape[0]
    z = x @ w.T + b
    zmax = z.max(axis=1, keepdims=True)
    lse = zmax[:, 0] + np.log(np.exp(z - zmax).sum(axis=1))
    value = float(np.sum(lse - z[np.arange(m), y]) + 0.5 * lam * np.sum(w * w))
    a = np.exp(z - lse[:, None])
    r = a.copy()
    r[np.arange(m), y] -= 1.0
    dw = r.T @ x + lam * w
    db = r.sum(axis=0)
    xa = np.hstack([x, np.ones((m, 1))])
    d = n + 1
    h = np.zeros((k * d, k * d))
    for p_ in range(k):
        for q in range(k):
            c = a[:, p_] * ((1.0 if p_ == q else 0.0) - a[:, q])
            h[p_ * d:(p_ + 1) * d, q * d:(q + 1) * d] = (xa * c[:, None]).T @ xa
    for p_ in range(k):
        h[p_ * d + np.arange(n), p_ * d + np.arange(n)] += lam
    g = np.hstack([dw, db[:, None]]).reshape(-1)
    return value, g, h


def polish(w, b, x, y, lam, steps=30):
    k, n = w.shape
    d = n + 1
    # A basis of the parameter space without the common intercept shift: the step is solved there.
    shift = np.zeros(k * d)
    shift[n::d] = 1.0 / np.sqrt(k)
    basis = np.linalg.svd(np.eye(k * d) - np.outer(shift, shift))[0][:, : k * d - 1]
    theta = np.hstack([w, b[:, None]]).reshape(-1)
    for _ in range(steps):
        _, g, h = parts(theta.reshape(k, d)[:, :n], theta.reshape(k, d)[:, n], x, y, lam)
        if np.max(np.abs(g)) < 1e-12:
            break
        step = basis @ np.linalg.solve(basis.T @ h @ basis, basis.T @ g)
        theta = theta - step
    theta = theta.reshape(k, d)
    bias = theta[:, n] - theta[:, n].mean()
    return theta[:, :n], bias


def fit_case(name, feature_names, classes, x, y, C):
    xs = standardize(x)
    model = LogisticRegression(multi_class="multinomial", C=C, tol=1e-12, max_iter=100000)
    model.fit(xs, y)
    lam = 1.0 / C
    w0 = model.coef_.astype(np.float64)
    b0 = model.intercept_.astype(np.float64)
    b0 = b0 - b0.mean()
    value0, g0, _ = parts(w0, b0, xs, y, lam)
    w, b = polish(w0, b0, xs, y, lam)
    value, g, _ = parts(w, b, xs, y, lam)
    return {
        "name": name,
        "C": C,
        "l2_strength_sum_scale": lam,
        "feature_names": feature_names,
        "classes": classes,
        "sklearn_n_iter": int(model.n_iter_[0]),
        "sklearn_coef": w0.tolist(),
        "sklearn_intercept": b0.tolist(),
        "sklearn_objective_over_C": value0,
        "sklearn_gradient_inf_norm": float(np.max(np.abs(g0))),
        "coef": w.tolist(),
        "intercept": b.tolist(),
        "objective_over_C": value,
        "gradient_inf_norm": float(np.max(np.abs(g))),
        "max_abs_diff_sklearn_vs_polished": float(max(np.max(np.abs(w - w0)), np.max(np.abs(b - b0)))),
        "log_loss": float(np.mean(np.log(np.exp(xs @ w.T + b).sum(axis=1)) - (xs @ w.T + b)[np.arange(len(y)), y])),
    }


def metrics_case(seed=7, m=60, k=4):
    """Probabilities (float32-exact) and labels made here, with scikit-learn's multiclass metrics of them."""
    from sklearn.metrics import (accuracy_score, confusion_matrix, log_loss,
                                 precision_recall_fscore_support, roc_auc_score)
    rng = np.random.default_rng(seed)
    logits = rng.normal(0.0, 1.5, (m, k))
    y = rng.integers(0, k, m)
    logits[np.arange(m), y] += 1.0
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    p = p.astype(np.float32).astype(np.float64)
    pred = p.argmax(axis=1)
    per = precision_recall_fscore_support(y, pred, labels=list(range(k)), zero_division=0)
    macro = precision_recall_fscore_support(y, pred, average="macro", zero_division=0)
    weighted = precision_recall_fscore_support(y, pred, average="weighted", zero_division=0)
    # log loss of the true class's probability clipped to [1e-15, 1 - 1e-15], without renormalizing
    clipped = np.clip(p[np.arange(m), y], 1e-15, 1 - 1e-15)
    return {
        "probabilities": p.tolist(),
        "labels": y.tolist(),
        "classes": k,
        "confusion_matrix": confusion_matrix(y, pred, labels=list(range(k))).tolist(),
        "accuracy": float(accuracy_score(y, pred)),
        "precision": per[0].tolist(),
        "recall": per[1].tolist(),
        "f1": per[2].tolist(),
        "support": per[3].tolist(),
        "macro": [float(macro[0]), float(macro[1]), float(macro[2])],
        "weighted": [float(weighted[0]), float(weighted[1]), float(weighted[2])],
        "log_loss": float(-np.mean(np.log(clipped))),
        "sklearn_log_loss": float(log_loss(y, p, labels=list(range(k)))),
        "roc_auc_ovr_macro": float(roc_auc_score(y, p / p.sum(axis=1, keepdims=True), multi_class="ovr", average="macro", labels=list(range(k)))),
    }


def main():
    names, classes, x, y = load_iris()
    cases = [fit_case("iris_C1", names, classes, x, y, 1.0), fit_case("iris_C100", names, classes, x, y, 100.0)]
    snames, sclasses, sx, sy = make_synthetic()
    cases.append(fit_case("synthetic10_C1", snames, sclasses, sx, sy, 1.0))
    result = {
        "produced_by": "tests/LogRegGen.Tests/Reference/sklearn_multinomial.py",
        "versions": {"scikit-learn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__},
        "objective": "sum_i L_i + lam/2 ||W||^2 with lam = 1/C (scikit-learn's objective divided by C); intercepts centred",
        "cases": cases,
        "metrics": metrics_case(),
    }
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        json.dump(result, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
