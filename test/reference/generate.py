#!/usr/bin/env python3
"""
Independent reference values for the statistics core (src/stats), written to extra-cases.json.

How to run (from the repository root):
    python3 test/reference/generate.py            # writes test/reference/extra-cases.json
Needs: Python 3 with NumPy and SciPy; R (Rscript on PATH, base packages only) as the oracle for
wilcox.test and chisq.test; a C compiler (cc) for the PRNG reference outputs.
Versions used for the committed JSON: Python 3, NumPy 2.4.6, SciPy 1.17.1, R 4.2.2, gcc (Debian).

Nothing here imports nps-ab: every figure is computed from its textbook definition, with SciPy for the
distributions, R for the two rank/contingency tests and the authors' C code for the PRNG. The vitest suite
only reads the JSON; it never runs Python, R or C.
"""
import json
import math
import os
import subprocess
import sys

import numpy as np
import scipy
from scipy import integrate, optimize, stats

HERE = os.path.dirname(os.path.abspath(__file__))

CASES = [
    # name, alpha, margin, control histogram (scores 0..10), treatment histogram
    ("small-n", 0.05, 5.0, [1, 0, 0, 0, 0, 1, 0, 2, 1, 1, 2], [0, 0, 1, 0, 0, 0, 1, 1, 2, 3, 4]),
    ("all-promoters-both", 0.05, 5.0, [0] * 10 + [40], [0] * 10 + [25]),
    ("promoters-both-9-and-10", 0.05, 5.0, [0] * 9 + [12, 30], [0] * 9 + [20, 15]),
    ("control-only-detractors", 0.05, 5.0, [3, 1, 2, 4, 0, 5, 5, 0, 0, 0, 0], [2, 0, 1, 1, 2, 3, 4, 6, 5, 8, 12]),
    ("no-passives", 0.05, 5.0, [10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 30], [20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 25]),
    ("alpha-0.1-margin-3", 0.10, 3.0, [40, 12, 15, 30, 33, 60, 90, 140, 210, 280, 590],
     [42, 10, 14, 29, 30, 65, 85, 150, 220, 270, 585]),
    ("margin-10-negative-nps", 0.05, 10.0, [120, 40, 60, 70, 50, 90, 80, 60, 40, 30, 60],
     [110, 45, 50, 60, 55, 85, 90, 70, 45, 35, 65]),
    ("unbalanced-30-vs-3000", 0.05, 5.0, [1, 0, 1, 1, 0, 2, 2, 3, 5, 5, 10],
     [90, 30, 40, 70, 60, 150, 200, 350, 500, 600, 910]),
    ("heavy-ties", 0.05, 5.0, [50, 0, 0, 0, 0, 0, 0, 0, 0, 0, 150], [70, 0, 0, 0, 0, 0, 0, 0, 0, 0, 130]),
    ("all-detractors-treatment", 0.05, 5.0, [2, 1, 0, 1, 1, 2, 3, 4, 6, 5, 9], [4, 2, 3, 1, 5, 3, 2, 0, 0, 0, 0]),
]

PRNG_SEEDS = [0, 1, 42, 20180101, -7]


def categories(histogram):
    return {"detractors": int(sum(histogram[0:7])), "passives": int(sum(histogram[7:9])),
            "promoters": int(sum(histogram[9:11]))}


def shares(c):
    n = c["detractors"] + c["passives"] + c["promoters"]
    return n, c["promoters"] / n, c["detractors"] / n


def per_respondent_variance(c):
    _, p, d = shares(c)
    return p + d - (p - d) ** 2


def nps_points(c):
    _, p, d = shares(c)
    return 100 * (p - d)


def wald(c, alpha):
    n, _, _ = shares(c)
    z = stats.norm.ppf(1 - alpha / 2)
    half = 100 * z * math.sqrt(per_respondent_variance(c) / n)
    return [nps_points(c) - half, nps_points(c) + half]


def adjusted(c):
    return {"detractors": c["detractors"] + 0.75, "passives": c["passives"] + 1.5, "promoters": c["promoters"] + 0.75}


def tango_score(delta, promoters, detractors, n):
    """Tango (1998) score statistic for H0: P - D = delta, promoters/detractors the discordant cells."""
    a = 2 * n
    b = -promoters - detractors + (2 * n - promoters + detractors) * delta
    c = -detractors * delta * (1 - delta)
    q = (-b + math.sqrt(max(b * b - 4 * a * c, 0.0))) / (2 * a)  # restricted MLE of the detractor share
    var = n * (2 * q + delta * (1 - delta))
    if var <= 0:
        return math.copysign(math.inf, promoters - detractors - n * delta) if promoters - detractors != n * delta else 0.0
    return (promoters - detractors - n * delta) / math.sqrt(var)


def tango(c, alpha):
    n = c["detractors"] + c["passives"] + c["promoters"]
    z = stats.norm.ppf(1 - alpha / 2)
    est = (c["promoters"] - c["detractors"]) / n

    def root(target, lo, hi):
        f = lambda d: tango_score(d, c["promoters"], c["detractors"], n) - target
        if lo == hi:
            return lo
        flo, fhi = f(lo), f(hi)
        if flo * fhi > 0:  # no crossing inside: the bound is the end of the parameter space
            return lo if abs(flo) < abs(fhi) else hi
        return optimize.brentq(f, lo, hi, xtol=1e-15, rtol=4 * np.finfo(float).eps, maxiter=500)

    low = -1.0 if est == -1 else root(z, -1.0, est)
    high = 1.0 if est == 1 else root(-z, est, 1.0)
    return [100 * max(low, -1.0), 100 * min(high, 1.0)]


def newcombe(control, treatment, interval):
    """Newcombe (1998) hybrid (square-and-add) interval for treatment - control."""
    t0, t1 = nps_points(control), nps_points(treatment)
    l0, u0 = interval(control)
    l1, u1 = interval(treatment)
    diff = t1 - t0
    return [diff - math.sqrt((t1 - l1) ** 2 + (u0 - t0) ** 2), diff + math.sqrt((u1 - t1) ** 2 + (t0 - l0) ** 2)]


def r_tests(hist_control, hist_treatment):
    """R's wilcox.test(treatment, control, exact=FALSE, correct=TRUE) and chisq.test(correct=FALSE)."""
    cc, ct = categories(hist_control), categories(hist_treatment)
    table = [[cc[k], ct[k]] for k in ("detractors", "passives", "promoters") if cc[k] + ct[k] > 0]
    flat = ",".join(str(v) for column in table for v in column)
    script = f"""
x <- rep(0:10, times = c({",".join(map(str, hist_treatment))}))
y <- rep(0:10, times = c({",".join(map(str, hist_control))}))
w <- suppressWarnings(wilcox.test(x, y, exact = FALSE, correct = TRUE))
cat(sprintf("%.17g", unname(w$statistic)), sprintf("%.17g", w$p.value), "\\n")
m <- matrix(c({flat}), nrow = 2)
if (ncol(m) >= 2) {{
  k <- suppressWarnings(chisq.test(m, correct = FALSE))
  cat(sprintf("%.17g", unname(k$statistic)), unname(k$parameter), sprintf("%.17g", k$p.value), "\\n")
}} else cat("NA NA NA\\n")
"""
    out = subprocess.run(["Rscript", "-e", script], capture_output=True, text=True, check=True).stdout.split("\n")
    w_stat, w_p = out[0].split()
    k_stat, k_df, k_p = out[1].split()
    num = lambda s: None if s in ("NA", "NaN") else float(s)
    return {"statistic": num(w_stat), "pValue": num(w_p)}, {"statistic": num(k_stat), "df": num(k_df), "pValue": num(k_p)}


def scipy_tests(hist_control, hist_treatment):
    x = np.repeat(np.arange(11), hist_treatment)
    y = np.repeat(np.arange(11), hist_control)
    mw = stats.mannwhitneyu(x, y, use_continuity=True, alternative="two-sided", method="asymptotic")
    cc, ct = categories(hist_control), categories(hist_treatment)
    table = np.array([[cc[k] for k in ("detractors", "passives", "promoters") if cc[k] + ct[k] > 0],
                      [ct[k] for k in ("detractors", "passives", "promoters") if cc[k] + ct[k] > 0]])
    chi = stats.chi2_contingency(table, correction=False) if table.shape[1] >= 2 else None
    return mw, chi


def tost(diff, se, margin, alpha):
    if se == 0:
        return None
    p = max(stats.norm.sf((diff + margin) / se), stats.norm.cdf((diff - margin) / se))
    z = stats.norm.ppf(1 - alpha)
    return {"pValue": p, "ci": [diff - z * se, diff + z * se]}


def bayes_exact_interval(c, alpha):
    """Equal-tailed credible interval of 100 (P - D) under Dirichlet(d+1, s+1, p+1), by quadrature.

    D ~ Beta(d+1, s+p+2) and, given D = x, P / (1 - x) ~ Beta(p+1, s+1); so
    Pr(P - D <= t) = integral of f_D(x) F((t + x) / (1 - x)) dx over x in (0, 1).
    """
    a_d, a_s, a_p = c["detractors"] + 1, c["passives"] + 1, c["promoters"] + 1
    dist_d = stats.beta(a_d, a_s + a_p)
    dist_cond = stats.beta(a_p, a_s)
    lo_x, hi_x = dist_d.ppf(1e-15), dist_d.isf(1e-15)

    def cdf(t):
        g = lambda x: dist_d.pdf(x) * dist_cond.cdf(min(max((t + x) / (1 - x), 0.0), 1.0))
        return integrate.quad(g, lo_x, hi_x, epsabs=1e-13, epsrel=1e-12, limit=500, points=[dist_d.mean()])[0]

    q = lambda prob: 100 * optimize.brentq(lambda t: cdf(t) - prob, -1 + 1e-12, 1 - 1e-12, xtol=1e-12)
    return [q(alpha / 2), q(1 - alpha / 2)]


def bayes_monte_carlo(control, treatment, alpha, draws, seed):
    rng = np.random.default_rng(seed)

    def nps_draws(c):
        g = rng.dirichlet([c["detractors"] + 1, c["passives"] + 1, c["promoters"] + 1], size=draws)
        return 100 * (g[:, 2] - g[:, 0])

    diff = nps_draws(treatment) - nps_draws(control)
    return {"probabilityTreatmentBetter": float(np.mean(diff > 0)),
            "differenceCredibleInterval": [float(v) for v in np.quantile(diff, [alpha / 2, 1 - alpha / 2])],
            "draws": draws}


def case_record(name, alpha, margin, hist_control, hist_treatment):
    control, treatment = categories(hist_control), categories(hist_treatment)
    record = {"name": name, "alpha": alpha, "margin": margin, "scoresA": hist_control, "scoresB": hist_treatment}
    for key, c in (("A", control), ("B", treatment)):
        n = sum(c.values())
        adj = adjusted(c)
        record[key] = {
            **c, "n": n, "nps": nps_points(c), "perRespondentVariance": per_respondent_variance(c),
            "npsVariance": 1e4 * per_respondent_variance(c) / n,
            "wald": wald(c, alpha), "adjustedNps": nps_points(adj), "adjustedWald": wald(adj, alpha),
            "tango": tango(c, alpha), "bayesExact": bayes_exact_interval(c, alpha),
        }
    diff = nps_points(treatment) - nps_points(control)
    se = math.sqrt(record["A"]["npsVariance"] + record["B"]["npsVariance"])
    z_crit = stats.norm.ppf(1 - alpha / 2)
    adj_c, adj_t = adjusted(control), adjusted(treatment)
    adj_se = 100 * math.sqrt(per_respondent_variance(adj_c) / sum(adj_c.values())
                             + per_respondent_variance(adj_t) / sum(adj_t.values()))
    adj_diff = nps_points(adj_t) - nps_points(adj_c)
    record.update({
        "difference": diff, "se": se,
        "z": None if se == 0 else diff / se,
        "zPValue": None if se == 0 else 2 * stats.norm.sf(abs(diff / se)),
        "waldDiffCI": [diff - z_crit * se, diff + z_crit * se],
        "adjustedWaldDiffCI": [adj_diff - z_crit * adj_se, adj_diff + z_crit * adj_se],
        "tangoDiffCI": newcombe(control, treatment, lambda c: tango(c, alpha)),
    })
    mw_r, chi_r = r_tests(hist_control, hist_treatment)
    mw_s, chi_s = scipy_tests(hist_control, hist_treatment)
    # The two oracles must agree wherever both give a number.
    if mw_r["pValue"] is not None:
        assert math.isclose(mw_r["statistic"], mw_s.statistic, rel_tol=1e-12), (name, mw_r, mw_s)
        assert math.isclose(mw_r["pValue"], mw_s.pvalue, rel_tol=1e-9), (name, mw_r, mw_s)
    if chi_s is not None:
        assert math.isclose(chi_r["statistic"], chi_s.statistic, rel_tol=1e-9), (name, chi_r, chi_s)
        assert math.isclose(chi_r["pValue"], chi_s.pvalue, rel_tol=1e-9), (name, chi_r, chi_s)
    record["mannWhitney"] = mw_r
    record["chiSquare"] = chi_r
    t = tost(diff, se, margin, alpha)
    record["tost"] = None if t is None else {"pValue": t["pValue"], "ci": t["ci"],
                                             "equivalent": bool(-margin < t["ci"][0] and t["ci"][1] < margin)}
    record["bayes"] = bayes_monte_carlo(control, treatment, alpha, 4_000_000, seed=12345)
    return record


def check_against_r_nps_package():
    """The R NPS package's published values (reference/README.md) must come out of the formulas above."""
    c = {"detractors": 1, "passives": 2, "promoters": 3}
    assert [round(v / 100, 4) for v in tango(c, 0.05)] == [-0.3111, 0.7540], tango(c, 0.05)
    c = {"detractors": 0, "passives": 0, "promoters": 10}
    assert [round(v / 100, 4) for v in tango(c, 0.05)] == [0.4449, 1.0], tango(c, 0.05)


def prng_reference():
    binary = "/tmp/nps-ab-xoshiro128starstar"
    subprocess.run(["cc", "-O2", "-o", binary, os.path.join(HERE, "xoshiro128starstar.c")], check=True)
    out = {}
    for seed in PRNG_SEEDS:
        lines = subprocess.run([binary, str(seed), "8"], capture_output=True, text=True, check=True).stdout.split()
        out[str(seed)] = [float(v) for v in lines]
    return out


def distribution_reference():
    xs = [-37.0, -12.5, -8.0, -5.4, -1.96, -0.5, 0.0, 0.3, 1.0, 2.5, 7.0]
    ps = [1e-12, 1e-6, 0.001, 0.025, 0.05, 0.1, 0.3, 0.5, 0.8, 0.95, 0.975, 0.999999]
    chi = [[0.0, 1], [0.01, 1], [3.84, 1], [30.0, 1], [0.5, 2], [5.99, 2], [81.0948130728327, 2], [150.0, 2],
           [2.5, 3], [11.0, 5], [0.2, 7], [40.0, 10]]
    return {
        "normalCdf": [[x, stats.norm.cdf(x)] for x in xs],
        "normalQuantile": [[p, stats.norm.ppf(p)] for p in ps],
        "twoSidedNormalPValue": [[x, 2 * stats.norm.sf(abs(x))] for x in xs],
        "chiSquareSurvival": [[x, df, stats.chi2.sf(x, df)] for x, df in chi],
    }


def main():
    check_against_r_nps_package()
    r_version = subprocess.run(["Rscript", "-e", "cat(R.version.string)"], capture_output=True, text=True).stdout
    result = {
        "generator": "test/reference/generate.py",
        "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__,
                     "r": r_version},
        "notes": "NPS figures in points. bayesExact: quadrature, exact to ~1e-9. bayes: NumPy Monte Carlo "
                 "with 4,000,000 draws (seed 12345). mannWhitney/chiSquare: R, confirmed by SciPy.",
        "cases": [case_record(*case) for case in CASES],
        "distributions": distribution_reference(),
        "xoshiro128starstar": prng_reference(),
    }
    with open(os.path.join(HERE, "extra-cases.json"), "w") as handle:
        json.dump(result, handle, indent=1, allow_nan=False)
        handle.write("\n")


if __name__ == "__main__":
    main()
