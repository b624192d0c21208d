"""Times scikit-learn's binary logistic regression on the data of TrainingFloorBenchmarks.

The data comes from the benchmark program itself, so that both sides train on the same rows
(SyntheticData, m = 10^6, n = 4, 30 and 64):

    dotnet run -c Release --project benchmarks/LogRegGen.Benchmarks -- --export-binary /tmp/binary
    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 /usr/bin/python3 benchmarks/sklearn_binary.py /tmp/binary

Each fit standardizes the features inside the timing (StandardScaler, as every other trainer in the
comparison does) and fits LogisticRegression(penalty=None) with lbfgs (its default solver) and
with newton-cholesky, at scikit-learn's default tolerance and at a tight one. It prints the best of
three times, the iterations and the training log loss, which must equal LogRegGen's optimum.
"""
import sys
import time

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.preprocessing import StandardScaler


def fit(x, y, solver, tol):
    start = time.perf_counter()
    scaled = StandardScaler().fit_transform(x)
    model = LogisticRegression(penalty=None, solver=solver, tol=tol, max_iter=10_000).fit(scaled, y)
    elapsed = time.perf_counter() - start
    return elapsed, model, scaled


def main(directory):
    print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}")
    for n in (4, 30, 64):
        x = np.fromfile(f"{directory}/x{n}.f32", dtype="<f4").reshape(-1, n).astype(np.float64)
        y = np.fromfile(f"{directory}/y{n}.f32", dtype="<f4").astype(np.int64)
        for solver, tol in (("lbfgs", 1e-4), ("lbfgs", 1e-8), ("newton-cholesky", 1e-4), ("newton-cholesky", 1e-8)):
            best, model, scaled = min((fit(x, y, solver, tol) for _ in range(3)), key=lambda r: r[0])
            loss = log_loss(y, model.predict_proba(scaled)[:, 1])
            print(f"n={n} m={x.shape[0]} {solver} tol={tol:g}: {best:.3f} s (best of 3), {int(model.n_iter_[0])} iterations, log loss {loss:.6f}")


if __name__ == "__main__":
    main(sys.argv[1])
