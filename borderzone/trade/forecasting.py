"""Monthly turnover forecasts: exponential smoothing and seasonal ARIMA fitted on the log of the
history, the one with the lower error in a rolling-origin backtest chosen, its error shown beside a
seasonal-naive forecast's; and policy-shock scenarios applied to a stored forecast.

Pure functions over numbers: the task in tasks.py reads the database and stores the result."""

from __future__ import annotations

import datetime as dt
import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np

SEASON = 12
MAX_HORIZON = 24
MIN_HISTORY = 2 * SEASON + 1
BACKTEST_HORIZON = 12
BACKTEST_ORIGINS = 3
Z80 = 1.2815515655446004
Z95 = 1.959963984540054

MODEL_LABELS = {
    "holt_winters": "Holt-Winters exponential smoothing (damped trend, additive seasonality) on log values",
    "sarima": "SARIMA(0,1,1)(0,1,1)12 on log values",
    "seasonal_naive": "seasonal naive (same month last year)",
}


@dataclass
class Forecast:
    mean: np.ndarray
    lo80: np.ndarray
    hi80: np.ndarray
    lo95: np.ndarray
    hi95: np.ndarray


def _fit_holt_winters(log_y: np.ndarray, horizon: int) -> Forecast:
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    fitted = ExponentialSmoothing(log_y, trend="add", damped_trend=True, seasonal="add", seasonal_periods=SEASON).fit()
    # Intervals from simulated future paths with the fitted model's residual errors.
    paths = np.asarray(fitted.simulate(horizon, repetitions=2000, error="add", anchor="end", random_state=0))
    paths = paths.reshape(horizon, -1)
    lo95, lo80, hi80, hi95 = np.percentile(paths, [2.5, 10, 90, 97.5], axis=1)
    return Forecast(mean=np.asarray(fitted.forecast(horizon)), lo80=lo80, hi80=hi80, lo95=lo95, hi95=hi95)


def _fit_sarima(log_y: np.ndarray, horizon: int) -> Forecast:
    from statsmodels.tsa.statespace.sarimax import SARIMAX

    # The scale concentrated out and no parameter covariance: the same forecast, several times faster.
    model = SARIMAX(log_y, order=(0, 1, 1), seasonal_order=(0, 1, 1, SEASON), concentrate_scale=True)
    fitted = model.fit(disp=False, maxiter=100, cov_type="none")
    pred = fitted.get_forecast(steps=horizon)
    ci80 = np.asarray(pred.conf_int(alpha=0.2))
    ci95 = np.asarray(pred.conf_int(alpha=0.05))
    return Forecast(
        mean=np.asarray(pred.predicted_mean),
        lo80=ci80[:, 0],
        hi80=ci80[:, 1],
        lo95=ci95[:, 0],
        hi95=ci95[:, 1],
    )


FITTERS: dict[str, Callable[[np.ndarray, int], Forecast]] = {"holt_winters": _fit_holt_winters, "sarima": _fit_sarima}


def seasonal_naive(y: np.ndarray, horizon: int) -> np.ndarray:
    last = y[-SEASON:]
    return np.array([last[i % SEASON] for i in range(horizon)], dtype=float)


def mape(actual: np.ndarray, predicted: np.ndarray) -> float:
    """Mean absolute percentage error over the months whose actual value is not zero."""
    mask = actual != 0
    if not mask.any():
        return math.nan
    return float(np.mean(np.abs((actual[mask] - predicted[mask]) / actual[mask])))


def fit(name: str, y: np.ndarray, horizon: int) -> Forecast:
    """Fit a candidate on log(1 + y) and bring the forecast and its intervals back to values."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = FITTERS[name](np.log1p(np.maximum(y, 0)), horizon)
    back = [np.maximum(np.expm1(a), 0) for a in (result.mean, result.lo80, result.hi80, result.lo95, result.hi95)]
    return Forecast(*back)


def backtest(y: np.ndarray, progress: Callable[[], None] = lambda: None) -> tuple[dict[str, float], float, int]:
    """Rolling-origin backtest: from each of the last origins, forecast the next 12 months.

    Returns each candidate's MAPE, the seasonal-naive MAPE and the number of origins used."""
    origins = [len(y) - BACKTEST_HORIZON * k for k in range(BACKTEST_ORIGINS, 0, -1)]
    origins = [o for o in origins if o >= MIN_HISTORY]
    if not origins:
        origins = [max(MIN_HISTORY - 1, len(y) - BACKTEST_HORIZON)]
    errors: dict[str, list[float]] = {name: [] for name in FITTERS}
    naive: list[float] = []
    for origin in origins:
        train, test = y[:origin], y[origin : origin + BACKTEST_HORIZON]
        if len(test) == 0 or len(train) < SEASON + 1:
            continue
        naive.append(mape(test, seasonal_naive(train, len(test))))
        for name in FITTERS:
            try:
                errors[name].append(mape(test, fit(name, train, len(test)).mean))
            except Exception:  # noqa: BLE001 - a model that fails to fit is simply not chosen
                errors[name].append(math.inf)
            progress()
    scores = {name: float(np.nanmean(v)) if v else math.inf for name, v in errors.items()}
    return scores, float(np.nanmean(naive)) if naive else math.nan, len(origins)


def steps_for(length: int) -> int:
    return BACKTEST_ORIGINS * len(FITTERS) + 1


def forecast_series(
    y: np.ndarray, horizon: int = MAX_HORIZON, progress: Callable[[], None] = lambda: None
) -> dict[str, Any]:
    """Choose a model by backtest and forecast `horizon` months with 80 % and 95 % intervals."""
    if len(y) < MIN_HISTORY:
        raise ValueError(f"A forecast needs at least {MIN_HISTORY} months of history; there are {len(y)}.")
    scores, naive_mape, origins = backtest(y, progress)
    chosen = min(scores, key=lambda name: scores[name])
    if not math.isfinite(scores[chosen]):
        chosen = "seasonal_naive"
        mean = seasonal_naive(y, horizon)
        spread = np.std(y[SEASON:] - y[:-SEASON]) if len(y) > SEASON else 0.0
        steps = np.sqrt(np.arange(1, horizon + 1) / SEASON + 1)
        result = Forecast(
            mean,
            np.maximum(mean - Z80 * spread * steps, 0),
            mean + Z80 * spread * steps,
            np.maximum(mean - Z95 * spread * steps, 0),
            mean + Z95 * spread * steps,
        )
        model_mape = naive_mape
    else:
        result = fit(chosen, y, horizon)
        model_mape = scores[chosen]
    progress()
    return {
        "model": chosen,
        "model_label": MODEL_LABELS[chosen],
        "mape": model_mape,
        "naive_mape": naive_mape,
        "candidates": scores,
        "beats_naive": bool(math.isfinite(naive_mape) and model_mape < naive_mape),
        "origins": origins,
        "mean": result.mean.tolist(),
        "lo80": result.lo80.tolist(),
        "hi80": result.hi80.tolist(),
        "lo95": result.lo95.tolist(),
        "hi95": result.hi95.tolist(),
    }


# --- scenarios ---


@dataclass(frozen=True)
class Shock:
    """A policy shock: a gate closed for some months, and/or a fall of some percent in one direction,
    from a month on, followed by a linear recovery to the forecast over some months."""

    start: dt.date
    closed_months: int = 0
    closed_share: float = 0.0  # the part of the series' trade that goes through the closed gate
    fall_percent: float = 0.0
    fall_months: int = 0  # 0: the fall lasts to the end of the horizon
    fall_share: float = 0.0  # the part of the series' trade in the direction that falls
    recovery_months: int = 0


def _level(index: int, duration: int, recovery: int, low: float) -> float:
    """The fraction of normal trade `index` months after the shock began."""
    if index < 0:
        return 1.0
    if duration == 0 or index < duration:
        return low
    k = index - duration + 1
    if recovery and k <= recovery:
        return low + (1 - low) * k / (recovery + 1)
    return 1.0


def scenario_factors(months: list[dt.date], shock: Shock) -> list[float]:
    """For each forecast month, scenario turnover / forecast turnover."""
    factors = []
    for month in months:
        index = (month.year - shock.start.year) * 12 + month.month - shock.start.month
        factor = 1.0
        if shock.closed_months > 0 and shock.closed_share > 0:
            level = _level(index, shock.closed_months, shock.recovery_months, 0.0)
            factor -= shock.closed_share * (1 - level)
        if shock.fall_percent > 0 and shock.fall_share > 0:
            low = 1 - min(shock.fall_percent, 100) / 100
            level = _level(index, shock.fall_months, shock.recovery_months if shock.fall_months else 0, low)
            factor -= shock.fall_share * (1 - level)
        factors.append(max(factor, 0.0))
    return factors


def money(value: float) -> Decimal:
    return Decimal(round(value))
