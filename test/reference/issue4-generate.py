#!/usr/bin/env python3
"""
Independent reference values for the stratified difference, the difference trend, p-value adjustment, the
sample-ratio-mismatch test and the difference in differences (src/stats/{stratified,trend,multiplicity,
sample-ratio,difference-in-differences}.ts), written to issue4-cases.json.

How to run (from the repository root):
    python3 test/reference/issue4-generate.py      # writes test/reference/issue4-cases.json
Needs: Python 3 with NumPy and SciPy; R (Rscript on PATH) with the metafor package
(Debian: apt-get install r-base-core r-cran-metafor).
Versions used for the committed JSON: Python 3.11, NumPy 2.4.6, SciPy 1.17.1, R 4.2.2, metafor 3.8-1.

Nothing here imports nps-ab. Each figure comes from two places that must agree before it is written:
- p.adjust (R) is the oracle for Holm and Benjamini-Hochberg; numbers travel to and from R as C99 hex floats
  (sprintf("%a")), so those values are R's bits exactly;
- chisq.test(x, p =, rescale.p = TRUE) (R) for the SRM test, checked against scipy.stats.chisquare;
- metafor::rma(method = "FE") (R) for the stratified estimate (inverse-variance weights, and the MH weights
  through rma's `weights =`, whose SE is the fixed-weight sandwich sqrt(sum w^2 v) / sum w), for the trend
  (mods = ~ time) and for the DiD (the interaction in a saturated FE model of the four cell NPS values; unit
  weights, since a saturated model's sandwich SE does not depend on them and a zero variance would stop rma),
  each checked against the NumPy closed form written out below.
The JSON carries the closed-form values; the suite compares with relative tolerance 1e-9.
"""
import json
import math
import os
import subprocess
import tempfile

import numpy as np
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
AGREE = 1e-10  # relative agreement demanded between the two oracles


def hexes(values):
    return "c(" + ", ".join(float(v).hex() for v in values) + ")" if len(values) else "numeric(0)"


def run_r(source):
    """Runs R code that prints `key hexfloat hexfloat ...` lines; returns {key: [floats]}."""
    with tempfile.NamedTemporaryFile("w", suffix=".R", delete=False) as script:
        script.write(source)
    try:
        result = subprocess.run(["Rscript", "--vanilla", script.name], capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"Rscript failed:\n{result.stderr}")
        out = result.stdout
    finally:
        os.unlink(script.name)
    parsed = {}
    for line in out.splitlines():
        if not line.startswith("=> "):
            raise RuntimeError(f"unexpected R output: {line!r}")
        _, key, *values = line.split()
        parsed[key] = [float.fromhex(v) if v.startswith(("0x", "-0x")) else float(v) for v in values]
    return parsed


R_PRINT = 'emit <- function(key, x) cat("=>", key, sprintf("%a", as.numeric(x)), "\\n")\n'


def close(a, b, what):
    assert math.isclose(a, b, rel_tol=AGREE, abs_tol=1e-12), (what, a, b)


# ---------- NPS of one cell, from its definition (DESIGN.md) ----------

def nps(c):
    n = sum(c.values())
    return 100 * (c["promoters"] - c["detractors"]) / n


def nps_var(c):
    n = sum(c.values())
    p, d = c["promoters"] / n, c["detractors"] / n
    return 1e4 * max(0.0, p + d - (p - d) ** 2) / n


def cell(d, s, p):
    return {"detractors": int(d), "passives": int(s), "promoters": int(p)}


# ---------- multiplicity ----------

def multiplicity_cases():
    rng = np.random.default_rng(20250404)
    vectors = {
        "three": [0.01, 0.04, 0.03],
        "ties": [0.02, 0.01, 0.02, 0.01, 0.5, 0.02],
        "with-ones": [1, 0.2, 1, 0.001, 0.04],
        "unsorted-ten": [0.041, 0.0001, 0.9, 0.013, 0.2, 0.013, 0.6, 0.049, 0.0032, 0.7],
        "single": [0.03],
        "empty": [],
        "zeros": [0.0, 0.0, 0.3],
        "tiny": [1e-300, 3e-12, 2e-300, 0.5],
        "all-large": [0.8, 0.9, 0.95, 0.99],
        "random-40": [float(v) for v in np.round(rng.beta(0.4, 1.5, size=40), 6)],
    }
    source = R_PRINT
    for name, p in vectors.items():
        source += f'p <- {hexes(p)}\nemit("{name}:holm", p.adjust(p, "holm"))\nemit("{name}:bh", p.adjust(p, "BH"))\n'
    r = run_r(source)
    return [{"name": name, "p": p, "holm": r[f"{name}:holm"], "bh": r[f"{name}:bh"]} for name, p in vectors.items()]


# ---------- sample ratio mismatch ----------

def sample_ratio_cases():
    cases = [
        ("even-split-off", [5100, 4900], [50, 50]),
        ("exact-split", [5000, 5000], [1, 1]),
        ("three-way", [300, 350, 362], [1, 1, 1]),
        ("sixty-forty", [6050, 3950], [0.6, 0.4]),
        ("tiny-p", [51500, 48500], [50, 50]),
        ("uneven-four", [120, 260, 310, 410], [1, 2, 3, 4]),
        ("small-counts", [3, 0], [0.5, 0.5]),
        ("shares-not-summing-to-one", [812, 1190], [0.2, 0.3]),
    ]
    source = R_PRINT + "suppressWarnings({\n"
    for name, x, shares in cases:
        source += (f't <- chisq.test({hexes(x)}, p = {hexes(shares)}, rescale.p = TRUE)\n'
                   f'emit("{name}", c(t$statistic, t$parameter, t$p.value))\n')
    r = run_r(source + "})\n")
    out = []
    for name, x, shares in cases:
        statistic, df, p_value = r[name]
        expected = np.array(shares, float) / sum(shares) * sum(x)
        scipy_result = stats.chisquare(x, expected)
        close(statistic, float(scipy_result.statistic), name)
        close(p_value, float(scipy_result.pvalue), name)
        out.append({"name": name, "observed": x, "expectedShares": shares,
                    "statistic": statistic, "df": int(df), "pValue": p_value})
    return out


# ---------- stratified difference ----------

def random_months(seed, months, control_scale, treatment_scale, lift):
    rng = np.random.default_rng(seed)
    strata = []
    for month in range(months):
        season = 0.08 * math.sin(2 * math.pi * month / 12)
        for_arm = []
        for scale, shift in ((control_scale, 0.0), (treatment_scale, lift)):
            n = int(rng.integers(scale // 2, scale * 3 // 2))
            p_prom = 0.45 + season + shift
            p_det = 0.25 - season / 2 - shift / 2
            d, s, p = rng.multinomial(n, [p_det, 1 - p_det - p_prom, p_prom])
            for_arm.append(cell(d, s, p))
        strata.append({"control": for_arm[0], "treatment": for_arm[1]})
    return strata


def stratified_closed_form(strata, weighting, alpha):
    usable = [s for s in strata if sum(s["control"].values()) > 0 and sum(s["treatment"].values()) > 0]
    raw = []
    for s in strata:
        na, nb = sum(s["control"].values()), sum(s["treatment"].values())
        if na == 0 or nb == 0:
            raw.append((0.0, 0.0, 0.0))
            continue
        d = nps(s["treatment"]) - nps(s["control"])
        v = nps_var(s["control"]) + nps_var(s["treatment"])
        w = na * nb / (na + nb) if weighting == "mantel-haenszel" else (1 / v if v > 0 else 0.0)
        raw.append((d, v, w))
    d, v, w = (np.array(col) for col in zip(*raw))
    assert usable and w.sum() > 0
    estimate = float((w * d).sum() / w.sum())
    se = float(math.sqrt((w ** 2 * v).sum()) / w.sum())
    z_crit = stats.norm.ppf(1 - alpha / 2)
    return {"difference": estimate, "se": se, "ci": [estimate - z_crit * se, estimate + z_crit * se],
            "pValue": float(2 * stats.norm.sf(abs(estimate / se))), "weights": [float(x) for x in w / w.sum()]}, d, v, w


def stratified_cases():
    simpson = [
        # A good month in which the control has most of its volume, then a bad month in which the treatment has.
        {"control": cell(90, 270, 540), "treatment": cell(10, 25, 65)},
        {"control": cell(40, 40, 20), "treatment": cell(360, 315, 225)},
    ]
    with_gaps = random_months(7, 6, 200, 150, 0.03)
    with_gaps[2] = {"control": cell(0, 0, 0), "treatment": with_gaps[2]["treatment"]}
    with_gaps[4] = {"control": cell(0, 0, 3), "treatment": cell(0, 0, 2)}  # zero-variance stratum
    datasets = {
        "two-months": [
            {"control": cell(20, 30, 50), "treatment": cell(10, 30, 60)},
            {"control": cell(30, 40, 30), "treatment": cell(25, 40, 35)},
        ],
        "simpson": simpson,
        "twelve-months": random_months(2018, 12, 400, 250, 0.02),
        "twelve-months-small": random_months(99, 12, 40, 60, -0.03),
        "with-gaps": with_gaps,
    }
    cases, source = [], R_PRINT + "suppressMessages(library(metafor))\n"
    for name, strata in datasets.items():
        for weighting in ("mantel-haenszel", "inverse-variance"):
            for alpha in (0.05, 0.1):
                expected, d, v, w = stratified_closed_form(strata, weighting, alpha)
                key = f"{name}:{weighting}:{alpha}"
                keep = w > 0
                source += (f'fit <- rma(yi = {hexes(d[keep])}, vi = {hexes(v[keep])}, weights = {hexes(w[keep])}, '
                           f'method = "FE", level = {1 - alpha!r})\n'
                           f'emit("{key}", c(fit$beta, fit$se, fit$ci.lb, fit$ci.ub, fit$pval))\n')
                cases.append({"name": name, "weighting": weighting, "alpha": alpha, "strata": strata, **expected})
    r = run_r(source)
    for case in cases:
        estimate, se, low, high, p_value = r[f'{case["name"]}:{case["weighting"]}:{case["alpha"]}']
        for ours, theirs in ((case["difference"], estimate), (case["se"], se), (case["ci"][0], low),
                             (case["ci"][1], high), (case["pValue"], p_value)):
            close(ours, theirs, case["name"])
    pooled = lambda arm: cell(*(sum(s[arm][k] for s in simpson) for k in ("detractors", "passives", "promoters")))
    simpson_pooled = nps(pooled("treatment")) - nps(pooled("control"))
    assert simpson_pooled < 0 < min(nps(s["treatment"]) - nps(s["control"]) for s in simpson)
    return cases, {"strata": simpson, "pooledDifference": simpson_pooled}


# ---------- trend ----------

def trend_closed_form(points, alpha):
    usable = [p for p in points if math.isfinite(p["variance"]) and p["variance"] > 0]
    t = np.array([p["time"] for p in usable], float)
    y = np.array([p["difference"] for p in usable], float)
    w = 1 / np.array([p["variance"] for p in usable], float)
    t_bar, y_bar = (w * t).sum() / w.sum(), (w * y).sum() / w.sum()
    s_tt = (w * (t - t_bar) ** 2).sum()
    slope = (w * (t - t_bar) * (y - y_bar)).sum() / s_tt
    intercept = y_bar - slope * t_bar
    se = math.sqrt(1 / s_tt)
    z_crit = stats.norm.ppf(1 - alpha / 2)
    q = float((w * (y - intercept - slope * t) ** 2).sum())
    return {"slopePerUnit": float(slope), "intercept": float(intercept), "se": se,
            "ci": [slope - z_crit * se, slope + z_crit * se], "z": float(slope / se),
            "pValue": float(2 * stats.norm.sf(abs(slope / se))),
            "residualHeterogeneity": {"statistic": q, "df": len(usable) - 2,
                                      "pValue": float(stats.chi2.sf(q, len(usable) - 2))},
            "usedPoints": len(usable), "skippedPoints": len(points) - len(usable)}, t, y, 1 / w


def monthly_points(strata):
    return [{"time": month, "difference": nps(s["treatment"]) - nps(s["control"]),
             "variance": nps_var(s["control"]) + nps_var(s["treatment"])} for month, s in enumerate(strata)]


def trend_cases():
    widening = random_months(31, 12, 2000, 2000, 0.0)
    for month, s in enumerate(widening):  # the treatment gains about 1 point a month
        d, sp, p = (s["treatment"][k] for k in ("detractors", "passives", "promoters"))
        shift = min(sp, int(round(month * 0.01 * (d + sp + p))))
        s["treatment"] = cell(d, sp - shift, p + shift)
    with_skip = monthly_points(random_months(5, 8, 120, 120, 0.0))
    with_skip[3]["variance"] = 0.0
    datasets = {
        "small": [{"time": 0, "difference": 1, "variance": 4}, {"time": 1, "difference": 2, "variance": 4},
                  {"time": 2, "difference": 4, "variance": 4}, {"time": 3, "difference": 5, "variance": 0}],
        "widening-12-months": monthly_points(widening),
        "flat-12-months": monthly_points(random_months(2018, 12, 400, 250, 0.02)),
        "with-skipped-month": with_skip,
        "uneven-times": [{"time": t, "difference": y, "variance": v} for t, y, v in
                         [(0.5, -3.2, 40.0), (1.25, -1.0, 25.0), (3.0, 2.5, 60.0), (3.5, 1.0, 12.5), (7.75, 6.0, 90.0)]],
    }
    cases, source = [], R_PRINT + "suppressMessages(library(metafor))\n"
    for name, points in datasets.items():
        for alpha in (0.05, 0.1):
            expected, t, y, v = trend_closed_form(points, alpha)
            key = f"{name}:{alpha}"
            source += (f'fit <- rma(yi = {hexes(y)}, vi = {hexes(v)}, mods = ~ {hexes(t)}, method = "FE", '
                       f'level = {1 - alpha!r})\n'
                       f'emit("{key}", c(fit$beta[2], fit$beta[1], fit$se[2], fit$ci.lb[2], fit$ci.ub[2], '
                       f'fit$zval[2], fit$pval[2], fit$QE, fit$QEp))\n')
            cases.append({"name": name, "alpha": alpha, "points": points, **expected})
    r = run_r(source)
    for case in cases:
        slope, intercept, se, low, high, z, p_value, q, q_p = r[f'{case["name"]}:{case["alpha"]}']
        pairs = [(case["slopePerUnit"], slope), (case["intercept"], intercept), (case["se"], se),
                 (case["ci"][0], low), (case["ci"][1], high), (case["z"], z), (case["pValue"], p_value),
                 (case["residualHeterogeneity"]["statistic"], q), (case["residualHeterogeneity"]["pValue"], q_p)]
        for ours, theirs in pairs:
            close(ours, theirs, case["name"])
    return cases


# ---------- difference in differences ----------

def did_cases():
    datasets = {
        "doc-example": ({"control": cell(30, 30, 40), "treatment": cell(30, 30, 40)},
                        {"control": cell(30, 30, 40), "treatment": cell(20, 30, 50)}),
        "standing-gap": ({"control": cell(310, 420, 870), "treatment": cell(120, 150, 330)},
                         {"control": cell(402, 515, 1083), "treatment": cell(288, 390, 1122)}),
        "negative-change": ({"control": cell(44, 61, 95), "treatment": cell(38, 50, 112)},
                            {"control": cell(52, 70, 78), "treatment": cell(61, 66, 73)}),
        "one-sided-cell": ({"control": cell(0, 0, 25), "treatment": cell(3, 7, 30)},
                           {"control": cell(5, 10, 25), "treatment": cell(2, 8, 30)}),
    }
    cases, source = [], R_PRINT + "suppressMessages(library(metafor))\n"
    for name, (pre, post) in datasets.items():
        for alpha in (0.05, 0.1):
            pre_diff = nps(pre["treatment"]) - nps(pre["control"])
            post_diff = nps(post["treatment"]) - nps(post["control"])
            did = post_diff - pre_diff
            cells = [pre["control"], pre["treatment"], post["control"], post["treatment"]]
            se = math.sqrt(sum(nps_var(c) for c in cells))
            z_crit = stats.norm.ppf(1 - alpha / 2)
            cases.append({"name": name, "alpha": alpha, "pre": pre, "post": post, "differenceInDifferences": did,
                          "preDifference": pre_diff, "postDifference": post_diff, "se": se,
                          "ci": [did - z_crit * se, did + z_crit * se], "z": did / se,
                          "pValue": float(2 * stats.norm.sf(abs(did / se)))})
            source += (f'treat <- c(0, 1, 0, 1); post <- c(0, 0, 1, 1)\n'
                       f'fit <- rma(yi = {hexes([nps(c) for c in cells])}, vi = {hexes([nps_var(c) for c in cells])}, '
                       f'weights = rep(1, 4), mods = ~ treat * post, method = "FE", level = {1 - alpha!r})\n'
                       f'emit("{name}:{alpha}", c(fit$beta[4], fit$se[4], fit$ci.lb[4], fit$ci.ub[4], fit$zval[4], fit$pval[4]))\n')
    r = run_r(source)
    for case in cases:
        estimate, se, low, high, z, p_value = r[f'{case["name"]}:{case["alpha"]}']
        for ours, theirs in ((case["differenceInDifferences"], estimate), (case["se"], se), (case["ci"][0], low),
                             (case["ci"][1], high), (case["z"], z), (case["pValue"], p_value)):
            close(ours, theirs, case["name"])
    return cases


def main():
    stratified, simpson = stratified_cases()
    out = {
        "generatedBy": "test/reference/issue4-generate.py",
        "multiplicity": multiplicity_cases(),
        "sampleRatio": sample_ratio_cases(),
        "stratified": stratified,
        "simpson": simpson,
        "trend": trend_cases(),
        "differenceInDifferences": did_cases(),
    }
    with open(os.path.join(HERE, "issue4-cases.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
