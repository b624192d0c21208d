"""Times scikit-learn's L1 regularization path on the rows of L1PathBenchmarks (issue 15).

The rows come from the benchmark program, so both sides fit exactly the same data (SyntheticData,
m = 10^6, n = 30):

    dotnet run -c Release --project benchmarks/LogRegGen.Benchmarks -- --export-binary /tmp/binary
    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 /usr/bin/python3 benchmarks/sklearn_l1_path.py /tmp/binary [tol ...]

The path is scikit-learn's default grid of C (np.logspace(-4, 4, 10)), fitted from the smallest C up
with LogisticRegression(penalty="l1", solver="saga", warm_start=True) on StandardScaler'd features (the
scaling inside the timing, as LogRegGen's Train standardizes inside its own). saga is scikit-learn's
solver for an L1 penalty with an unpenalized intercept (liblinear penalizes the intercept, a different
objective). For each tolerance given (default: scikit-learn's own, 1e-4) it prints the path's
time, each fit's epochs, zero weights and objective on the mean scale, (C * sum L + |w|_1) / (C * m),
the quantity LogRegGen's report prints for the same fit.
"""
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler


def path(x, y, cs, tol):
    fits = []
    start = time.perf_counter()
    scaled = StandardScaler().fit_transform(x)
    model = LogisticRegression(penalty="l1", solver="saga", warm_start=True, tol=tol, max_iter=1000)
    for c in cs:
        model.set_params(C=c)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ConvergenceWarning)
            model.fit(scaled, y)
        fits.append((c, int(model.n_iter_[0]), int((model.coef_ == 0).sum()), model.coef_[0].copy(), float(model.intercept_[0]), bool(caught)))
    elapsed = time.perf_counter() - start
    return elapsed, fits, scaled


def objective(scaled, y, c, w, b):
    z = scaled @ w + b
    loss = np.sum(np.logaddexp(0, z) - y * z)
    return (c * loss + np.abs(w).sum()) / (c * len(y))


def main(directory, tols):
    print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}")
    x = np.fromfile(f"{directory}/x30.f32", dtype="<f4").reshape(-1, 30).astype(np.float64)
    y = np.fromfile(f"{directory}/y30.f32", dtype="<f4").astype(np.int64)
    cs = np.logspace(-4, 4, 10)
    for tol in tols:
        elapsed, fits, scaled = path(x, y, cs, tol)
        print(f"saga L1 path, m={x.shape[0]} n=30, tol={tol:g}: {elapsed:.2f} s for {len(cs)} values of C")
        for c, epochs, zeros, w, b, warned in fits:
            note = " (ConvergenceWarning: max_iter reached)" if warned else ""
            print(f"  C = {c:.4g}: {epochs} epochs, {zeros} zero weights, objective {objective(scaled, y, c, w, b):.9f}{note}")


if __name__ == "__main__":
    main(sys.argv[1], [float(t) for t in sys.argv[2:]] or [1e-4])
