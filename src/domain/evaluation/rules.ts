import { type Cell, CODE, type Ctx, clear, gradeRatio, isBinding, type Judge, type Note, settle } from './core.ts';
import type { BoundOp, Indicator } from './types.ts';

/**
 * One judge per target kind. Each fills `ctx.expected` (the path) once, then steps per value. Each
 * has its own copy of the `run` loop: one shared loop would call every kind's `step` from one call
 * site, which V8 cannot inline; a loop per judge made bulk runs about 30 % faster.
 */

const { failed, warning, seriously_behind, behind, no_data, not_assessable, on_track, ahead, achieved } = CODE;
const NaN_ = Number.NaN;

/** Needed average annual rate (percent) to go from `from` to `to` in `years`; NaN when undefined. */
export function requiredRate(from: number, to: number, years: number): number {
  if (!(years > 0) || !(to / from > 0)) return NaN_;
  return ((to / from) ** (1 / years) - 1) * 100;
}

/** Observed compound annual growth (fraction) from `b` to `v` over `years`; NaN when undefined. */
export function cagr(b: number, v: number, years: number): number {
  if (!(years > 0) || !(v / b > 0)) return NaN_;
  return (v / b) ** (1 / years) - 1;
}

/**
 * Level by the end year (森林覆盖率 29.2 → 31.77). Ratio = change achieved / change the path calls
 * for by now. A target on the already-good side of the baseline (事故死亡率 0.021 → 0.03, lower is
 * better) is a ceiling to hold, judged like a bound.
 */
export function levelJudge(ind: Indicator, T: number, path: 'linear' | 'geometric', ctx: Ctx): Judge {
  const b = ind.baseline;
  const sign = ind.direction === 'higher' ? 1 : -1;
  if (!b) return noBaselineJudge(ind, T, ctx);
  const delta = T - b.value;
  if (delta * sign <= 0) return thresholdJudge(ind, 'level.hold', sign > 0 ? '≥' : '≤', () => T, true, ctx);
  const N = ctx.plan.end - b.year;
  const geometric = path === 'geometric' && b.value > 0 && T > 0;
  ctx.facts.forEach((f, i) => {
    const s = Math.min(Math.max(f.elapsed / N, 0), 1);
    ctx.expected[i] = geometric ? b.value * (T / b.value) ** s : b.value + delta * s;
  });
  const { expected, final, config } = ctx;
  const tol = config.tolerance;
  const hard = isBinding(ind);
  const up = Math.sign(delta);
  const b0 = b.value;
  // Figures only reasons and provenance need, kept out of `step` so that the bulk loop can inline it.
  const detail = (i: number, v: number, c: Cell): void => {
    const f = ctx.facts[i]!;
    c.actual = v;
    c.expected = expected[i]!;
    c.requiredRate = requiredRate(v, T, f.remaining);
    c.requiredPerYear = f.remaining > 0 ? (T - v) / f.remaining : NaN_;
  };
  const step = (i: number, v: number, c: Cell) => {
    if (Number.isNaN(v)) return clear(c, 'no_data', no_data);
    const e = expected[i]!;
    const ratio = e === b0 ? NaN_ : (v - b0) / (e - b0);
    const band = !Number.isNaN(ratio) ? gradeRatio(ratio, config) : (v - b0) * up >= 0 ? on_track : behind;
    clear(c, 'path', settle(band, (v - T) * up >= -tol, final[i] === 1, hard));
    c.ratio = ratio;
    if (c.full) detail(i, v, c);
  };
  return {
    rule: geometric ? 'level.geometric' : 'level.linear',
    reset() {},
    step,
    run(values: Float64Array, off: number, count: number, out: Uint8Array, c: Cell) {
      for (let i = 0; i < count; i++) {
        step(i, values[off + i]!, c);
        out[off + i] = c.code;
      }
    },
  };
}

/** Level target without a baseline: only "reached or not" can be said until the end year. */
function noBaselineJudge(ind: Indicator, T: number, ctx: Ctx): Judge {
  const sign = ind.direction === 'higher' ? 1 : -1;
  const cfg = ctx.config;
  const step = (i: number, v: number, c: Cell) => {
    if (Number.isNaN(v)) return clear(c, 'no_data', no_data);
    const f = ctx.facts[i]!;
    const met = (v - T) * sign >= -cfg.tolerance;
    const shortfall = T === 0 ? Math.abs(v) : Math.abs(T - v) / Math.abs(T);
    const late = isBinding(ind)
      ? failed
      : shortfall <= cfg.bound.seriousExcess + cfg.tolerance
        ? behind
        : seriously_behind;
    clear(c, met ? 'path' : f.final ? 'path' : 'no_baseline', 0);
    c.code = met ? settle(on_track, true, f.final, false) : f.final ? late : not_assessable;
    c.actual = v;
    c.expected = T;
    c.requiredRate = requiredRate(v, T, f.remaining);
    c.requiredPerYear = f.remaining > 0 ? (T - v) / f.remaining : NaN_;
  };
  return {
    rule: 'level.no_baseline',
    reset() {},
    step,
    run(values: Float64Array, off: number, count: number, out: Uint8Array, c: Cell) {
      for (let i = 0; i < count; i++) {
        step(i, values[off + i]!, c);
        out[off + i] = c.code;
      }
    },
  };
}

/**
 * Average annual growth, observations are the quantity itself: path b·(1+g)^t; ratio = observed
 * CAGR / target rate (Open SDG). A rate of 0 means "hold the baseline".
 */
export function growthJudge(ind: Indicator, ratePct: number, ctx: Ctx): Judge {
  const b = ind.baseline;
  if (!b || !(b.value > 0)) return constantJudge('growth.cagr_ratio', 'no_baseline');
  const sgn = ind.direction === 'higher' ? 1 : -1;
  if (ratePct === 0) return thresholdJudge(ind, 'level.hold', sgn > 0 ? '≥' : '≤', () => b.value, true, ctx);
  const g = ratePct / 100;
  const up = Math.sign(g);
  const L = b.value * (1 + g) ** (ctx.plan.end - b.year);
  // Ratio bands as levels: cagr/g ≥ k ⇔ v ≥ b·(1+k·g)^t (≤ when g < 0), so no power per value.
  const { ahead: kA, onTrack: kO, behind: kB } = ctx.config.ratio;
  const levels = ctx.facts.map((f) => {
    const t = Math.max(0, f.elapsed);
    return [kA, kO, kB].map((k) => b.value * Math.max(0, 1 + k * g) ** t);
  });
  const flat = Float64Array.from(levels.flat());
  ctx.facts.forEach((f, i) => {
    ctx.expected[i] = b.value * (1 + g) ** Math.max(0, f.elapsed);
  });
  const slack = -ctx.config.tolerance * Math.abs(L);
  const final = ctx.final;
  const hard = isBinding(ind);
  // Figures only reasons and provenance need, kept out of `step` so that the bulk loop can inline it.
  const detail = (i: number, v: number, c: Cell): void => {
    const f = ctx.facts[i]!;
    const observed = cagr(b.value, v, f.elapsed);
    c.ratio = observed / g;
    c.extra = observed * 100;
    c.actual = v;
    c.expected = ctx.expected[i]!;
    c.requiredRate = requiredRate(v, L, f.remaining);
  };
  const step = (i: number, v: number, c: Cell) => {
    if (Number.isNaN(v)) return clear(c, 'no_data', no_data);
    const la = flat[3 * i]!;
    const lo = flat[3 * i + 1]!;
    const lb = flat[3 * i + 2]!;
    let band = on_track;
    if (la !== b.value) {
      band =
        (v - la) * up >= 0 ? ahead : (v - lo) * up >= 0 ? on_track : (v - lb) * up >= 0 ? behind : seriously_behind;
    }
    clear(c, 'path', settle(band, (v - L) * up >= slack, final[i] === 1, hard));
    if (c.full) detail(i, v, c);
  };
  return {
    rule: 'growth.cagr_ratio',
    reset() {},
    step,
    run(values: Float64Array, off: number, count: number, out: Uint8Array, c: Cell) {
      for (let i = 0; i < count; i++) {
        step(i, values[off + i]!, c);
        out[off + i] = c.code;
      }
    },
  };
}

/**
 * Average annual growth, observations are each year's growth rate (GDP 增长率 %). Years compound:
 * the observed average is the geometric mean of (1 + rate) over the years reported so far; a
 * sub-annual value (year-to-date rate) stands in for its year until the year closes.
 */
export function rateJudge(ind: Indicator, ratePct: number, ctx: Ctx): Judge {
  const g = ratePct / 100;
  const years = ctx.plan.end - ctx.plan.start + 1;
  const need = Math.log1p(g) * years;
  ctx.expected.fill(ratePct);
  const dir = g === 0 ? (ind.direction === 'higher' ? 1 : -1) : Math.sign(g);
  // Ratio bands on the mean log growth: avg/g ≥ k ⇔ mean log ≥ log(1 + k·g) (≤ when g < 0).
  const { ahead: kA, onTrack: kO, behind: kB } = ctx.config.ratio;
  const [la, lo, lb] = [kA, kO, kB].map((k) => Math.log1p(k * g)) as [number, number, number];
  const tol = ctx.config.tolerance;
  const hard = isBinding(ind);
  let sumLog = 0;
  let n = 0;
  // Figures only reasons and provenance need, kept out of `step` so that the bulk loop can inline it.
  const detail = (i: number, c: Cell, avgLog: number, years: number, done: number): void => {
    const f = ctx.facts[i]!;
    const avg = Math.expm1(avgLog);
    c.actual = avg * 100;
    c.expected = ratePct;
    c.ratio = g === 0 ? NaN_ : avg / g;
    c.extra = years;
    const rem = ctx.plan.end - f.year;
    c.requiredRate = rem > 0 ? Math.expm1((need - done) / rem) * 100 : NaN_;
  };
  const step = (i: number, v: number, c: Cell) => {
    if (Number.isNaN(v) || v <= -100) return clear(c, 'no_data', no_data);
    const f = ctx.facts[i]!;
    const cur = Math.log1p(v / 100);
    const avgLog = (sumLog + cur) / (n + 1);
    const years = n + 1;
    if (f.yearEnd) {
      sumLog += cur;
      n++;
    }
    let band = avgLog * dir >= 0 ? on_track : behind;
    if (g !== 0) {
      const a = avgLog * dir;
      band = a >= la * dir ? ahead : a >= lo * dir ? on_track : a >= lb * dir ? behind : seriously_behind;
    }
    const done = avgLog * Math.max(1, f.year - ctx.plan.start + 1);
    const met = f.final ? (avgLog - Math.log1p(g)) * dir >= -tol : (done - need) * dir >= -tol;
    clear(c, 'rate', settle(band, met, f.final, hard));
    if (c.full) detail(i, c, avgLog, years, done);
  };
  return {
    rule: 'growth.rate_ratio',
    reset() {
      sumLog = 0;
      n = 0;
    },
    step,
    run(values: Float64Array, off: number, count: number, out: Uint8Array, c: Cell) {
      for (let i = 0; i < count; i++) {
        step(i, values[off + i]!, c);
        out[off + i] = c.code;
      }
    },
  };
}

/** Total over the plan (`[1300]`): the path is the pro-rata share, 时间过半、任务过半. */
export function cumulativeJudge(ind: Indicator, total: number, basis: 'flow' | 'to_date', ctx: Ctx): Judge {
  ctx.facts.forEach((f, i) => {
    ctx.expected[i] = total * f.fraction;
  });
  let sum = 0;
  let missing = 0;
  const { expected, final, config } = ctx;
  const tol = config.tolerance;
  const hard = isBinding(ind);
  // Figures only reasons and provenance need, kept out of `step` so that the bulk loop can inline it.
  const detail = (i: number, c: Cell): void => {
    const f = ctx.facts[i]!;
    c.actual = sum;
    c.expected = expected[i]!;
    c.extra2 = missing;
    c.requiredPerYear = f.remaining > 0 ? Math.max(0, total - sum) / f.remaining : NaN_;
  };
  const step = (i: number, v: number, c: Cell) => {
    if (Number.isNaN(v)) {
      missing++;
      return clear(c, 'no_data', no_data);
    }
    sum = basis === 'flow' ? sum + v : v;
    const e = expected[i]!;
    const ratio = e > 0 ? sum / e : NaN_;
    const band = !Number.isNaN(ratio) ? gradeRatio(ratio, config) : on_track;
    clear(c, 'cumulative', settle(band, sum >= total - tol, final[i] === 1, hard));
    c.ratio = ratio;
    if (c.full) detail(i, c);
  };
  return {
    rule: 'cumulative.pro_rata',
    reset() {
      sum = 0;
      missing = 0;
    },
    step,
    run(values: Float64Array, off: number, count: number, out: Uint8Array, c: Cell) {
      for (let i = 0; i < count; i++) {
        step(i, values[off + i]!, c);
        out[off + i] = c.code;
      }
    },
  };
}

export function meetsBound(v: number, op: BoundOp, x: number, tol: number): boolean {
  switch (op) {
    case '≥':
      return v >= x - tol;
    case '≤':
      return v <= x + tol;
    case '>':
      return v > x;
    case '<':
      return v < x;
  }
}

/**
 * A value that must hold: a bound every period (`bound.every_period`, `level.hold`) or a yearly
 * provincial assignment (`provincial.yearly`, judged against its own year; final at year end).
 * `extra` = margin: how far inside the bound, as a share of it (negative = outside).
 * `extra2` = index of the first period that broke a bound (bounds must hold every year).
 */
export function thresholdJudge(
  ind: Indicator,
  rule: string,
  op: BoundOp,
  thresholdAt: (i: number) => number,
  everyPeriod: boolean,
  ctx: Ctx,
): Judge {
  ctx.facts.forEach((_f, i) => {
    ctx.expected[i] = thresholdAt(i);
  });
  const { config: cfg, expected } = ctx;
  const hard = isBinding(ind);
  let firstBreach = -1;
  const step = (i: number, v: number, c: Cell) => {
    const x = expected[i]!;
    if (Number.isNaN(x)) return clear(c, 'no_assignment', not_assessable);
    if (Number.isNaN(v)) return clear(c, 'no_data', no_data);
    const f = ctx.facts[i]!;
    const final = everyPeriod ? f.final : f.yearEnd;
    const up = op === '≥' || op === '>';
    const margin = x === 0 ? (up ? v : -v) : (up ? v - x : x - v) / Math.abs(x);
    clear(c, 'bound', on_track);
    c.actual = v;
    c.expected = x;
    c.extra = margin;
    if (!meetsBound(v, op, x, cfg.tolerance)) {
      if (firstBreach < 0 && everyPeriod) firstBreach = i;
      c.extra2 = firstBreach;
      const soft = -margin <= cfg.bound.seriousExcess + cfg.tolerance ? behind : seriously_behind;
      c.code = hard ? (everyPeriod || final ? failed : warning) : soft;
      return;
    }
    c.extra2 = firstBreach;
    if (final && firstBreach >= 0) c.code = hard ? failed : behind;
    else if (final) c.code = achieved;
    else if (hard && margin < cfg.bound.warningMargin) c.code = warning;
  };
  return {
    rule,
    op,
    reset() {
      firstBreach = -1;
    },
    step,
    run(values: Float64Array, off: number, count: number, out: Uint8Array, c: Cell) {
      for (let i = 0; i < count; i++) {
        step(i, values[off + i]!, c);
        out[off + i] = c.code;
      }
    },
  };
}

/**
 * No numeric target, only a better direction (Open SDG method 1): the observed CAGR from the baseline,
 * signed so that positive is good, against bands 1.5 % / 0.5 % / 0. Near a natural limit (a 98 %
 * coverage rate cannot grow 1.5 % a year) the positive bands shrink by C = 1 − (y0/limit)^a.
 */
export function trendJudge(ind: Indicator, ctx: Ctx): Judge {
  const b = ind.baseline;
  if (!b || b.value === 0) return constantJudge('trend.cagr', 'no_baseline');
  const cfg = ctx.config.trend;
  const good = ind.direction === 'higher' ? 1 : -1;
  // Only a limit that lies the good way matters: a 100 % cap does not slow a rate meant to fall.
  const limit = ind.naturalLimit ?? null;
  const C = limit !== null && good * (limit - b.value) >= 0 ? limitFactor(b.value, limit, cfg.limitExponent) : 1;
  const s = good * Math.sign(b.value);
  // s·CAGR ≥ x ⇔ good·(v − b·(1 + s·x)^t) ≥ 0 (Open SDG signs by direction and by the baseline's
  // sign): the bands become levels, computed once per period.
  const levels = Float64Array.from(
    ctx.facts.flatMap((f) =>
      [cfg.high * C, cfg.medium * C].map((x) => b.value * Math.max(0, 1 + (s * x) / 100) ** f.elapsed),
    ),
  );
  const elapsed = Float64Array.from(ctx.facts, (f) => f.elapsed);
  const final = ctx.final;
  const hard = isBinding(ind);
  // Figures only reasons and provenance need, kept out of `step` so that the bulk loop can inline it.
  const detail = (i: number, v: number, c: Cell): void => {
    const f = ctx.facts[i]!;
    c.actual = v;
    c.ratio = s * cagr(b.value, v, f.elapsed) * 100;
    c.extra = C;
  };
  const step = (i: number, v: number, c: Cell) => {
    if (Number.isNaN(v)) return clear(c, 'no_data', no_data);
    const hi = levels[2 * i]!;
    const mid = levels[2 * i + 1]!;
    let code = not_assessable;
    if (v / b.value > 0 && elapsed[i]! > 0) {
      code = good * (v - hi) >= 0 ? on_track : good * (v - mid) >= 0 ? behind : seriously_behind;
      if (hard && code !== on_track && final[i] === 0) code = warning;
    }
    clear(c, 'trend', code);
    if (c.full) detail(i, v, c);
  };
  return {
    rule: 'trend.cagr',
    reset() {},
    step,
    run(values: Float64Array, off: number, count: number, out: Uint8Array, c: Cell) {
      for (let i = 0; i < count; i++) {
        step(i, values[off + i]!, c);
        out[off + i] = c.code;
      }
    },
  };
}

/** Open SDG's narrowing factor C for a base value `y0` near a natural limit (1 when there is none). */
export function limitFactor(y0: number, limit: number | null, a: number): number {
  if (limit === null) return 1;
  const base = Math.abs(y0);
  const lim = Math.abs(limit);
  if (base >= 2 * lim) return 1;
  if (base <= lim) return 1 - (base / lim) ** a;
  return 1 - ((2 * lim - base) / lim) ** a;
}

export function constantJudge(rule: string, note: Note): Judge {
  return { rule, reset() {}, step: (_i: number, _v: number, c: Cell) => clear(c, note, not_assessable) };
}
