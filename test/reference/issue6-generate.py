#!/usr/bin/env python3
"""
Independent reference values for src/stats/power.ts and src/stats/sequential.ts, written to issue6-cases.json.

How to run (from the repository root):
    python3 test/reference/issue6-generate.py      # writes test/reference/issue6-cases.json
Needs: Python 3 with NumPy and SciPy (versions recorded in the JSON).

Nothing here imports nps-ab. Power: normal-approximation sample sizes with scipy.stats.norm.ppf for the
quantiles. Confidence sequence: the normal-mixture boundary of Waudby-Smith et al. (arXiv 2103.06476v7),
evaluated twice: in closed form, and by integrating the Gaussian mixture of exponential martingales
numerically (scipy.integrate.quad) and solving mixture = 1/alpha for the boundary (scipy.optimize.brentq).
The two must agree to 1e-9 relative before anything is written. The vitest suite only reads the JSON.
"""
import json
import math
import os
import sys

import numpy as np
import scipy
from scipy import integrate, optimize, stats

HERE = os.path.dirname(os.path.abspath(__file__))

# Baselines as (promoter share, detractor share); effects and margins in NPS points.
BASELINES = [(0.5, 0.2), (0.35, 0.25), (0.6, 0.1), (0.2, 0.5), (0.9, 0.05), (0.4, 0.0)]
DESIGNS = [(5.0, 0.05, 0.8), (3.0, 0.05, 0.9), (10.0, 0.1, 0.8), (5.0, 0.1, 0.9), (2.0, 0.01, 0.95)]

# (control, treatment) as (detractors, passives, promoters), alpha, power
MDE_CASES = [
    ((30, 40, 80), (20, 45, 100), 0.05, 0.8),
    ((30, 40, 80), (20, 45, 100), 0.1, 0.9),
    ((77, 96, 227), (69, 112, 319), 0.05, 0.8),
    ((1, 2, 3), (0, 1, 1), 0.05, 0.8),
    ((120, 300, 580), (2000, 3000, 5000), 0.01, 0.95),
]

# (control, treatment), alpha, tuning (n*); the first is the README reference (half-width 0.369941).
SEQUENTIAL_CASES = [
    ((30, 40, 80), (20, 45, 100), 0.05, 5000),
    ((30, 40, 80), (20, 45, 100), 0.1, 5000),
    ((30, 40, 80), (20, 45, 100), 0.05, 300),
    ((77, 96, 227), (69, 112, 319), 0.05, 5000),
    ((77, 96, 227), (69, 112, 319), 0.01, 1000),
    ((1, 2, 3), (0, 1, 1), 0.05, 5000),
    ((1200, 3000, 5800), (1100, 2950, 5950), 0.05, 20000),
]

# confidenceSequenceHalfWidth(n, sd, alpha, tuning) on its own, sd on any scale.
HALF_WIDTH_CASES = [(1, 1.0, 0.05, 5000), (10, 0.8, 0.05, 5000), (315, 0.75, 0.05, 5000), (5000, 1.0, 0.05, 5000),
                    (100000, 0.6, 0.05, 5000), (2000, 1.2, 0.1, 100), (2000, 1.2, 0.01, 100000)]


def z(p):
    return float(stats.norm.ppf(p))


def per_respondent_variance(promoter_share, detractor_share):
    return promoter_share + detractor_share - (promoter_share - detractor_share) ** 2


def power_record(promoter_share, detractor_share, points, alpha, power):
    v = per_respondent_variance(promoter_share, detractor_share)
    d = points / 100
    superiority = (z(1 - alpha / 2) + z(power)) ** 2 * 2 * v / d ** 2
    equivalence = (z(1 - alpha) + z(1 - (1 - power) / 2)) ** 2 * 2 * v / d ** 2
    non_inferiority = (z(1 - alpha) + z(power)) ** 2 * 2 * v / d ** 2
    # Back-substitution: SE at n = superiority, power of the test in the direction of the effect.
    se = math.sqrt(2 * v / superiority)
    achieved = float(stats.norm.cdf(d / se - z(1 - alpha / 2)))
    assert abs(achieved - power) < 1e-12, (achieved, power)
    return {"promoterShare": promoter_share, "detractorShare": detractor_share, "points": points, "alpha": alpha,
            "power": power, "variance": v, "superiorityN": superiority, "equivalenceN": equivalence,
            "nonInferiorityN": non_inferiority}


def counts_dict(c):
    return {"detractors": c[0], "passives": c[1], "promoters": c[2]}


def nps_and_variance(c):
    d, s, p = c
    n = d + s + p
    return n, 100 * (p - d) / n, per_respondent_variance(p / n, d / n)


def difference_se_points(control, treatment):
    n_a, nps_a, v_a = nps_and_variance(control)
    n_b, nps_b, v_b = nps_and_variance(treatment)
    return nps_b - nps_a, 100 * math.sqrt(v_a / n_a + v_b / n_b), n_a + n_b


def mde_record(control, treatment, alpha, power):
    _, se, _ = difference_se_points(control, treatment)
    return {"control": counts_dict(control), "treatment": counts_dict(treatment), "alpha": alpha, "power": power,
            "se": se, "mdePoints": (z(1 - alpha / 2) + z(power)) * se}


def rho_squared(alpha, tuning):
    """Mixing variance chosen so the boundary is near its tightest at t = tuning (paper, eq. 161)."""
    log_inverse_alpha = -math.log(alpha)
    return (2 * log_inverse_alpha + math.log(2 * log_inverse_alpha + 1)) / tuning


def boundary_closed_form(t, alpha, r2):
    """Half-width of the unit-variance mean after t observations: normal-mixture boundary / t."""
    return math.sqrt(2 * (t * r2 + 1) / (t * t * r2) * math.log(math.sqrt(t * r2 + 1) / alpha))


def boundary_by_mixture(t, alpha, r2):
    """Solve  E_{lambda ~ N(0, r2)} exp(lambda s - lambda^2 t / 2) = 1/alpha  for the sum s, return s / t."""
    scale = math.sqrt(r2)

    def log_mixture(s):
        # integrand peaks at lambda = s / (t + 1/r2); integrate around it for accuracy.
        peak = s / (t + 1 / r2)
        width = 1 / math.sqrt(t + 1 / r2)
        log_peak = peak * s - peak * peak * t / 2 + stats.norm.logpdf(peak, scale=scale)

        def integrand(lam):
            return math.exp(lam * s - lam * lam * t / 2 + stats.norm.logpdf(lam, scale=scale) - log_peak)
        value, _ = integrate.quad(integrand, peak - 40 * width, peak + 40 * width, epsabs=0, epsrel=1e-13,
                                  limit=200)
        return log_peak + math.log(value)

    upper = 10 * math.sqrt(t) * (1 + math.log(1 / alpha)) + 10 * math.sqrt(t / r2 + 1 / r2 ** 2)
    s = optimize.brentq(lambda s: log_mixture(s) - math.log(1 / alpha), 0.0, upper, xtol=1e-300, rtol=1e-15)
    return s / t


def checked_boundary(t, alpha, tuning):
    r2 = rho_squared(alpha, tuning)
    closed = boundary_closed_form(t, alpha, r2)
    numeric = boundary_by_mixture(t, alpha, r2)
    assert abs(closed - numeric) <= 1e-9 * closed, (t, alpha, tuning, closed, numeric)
    return closed


def sequential_record(control, treatment, alpha, tuning):
    difference, se, total = difference_se_points(control, treatment)
    # Per-observation standard deviation of the difference: sigma^2 = SE^2 * N, N = n_control + n_treatment.
    sigma = se * math.sqrt(total)
    half_width = sigma * checked_boundary(total, alpha, tuning)
    return {"control": counts_dict(control), "treatment": counts_dict(treatment), "alpha": alpha, "tuning": tuning,
            "difference": difference, "se": se, "totalN": total, "halfWidth": half_width,
            "ci": [difference - half_width, difference + half_width]}


def main():
    result = {
        "generator": "test/reference/issue6-generate.py",
        "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__},
        "notes": "Points (-100..100) for effects, margins, SEs and half-widths; shares for baselines. Sample "
                 "sizes per variant before rounding up. Confidence sequence: normal-mixture boundary, closed "
                 "form checked against numerical integration of the mixture martingale (1e-9 relative).",
        "sampleSizes": [power_record(p, d, points, alpha, power)
                        for p, d in BASELINES for points, alpha, power in DESIGNS],
        "minimumDetectableDifference": [mde_record(*case) for case in MDE_CASES],
        "rho": [{"alpha": alpha, "tuning": tuning, "rho": math.sqrt(rho_squared(alpha, tuning))}
                for alpha, tuning in [(0.05, 5000), (0.1, 5000), (0.01, 1000), (0.05, 100)]],
        "halfWidths": [{"n": n, "sd": sd, "alpha": alpha, "tuning": tuning,
                        "halfWidth": sd * checked_boundary(n, alpha, tuning)}
                       for n, sd, alpha, tuning in HALF_WIDTH_CASES],
        "sequential": [sequential_record(*case) for case in SEQUENTIAL_CASES],
    }
    readme = result["sequential"][0]["halfWidth"] / 100
    assert abs(readme - 0.369941) < 1e-6, readme
    with open(os.path.join(HERE, "issue6-cases.json"), "w") as handle:
        json.dump(result, handle, indent=1, allow_nan=False)
        handle.write("\n")


if __name__ == "__main__":
    main()
