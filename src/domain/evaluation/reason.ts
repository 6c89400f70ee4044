import type { Compiled } from './compile.ts';
import type { Cell, PeriodFacts } from './core.ts';
import { type BoundOp, type Inputs, STATUS_LABELS, type Status } from './types.ts';

/**
 * One sentence in Chinese and English per result, naming the numbers it was judged on, e.g.
 * "2023年实际值 5.8%，按规划路径应达 6.2%，完成进度比 0.82，属于滞后。" The fact clause depends on
 * the rule; the verdict clause on the status.
 */

/** Numbers as offices print them: at most 2 decimals above 100, 4 significant digits below. */
export function fmt(n: number): string {
  if (!Number.isFinite(n)) return '—';
  const r = Math.abs(n) >= 100 ? Math.round(n * 100) / 100 : Number(n.toPrecision(4));
  return String(Object.is(r, -0) ? 0 : r);
}

const ratioText = (r: number) => (Number.isFinite(r) ? r.toFixed(2) : '—');

const OP_ZH: Record<BoundOp, string> = { '≥': '不低于', '≤': '不高于', '>': '高于', '<': '低于' };
const OP_EN: Record<BoundOp, string> = { '≥': 'at least', '≤': 'at most', '>': 'above', '<': 'below' };

type Pair = { zh: string; en: string };

function verdict(status: Status, binding: boolean): Pair {
  const l = STATUS_LABELS[status];
  if (status === 'warning')
    return { zh: '约束性指标存在不达标风险，属于预警', en: 'a binding indicator at risk: warning' };
  if (status === 'failed' && binding)
    return { zh: '约束性指标未达到要求，属于未达标', en: 'a binding indicator short of its requirement: failed' };
  return { zh: `属于${l.zh}`, en: l.en };
}

export function reasonFor(c: Compiled, f: PeriodFacts, cell: Cell, status: Status): Pair {
  const fact = factClause(c, f, cell, c.judge.op ?? null);
  const v = verdict(status, c.indicator.attribute === 'binding');
  return { zh: `${fact.zh}，${v.zh}。`, en: `${fact.en}: ${v.en}.` };
}

function factClause(c: Compiled, f: PeriodFacts, cell: Cell, boundOp: BoundOp | null): Pair {
  const u = c.indicator.unit;
  const P = f.label;
  const a = fmt(cell.actual);
  const e = fmt(cell.expected);
  const r = ratioText(cell.ratio);
  const end = c.plan.end;
  const t = c.indicator.target;
  switch (cell.note) {
    case 'no_data':
      return { zh: `${P.zh}尚无实际值`, en: `No value reported for ${P.en}` };
    case 'no_target':
      return { zh: '该指标未设定量化目标', en: 'The indicator has no quantified target' };
    case 'unresolved': {
      const id = t.kind === 'relative' ? t.indicatorId : '?';
      return {
        zh: `目标取自指标 ${id}，但未能解析`,
        en: `The target refers to indicator ${id}, which could not be resolved`,
      };
    }
    case 'no_assignment':
      return {
        zh: `省下达${f.year}年任务尚未录入`,
        en: `The provincial assignment for ${f.year} has not been entered`,
      };
    case 'no_baseline':
      if (Number.isNaN(cell.actual)) {
        return { zh: '缺少基期值，无法计算进度', en: 'Without a baseline progress cannot be measured' };
      }
      return {
        zh: `${P.zh}实际值 ${a}${u}，尚未达到${end}年目标 ${e}${u}，缺少基期值无法计算进度`,
        en: `${P.en} actual ${a}${u}, not yet at the ${end} target ${e}${u}; without a baseline progress cannot be measured`,
      };
    case 'path':
      return pathClause(c, f, cell, { a, e, r, u, end });
    case 'rate':
      return {
        zh: `${c.plan.start}年以来年均增长 ${fmt(cell.actual)}%（${cell.extra}年数据），规划目标年均增长 ${e}%，完成进度比 ${r}`,
        en: `Average growth since ${c.plan.start} ${fmt(cell.actual)}% (${cell.extra} years of data) against a target of ${e}% a year; progress ratio ${r}`,
      };
    case 'cumulative': {
      const total = t.kind === 'cumulative' ? fmt(t.total) : '—';
      const pct = fmt(f.fraction * 100);
      return {
        zh: `截至${P.zh}累计完成 ${a}${u}，按时间进度（${pct}%）应完成 ${e}${u}，规划累计目标 ${total}${u}，完成进度比 ${r}`,
        en: `Total to ${P.en} ${a}${u}; at ${pct}% of the plan's time ${e}${u} was due of the ${total}${u} target; progress ratio ${r}`,
      };
    }
    case 'bound':
      return boundClause(c, f, cell, boundOp ?? '≥', { a, e, u });
    case 'trend':
      return trendClause(c, cell, a, u);
  }
}

interface Nums {
  a: string;
  e: string;
  r: string;
  u: string;
  end: number;
}

function pathClause(c: Compiled, f: PeriodFacts, cell: Cell, n: Nums): Pair {
  const P = f.label;
  const t = c.indicator.target;
  if (t.kind === 'growth') {
    return {
      zh: `${P.zh}实际值 ${n.a}${n.u}，按年均增长 ${fmt(t.ratePct)}% 的规划路径应达 ${n.e}${n.u}，实际年均增长 ${fmt(cell.extra)}%，完成进度比 ${n.r}`,
      en: `${P.en} actual ${n.a}${n.u}; growing ${fmt(t.ratePct)}% a year it should be ${n.e}${n.u}; observed ${fmt(cell.extra)}% a year, progress ratio ${n.r}`,
    };
  }
  const T = t.kind === 'level' ? `${fmt(t.value)}${n.u}` : '—';
  if (!Number.isFinite(cell.ratio)) {
    return {
      zh: `${P.zh}实际值 ${n.a}${n.u}，${n.end}年目标 ${T}`,
      en: `${P.en} actual ${n.a}${n.u}, ${n.end} target ${T}`,
    };
  }
  return {
    zh: `${P.zh}实际值 ${n.a}${n.u}，按规划路径应达 ${n.e}${n.u}（${n.end}年目标 ${T}），完成进度比 ${n.r}`,
    en: `${P.en} actual ${n.a}${n.u}; the plan's path calls for ${n.e}${n.u} (${n.end} target ${T}); progress ratio ${n.r}`,
  };
}

function boundClause(
  c: Compiled,
  f: PeriodFacts,
  cell: Cell,
  op: BoundOp,
  n: { a: string; e: string; u: string },
): Pair {
  const P = f.label;
  const provincial = c.indicator.target.kind === 'provincial';
  const req = provincial
    ? {
        zh: `省下达${f.year}年任务为${OP_ZH[op]} ${n.e}${n.u}`,
        en: `the province assigned ${OP_EN[op]} ${n.e}${n.u} for ${f.year}`,
      }
    : { zh: `要求${OP_ZH[op]} ${n.e}${n.u}`, en: `required ${OP_EN[op]} ${n.e}${n.u}` };
  const breachAt = cell.extra2 >= 0 ? c.facts[cell.extra2] : undefined;
  const earlier =
    breachAt && breachAt !== f
      ? { zh: `，但${breachAt.label.zh}曾突破该要求`, en: `, but it was broken in ${breachAt.label.en}` }
      : { zh: '', en: '' };
  return {
    zh: `${P.zh}实际值 ${n.a}${n.u}，${req.zh}${earlier.zh}`,
    en: `${P.en} actual ${n.a}${n.u}, ${req.en}${earlier.en}`,
  };
}

function trendClause(c: Compiled, cell: Cell, a: string, u: string): Pair {
  const b = c.indicator.baseline;
  const cfg = c.config.trend;
  const C = cell.extra;
  const narrowed =
    C < 1
      ? {
          zh: `（接近自然极限 ${fmt(c.indicator.naturalLimit ?? Number.NaN)}${u}，阈值乘以系数 ${C.toFixed(3)}）`,
          en: ` (near the natural limit ${fmt(c.indicator.naturalLimit ?? Number.NaN)}${u}, bands scaled by ${C.toFixed(3)})`,
        }
      : { zh: '', en: '' };
  const hi = fmt(cfg.high * C);
  const mid = fmt(cfg.medium * C);
  return {
    zh: `基期${b?.year}年 ${fmt(b?.value ?? Number.NaN)}${u}，现为 ${a}${u}，向好方向年均变化 ${fmt(cell.ratio)}%；无量化目标，按 ${hi}%/${mid}% 的趋势阈值判断${narrowed.zh}`,
    en: `From ${fmt(b?.value ?? Number.NaN)}${u} in ${b?.year} to ${a}${u}, ${fmt(cell.ratio)}% a year in the good direction; no target, judged on trend bands ${hi}%/${mid}%${narrowed.en}`,
  };
}

/** The numbers behind a result, for "where does this number come from?". */
export function inputsFor(c: Compiled, f: PeriodFacts, cell: Cell): Inputs {
  const ind = c.indicator;
  const t = ind.target;
  const num = (x: number) => (Number.isFinite(x) ? x : null);
  const base: Inputs = {
    period: f.key,
    attribute: ind.attribute,
    direction: ind.direction,
    targetKind: t.kind,
    planStart: c.plan.start,
    planEnd: c.plan.end,
    baselineYear: ind.baseline?.year ?? null,
    baselineValue: ind.baseline?.value ?? null,
    elapsedYears: num(f.elapsed),
    fractionElapsed: num(f.fraction),
    remainingYears: num(f.remaining),
    actual: num(cell.actual),
    expected: num(cell.expected),
    ratio: num(cell.ratio),
  };
  if (t.kind === 'level') Object.assign(base, { target: t.value, path: t.path ?? 'linear' });
  if (t.kind === 'growth') Object.assign(base, { targetRatePct: t.ratePct, measure: t.measure ?? 'level' });
  if (t.kind === 'cumulative') Object.assign(base, { targetTotal: t.total, basis: t.basis ?? 'flow' });
  if (t.kind === 'bound') Object.assign(base, { op: t.op, bound: t.value });
  Object.assign(base, ruleInputs(c, cell));
  return base;
}

function ruleInputs(c: Compiled, cell: Cell): Inputs {
  const cfg = c.config;
  const num = (x: number) => (Number.isFinite(x) ? x : null);
  const bands = { aheadRatio: cfg.ratio.ahead, onTrackRatio: cfg.ratio.onTrack, behindRatio: cfg.ratio.behind };
  switch (cell.note) {
    case 'path':
      return c.indicator.target.kind === 'growth' ? { ...bands, observedRatePct: num(cell.extra) } : bands;
    case 'rate':
      return { ...bands, averageRatePct: num(cell.actual), yearsObserved: num(cell.extra) };
    case 'cumulative':
      return { ...bands, totalToDate: num(cell.actual), periodsMissing: num(cell.extra2) };
    case 'bound': {
      const first = cell.extra2 >= 0 ? (c.facts[cell.extra2]?.key ?? null) : null;
      return { margin: num(cell.extra), firstBreach: first, warningMargin: cfg.bound.warningMargin };
    }
    case 'trend':
      return {
        observedRatePct: num(cell.ratio),
        limitFactor: num(cell.extra),
        naturalLimit: c.indicator.naturalLimit ?? null,
        highPct: cfg.trend.high,
        mediumPct: cfg.trend.medium,
      };
    default:
      return {};
  }
}
