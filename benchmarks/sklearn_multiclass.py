"""Times scikit-learn's multinomial logistic regression on the data of MulticlassTrainingBenchmarks.

The data comes from the benchmark program itself, so that both sides train on the same rows:

    dotnet run -c Release --project benchmarks/LogRegGen.Benchmarks -- --export-multiclass /tmp/multiclass
    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 benchmarks/sklearn_multiclass.py /tmp/multiclass

It standardizes the features (StandardScaler, inside the timing, as the others do), fits
LogisticRegression(multi_class="multinomial", solver="lbfgs", penalty=None) as the other
trainers fit without a penalty, on one thread, and prints the time and the training log loss.
"""
import sys
import time

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.preprocessing import StandardScaler

N, K = 64, 10


def main(directory):
    x = np.fromfile(f"{directory}/x.f32", dtype="<f4").reshape(-1, N).astype(np.float64)
    y = np.fromfile(f"{directory}/y.f32", dtype="<f4").astype(np.int64)
    print(f"scikit-learn {sklearn.__version__}: {x.shape[0]} samples, {N} features, {K} classes")
    for tol, max_iter in ((1e-4, 100), (1e-8, 10_000)):
        start = time.perf_counter()
        scaled = StandardScaler().fit_transform(x)
        model = LogisticRegression(multi_class="multinomial", solver="lbfgs", penalty=None, tol=tol, max_iter=max_iter)
        model.fit(scaled, y)
        elapsed = time.perf_counter() - start
        loss = log_loss(y, model.predict_proba(scaled), labels=list(range(K)))
        print(f"tol={tol:g} max_iter={max_iter}: {elapsed:.2f} s, {int(model.n_iter_[0])} iterations, log loss {loss:.6f}")


if __name__ == "__main__":
    main(sys.argv[1])
