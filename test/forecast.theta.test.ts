import { describe, expect, it } from 'vitest';
import { fitTheta, thetaFilter, thetaForecast, thetaLogForecast, thetaWith } from '../src/forecast/theta.js';

// AirPassengers (Box & Jenkins 1976), monthly totals 1949–1960.
const AIR = [
  112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118, 115, 126, 141, 135, 125, 149, 170, 170, 158, 133, 114, 140,
  145, 150, 178, 163, 172, 178, 199, 199, 184, 162, 146, 166, 171, 180, 193, 181, 183, 218, 230, 242, 209, 191, 172, 194,
  196, 196, 236, 235, 229, 243, 264, 272, 237, 211, 180, 201, 204, 188, 235, 227, 234, 264, 302, 293, 259, 229, 203, 229,
  242, 233, 267, 269, 270, 315, 364, 347, 312, 274, 237, 278, 284, 277, 317, 313, 318, 374, 413, 405, 355, 306, 271, 306,
  315, 301, 356, 348, 355, 422, 465, 467, 404, 347, 305, 336, 340, 318, 362, 348, 363, 435, 491, 505, 404, 359, 310, 337,
  360, 342, 406, 396, 420, 472, 548, 559, 463, 407, 362, 405, 417, 391, 419, 461, 472, 535, 622, 606, 508, 461, 390, 432,
];

describe('Theta (standard theta model, theta = 2)', () => {
  it('reproduces R forecTheta::stm(AirPassengers, s = FALSE, estimation = FALSE) with ℓ0 = 56, α = 0.5', () => {
    // Reference values from R's forecTheta (Fiorucci et al. 2016), as recorded in statsforecast's test suite:
    // fitted values 101.1550, 107.9061 (first two) and 449.1692 (last); forecasts 441.9132 … 447.2276.
    const fit = thetaWith(AIR, 0.5, 56);
    const fitted = new Float64Array(AIR.length);
    thetaFilter(AIR, 0.5, 56, 2, { a: fit.a, b: fit.b }, fitted);
    expect(fitted[0]).toBeCloseTo(101.155, 2);
    expect(fitted[1]).toBeCloseTo(107.9061, 2);
    expect(fitted[AIR.length - 1]).toBeCloseTo(449.1692, 2);
    const f = thetaForecast(fit, 5);
    const ref = [441.9132, 443.2418, 444.5704, 445.899, 447.2276];
    ref.forEach((v, i) => expect(f[i]).toBeCloseTo(v, 3));
  });

  it('estimates α and ℓ0 by least squares: no worse than the fixed reference parameters', () => {
    const fixed = thetaWith(AIR, 0.5, 56);
    const est = fitTheta(AIR);
    expect(est.alpha).toBeGreaterThan(0);
    expect(est.alpha).toBeLessThan(1);
    expect(est.sigma).toBeLessThanOrEqual(fixed.sigma + 1e-9);
  });

  it('on the log scale detects the seasonality and forecasts the next year within 10 %', () => {
    const z = Float64Array.from(AIR.slice(0, 132), (v) => Math.log1p(v));
    const f = thetaLogForecast(z, 12);
    expect(f.seasonal).toBe(true);
    const truth = AIR.slice(132);
    const mape = truth.reduce((s, v, i) => s + Math.abs(Math.expm1(f.mean[i]!) - v) / v, 0) / 12;
    expect(mape).toBeLessThan(0.1);
    for (let i = 1; i < 12; i++) expect(f.sd[i]).toBeGreaterThanOrEqual(f.sd[i - 1]!);
  });
});
