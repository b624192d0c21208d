"""Reference cross-validation for issue 15: C chosen by stratified 5-fold cross-validation.

Run with Debian's python3 (apt-get install python3-sklearn):

    /usr/bin/python3 tests/LogRegGen.Tests/Reference/sklearn_cross_validation.py

Writes sklearn_cross_validation.json beside this script, for scikit-learn's default grid of
C (10 values log-spaced from 1e-4 to 1e4) and StratifiedKFold(5) without shuffling:

* "raw": LogisticRegressionCV(Cs=10, cv=5, scoring=...) on the raw breast-cancer features with the
  exact solver newton-cholesky at a tight tolerance -- what CrossValidation gives with
  Standardize = false. (lbfgs stops short of the optimum on these badly scaled features and
  chooses differently, so it is not a reference.)
* "standardized": the same search over a StandardScaler + LogisticRegression pipeline, the scaler
  fitted on each training fold (as GridSearchCV over a Pipeline does) -- what CrossValidation gives
  with the default Standardize = true, which standardizes each fold's training rows.
* "iris": the standardized search for the three-class softmax model on iris (newton-cg, multinomial,
  tight tolerance; newton-cholesky has no multinomial mode in scikit-learn 1.2, and lbfgs stops short
  enough to move a fold's accuracy at C = 1e-4).

The features are the float32 values a model's rows hold (the CSV's decimals rounded to float, then
widened): on the raw, badly conditioned features that rounding alone moves some weights by 3e-4
relative, more than the comparison allows.

Each case records the per-fold scores per C, their means, the chosen C and the model refitted on all
rows with it. Accuracy is scored as scikit-learn does; "log_loss" is the mean log loss, its probabilities
clipped to [eps, 1 - eps] with eps = 2.2e-16, the double epsilon (scikit-learn's
neg_log_loss negated); the raw case is also scored by ROC AUC.
"""
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression, LogisticRegressionCV
from sklearn.metrics import accuracy_score, log_loss
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import StandardScaler

warnings.simplefilter("ignore")
here = os.path.dirname(os.path.abspath(__file__))
samples = os.path.join(here, "..", "..", "..", "samples")
cancer = np.loadtxt(os.path.join(samples, "BreastCancer", "data", "breast_cancer.csv"), delimiter=",", skiprows=1)
X, y = cancer[:, :30].astype(np.float32).astype(np.float64), cancer[:, 30].astype(int)
Cs = np.logspace(-4, 4, 10)
folds = list(StratifiedKFold(n_splits=5).split(X, y))


def raw_case(scoring):
    cv = LogisticRegressionCV(Cs=10, cv=5, scoring=scoring, solver="newton-cholesky", tol=1e-12, max_iter=1000).fit(X, y)
    scores = cv.scores_[1]  # (folds, Cs)
    sign = -1.0 if scoring == "neg_log_loss" else 1.0
    return {
        "scoring": "log_loss" if scoring == "neg_log_loss" else scoring,
        "cs": cv.Cs_.tolist(),
        "fold_scores": (sign * scores.T).tolist(),
        "mean_scores": (sign * scores.mean(axis=0)).tolist(),
        "best_c": float(cv.C_[0]),
        "weights": cv.coef_[0].tolist(),
        "bias": float(cv.intercept_[0]),
    }


def fit(Xs, ys, c, multi):
    kwargs = dict(C=c, tol=1e-10, max_iter=1000)
    model = LogisticRegression(solver="newton-cg", multi_class="multinomial", **kwargs) if multi else LogisticRegression(solver="newton-cholesky", **kwargs)
    scaler = StandardScaler().fit(Xs)
    model.fit(scaler.transform(Xs), ys)
    # Fold the scaling back: w_raw = w / s, b_raw = b - sum(w * mu / s).
    w = model.coef_ / scaler.scale_
    b = model.intercept_ - (model.coef_ * scaler.mean_ / scaler.scale_).sum(axis=1)
    return scaler, model, w, b


def standardized_case(Xa, ya, scoring, multi):
    splits = list(StratifiedKFold(n_splits=5).split(Xa, ya))
    scores = np.zeros((len(Cs), len(splits)))
    for f, (train, test) in enumerate(splits):
        for i, c in enumerate(Cs):
            scaler, model, _, _ = fit(Xa[train], ya[train], c, multi)
            Xt = scaler.transform(Xa[test])
            if scoring == "accuracy":
                scores[i, f] = accuracy_score(ya[test], model.predict(Xt))
            else:
                scores[i, f] = log_loss(ya[test], model.predict_proba(Xt), labels=model.classes_)
    means = scores.mean(axis=1)
    best = int(np.argmax(means) if scoring == "accuracy" else np.argmin(means))
    _, _, w, b = fit(Xa, ya, Cs[best], multi)
    return {
        "scoring": scoring,
        "cs": Cs.tolist(),
        "fold_scores": scores.tolist(),
        "mean_scores": means.tolist(),
        "best_c": float(Cs[best]),
        "weights": (w.ravel() if multi else w[0]).tolist(),
        "bias": (b.tolist() if multi else float(b[0])),
    }


iris = np.genfromtxt(os.path.join(samples, "Iris", "data", "iris.csv"), delimiter=",", skip_header=1, dtype=str)
Xi = iris[:, :4].astype(np.float32).astype(np.float64)
species = ["setosa", "versicolor", "virginica"]
yi = np.array([species.index(s) for s in iris[:, 4]])

result = {
    "sklearn": sklearn.__version__,
    "raw": [raw_case("accuracy"), raw_case("neg_log_loss"), raw_case("roc_auc")],
    "standardized": [standardized_case(X, y, "accuracy", False), standardized_case(X, y, "log_loss", False)],
    "iris": [standardized_case(Xi, yi, "accuracy", True), standardized_case(Xi, yi, "log_loss", True)],
}
with open(os.path.join(here, "sklearn_cross_validation.json"), "w") as f:
    json.dump(result, f, indent=1)
    f.write("\n")
for name in ("raw", "standardized", "iris"):
    for case in result[name]:
        print(name, case["scoring"], "best C", case["best_c"], "means", np.round(case["mean_scores"], 4).tolist())
