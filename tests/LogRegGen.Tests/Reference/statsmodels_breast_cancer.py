"""Reference coefficient statistics for issue 15: statsmodels' unpenalized logit on five breast-cancer features.

Run with Debian's python3 (apt-get install python3-statsmodels):

    /usr/bin/python3 tests/LogRegGen.Tests/Reference/statsmodels_breast_cancer.py

It reads samples/BreastCancer/data/breast_cancer.csv and writes statsmodels_breast_cancer.json beside
this script: for Logit(y, add_constant(X)).fit(method="newton") on the features below (five of the
measurements, which do not separate the classes, so the maximum-likelihood fit exists), the
estimates, standard errors, z, two-sided p-values and 95 % intervals (features in order, then the
intercept), the log-likelihood, null log-likelihood, McFadden's pseudo-R², AIC, BIC and m.

The five features keep the classes apart only partly (pseudo-R² 0.44), so the maximum exists and
statsmodels raises no separation warning; sets with mean_radius or the "worst" features come close to
separating the classes (statsmodels warns of quasi-separation) and are avoided.
"""
import json
import os

import numpy as np
import statsmodels
import statsmodels.api as sm

FEATURES = ["mean_texture", "mean_smoothness", "mean_symmetry", "mean_fractal_dimension", "texture_error"]

here = os.path.dirname(os.path.abspath(__file__))
csv = os.path.join(here, "..", "..", "..", "samples", "BreastCancer", "data", "breast_cancer.csv")
with open(csv) as f:
    header = f.readline().strip().split(",")
data = np.loadtxt(csv, delimiter=",", skiprows=1)
columns = [header.index(name) for name in FEATURES]
# The values as the C# model reads them: float32, then widened.
x = data[:, columns].astype(np.float32).astype(np.float64)
y = data[:, header.index("malignant")]

fit = sm.Logit(y, sm.add_constant(x, prepend=False)).fit(method="newton", tol=1e-12, maxiter=100, disp=False)
interval = fit.conf_int(alpha=0.05)
result = {
    "statsmodels": statsmodels.__version__,
    "features": FEATURES,
    "estimates": fit.params.tolist(),
    "standardErrors": fit.bse.tolist(),
    "z": fit.tvalues.tolist(),
    "pValues": fit.pvalues.tolist(),
    "lower": interval[:, 0].tolist(),
    "upper": interval[:, 1].tolist(),
    "logLikelihood": fit.llf,
    "nullLogLikelihood": fit.llnull,
    "pseudoRSquared": fit.prsquared,
    "aic": fit.aic,
    "bic": fit.bic,
    "samples": int(fit.nobs),
}
with open(os.path.join(here, "statsmodels_breast_cancer.json"), "w") as f:
    json.dump(result, f, indent=2)
    f.write("\n")
print(fit.summary())
