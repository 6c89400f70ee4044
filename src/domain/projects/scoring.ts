import { type Message, round } from './messages.ts';
import type { Rubric, RubricItem, Rule, TourSheet } from './rubric.ts';

/** What one region brings to an assessment: KPI values, tour score, counts, veto flags. */
export interface RegionInput {
  regionId: string;
  values: Readonly<Record<string, number | boolean | null | undefined>>;
}

export interface ItemScore {
  key: string;
  label: { zh: string; en: string };
  rule: Rule;
  /** The inputs the rule used, so the bulletin can print "85% of 90% target → 18.9". */
  inputs: Record<string, number | null>;
  points: number;
  zh: string;
  en: string;
}

export interface DeductionScore {
  key: string;
  label: { zh: string; en: string };
  count: number;
  points: number;
}

export interface RegionScore {
  regionId: string;
  /** The rubric version the score was computed with; a published score is never recomputed with another. */
  rubric: { id: string; version: number };
  score: number;
  /** Competition ranking (1, 2, 2, 4): regions still equal after the tie-break items share a rank. */
  rank: number;
  vetoed: boolean;
  vetoes: Message[];
  items: ItemScore[];
  deductions: DeductionScore[];
}

/**
 * Scores and ranks regions. Deterministic: equal inputs give equal output whatever the input
 * order, and the result is sorted by rank, then region id.
 */
export function scoreRegions(rubric: Rubric, inputs: readonly RegionInput[]): RegionScore[] {
  const rankTables = new Map(
    rubric.items.filter((i) => i.rule.kind === 'rank_bands').map((i) => [i.key, rankOn(i, inputs)]),
  );
  const scored = inputs.map((r) => scoreOne(rubric, r, rankTables));
  const itemPoints = (s: RegionScore, key: string) => s.items.find((i) => i.key === key)?.points ?? 0;
  const cmp = (a: RegionScore, b: RegionScore): number => {
    if (a.vetoed !== b.vetoed) return a.vetoed ? 1 : -1;
    if (a.score !== b.score) return b.score - a.score;
    for (const k of rubric.tieBreak) {
      const d = itemPoints(b, k) - itemPoints(a, k);
      if (d !== 0) return d;
    }
    return 0;
  };
  scored.sort((a, b) => cmp(a, b) || (a.regionId < b.regionId ? -1 : a.regionId > b.regionId ? 1 : 0));
  for (let i = 0; i < scored.length; i++) {
    const prev = scored[i - 1];
    const cur = scored[i]!;
    cur.rank = prev && cmp(prev, cur) === 0 ? prev.rank : i + 1;
  }
  return scored;
}

function scoreOne(rubric: Rubric, r: RegionInput, rankTables: Map<string, Map<string, number>>): RegionScore {
  const items = rubric.items.map((it) => scoreItem(it, r, rankTables.get(it.key)));
  const deductions = rubric.deductions.map((d) => {
    const count = num(r.values[d.input]) ?? 0;
    return { key: d.key, label: d.label, count, points: round(Math.min(count * d.pointsEach, d.max)) };
  });
  const vetoes: Message[] = rubric.vetoes
    .filter((v) => truthy(r.values[v.input]))
    .map((v) => ({ code: `VETO_${v.key}`, zh: `一票否决：${v.label.zh}`, en: `Vetoed: ${v.label.en}` }));
  const gross = items.reduce((s, i) => s + i.points, 0) - deductions.reduce((s, d) => s + d.points, 0);
  const vetoed = vetoes.length > 0;
  return {
    regionId: r.regionId,
    rubric: { id: rubric.id, version: rubric.version },
    score: vetoed ? rubric.vetoScore : round(gross),
    rank: 0,
    vetoed,
    vetoes,
    items,
    deductions,
  };
}

function scoreItem(it: RubricItem, r: RegionInput, ranks: Map<string, number> | undefined): ItemScore {
  const value = num(r.values[it.input]);
  const base = { key: it.key, label: it.label, rule: it.rule };
  if (value === null) {
    return {
      ...base,
      inputs: { [it.input]: null },
      points: 0,
      zh: `${it.label.zh}无数据，得0分`,
      en: `${it.label.en}: no data, 0 points`,
    };
  }
  const { points, inputs, zh, en } = applyRule(it, value, r, ranks);
  return { ...base, inputs: { [it.input]: value, ...inputs }, points: round(points), zh, en };
}

interface RuleOutcome {
  points: number;
  inputs: Record<string, number | null>;
  zh: string;
  en: string;
}

type Ctx = { it: RubricItem; value: number; r: RegionInput; ranks: Map<string, number> | undefined };

/** Dispatches on the block kind; each block is small enough to read against the rubric docs. */
function applyRule(it: RubricItem, value: number, r: RegionInput, ranks: Map<string, number> | undefined): RuleOutcome {
  const c: Ctx = { it, value, r, ranks };
  switch (it.rule.kind) {
    case 'ratio_to_target':
      return ratioToTarget(c, it.rule);
    case 'per_point':
      return perPoint(c, it.rule);
    case 'size_bands':
      return sizeBands(c, it.rule);
    case 'count':
      return countRule(c, it.rule);
    case 'rank_bands':
      return rankBands(c, it.rule);
  }
}

type RuleOf<K extends Rule['kind']> = Extract<Rule, { kind: K }>;
const clampTo = (w: number, x: number, lo = 0) => Math.min(Math.max(x, lo), w);
const outcome = (points: number, inputs: RuleOutcome['inputs'], zh: string, en: string) => ({ points, inputs, zh, en });

function ratioToTarget({ it, value, r }: Ctx, rule: RuleOf<'ratio_to_target'>): RuleOutcome {
  const target = rule.target ?? num(r.values[rule.targetInput!]);
  if (!target || target <= 0) {
    return outcome(0, { target: null }, `${it.label.zh}缺少目标值，得0分`, `${it.label.en}: no target, 0 points`);
  }
  const ratio = Math.max(0, Math.min(value / target, rule.cap));
  const p = it.weight * ratio;
  const t = `${round(value, 4)}/${round(target, 4)}`;
  const share = round(ratio * 100, 1);
  return outcome(
    p,
    { target },
    `${it.label.zh}${t}，按${share}%计${round(p)}分`,
    `${it.label.en} ${t}, ${share}% of ${it.weight} → ${round(p)}`,
  );
}

function perPoint({ it, value }: Ctx, rule: RuleOf<'per_point'>): RuleOutcome {
  const pp = (value - rule.baseline) * 100;
  const p = clampTo(it.weight, rule.basePoints + pp * rule.pointsPerPoint, rule.min);
  return outcome(
    p,
    { baseline: rule.baseline },
    `${it.label.zh}较基准${round(pp, 2)}个百分点，得${round(p)}分`,
    `${it.label.en} ${round(pp, 2)} points from baseline → ${round(p)}`,
  );
}

function sizeBands({ it, value }: Ctx, rule: RuleOf<'size_bands'>): RuleOutcome {
  const band = [...rule.bands].sort((a, b) => b.min - a.min).find((b) => value >= b.min);
  const p = clampTo(it.weight, band?.points ?? 0);
  return outcome(
    p,
    { bandMin: band?.min ?? null },
    `${it.label.zh}${value}，得${round(p)}分`,
    `${it.label.en} ${value} → ${round(p)}`,
  );
}

function countRule({ it, value }: Ctx, rule: RuleOf<'count'>): RuleOutcome {
  const p = clampTo(it.weight, value * rule.pointsEach);
  return outcome(p, {}, `${it.label.zh}${value}个，得${round(p)}分`, `${it.label.en}: ${value} → ${round(p)}`);
}

function rankBands({ it, r, ranks }: Ctx, rule: RuleOf<'rank_bands'>): RuleOutcome {
  const rank = ranks?.get(r.regionId) ?? null;
  const bands = [...rule.bands].sort((a, b) => a.upToRank - b.upToRank);
  const band = rank === null ? undefined : bands.find((b) => rank <= b.upToRank);
  const p = band?.points ?? 0;
  return outcome(
    p,
    { rank },
    `${it.label.zh}排名第${rank}，得${round(p)}分`,
    `${it.label.en} ranked ${rank} → ${round(p)}`,
  );
}

/** Competition ranks of the regions on one item's input; missing values are not ranked. */
function rankOn(it: RubricItem, inputs: readonly RegionInput[]): Map<string, number> {
  const asc = it.rule.kind === 'rank_bands' && it.rule.order === 'asc';
  const vals = inputs
    .map((r) => ({ id: r.regionId, v: num(r.values[it.input]) }))
    .filter((x): x is { id: string; v: number } => x.v !== null)
    .sort((a, b) => (asc ? a.v - b.v : b.v - a.v));
  const out = new Map<string, number>();
  vals.forEach((x, i) => {
    const prev = vals[i - 1];
    out.set(x.id, prev && prev.v === x.v ? out.get(prev.id)! : i + 1);
  });
  return out;
}

function num(v: number | boolean | null | undefined): number | null {
  if (typeof v === 'boolean') return v ? 1 : 0;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function truthy(v: number | boolean | null | undefined): boolean {
  return v === true || (typeof v === 'number' && v > 0);
}

export interface TrimmedMean {
  mean: number | null;
  used: number[];
  dropped: number[];
}

/**
 * Inspection-tour score of one region: the judges' mean, dropping the single highest and lowest
 * when at least `dropFrom` (default 5) judges scored; with fewer, one outlier would weigh too much
 * to discard, and dropping two of four would leave too few.
 */
export function trimmedMean(scores: readonly number[], dropFrom = 5): TrimmedMean {
  const sorted = [...scores].sort((a, b) => a - b);
  if (sorted.length === 0) return { mean: null, used: [], dropped: [] };
  const trim = sorted.length >= dropFrom;
  const used = trim ? sorted.slice(1, -1) : sorted;
  const dropped = trim ? [sorted[0]!, sorted[sorted.length - 1]!] : [];
  return { mean: round(used.reduce((s, x) => s + x, 0) / used.length, 2), used, dropped };
}

/** One judge's marks for one county or zone: item key → points. */
export interface JudgeMarks {
  judge: string;
  scores: Readonly<Record<string, number>>;
}

export interface TourResult {
  /** The judges whose sheets count, with their totals (sum of the sheet's items). */
  judges: Array<{ judge: string; total: number }>;
  /** Judges left out because they did not score every item of the sheet. */
  incomplete: string[];
  /** Trimmed mean of the counted judges' totals, on the sheet's scale; null without any judge. */
  mean: number | null;
  used: number[];
  dropped: number[];
  /** The mean as a percentage of the sheet's maximum: the rubric's `tourScore` input (0–100). */
  score: number | null;
  maxTotal: number;
  zh: string;
  en: string;
}

/**
 * A region's inspection-tour score from the judges' sheets: each complete sheet's total, then the
 * trimmed mean (trimmedMean with the sheet's `dropFrom`), scaled to 100. The explanation names how
 * many judges counted and which marks were dropped, so the ranking can show why.
 */
export function tourScore(sheet: TourSheet, marks: readonly JudgeMarks[]): TourResult {
  const maxTotal = sheet.items.reduce((s, i) => s + i.max, 0);
  const judges: TourResult['judges'] = [];
  const incomplete: string[] = [];
  for (const m of [...marks].sort((a, b) => (a.judge < b.judge ? -1 : a.judge > b.judge ? 1 : 0))) {
    const points = sheet.items.map((i) => m.scores[i.key]);
    if (points.some((p) => typeof p !== 'number' || !Number.isFinite(p))) incomplete.push(m.judge);
    else
      judges.push({
        judge: m.judge,
        total: round(
          points.reduce((s: number, p) => s + (p as number), 0),
          2,
        ),
      });
  }
  const t = trimmedMean(
    judges.map((j) => j.total),
    sheet.dropFrom,
  );
  const score = t.mean === null ? null : round((t.mean / maxTotal) * 100, 2);
  const n = judges.length;
  const scale = maxTotal === 100 ? '' : `（满分${maxTotal}，折合百分制${score}分）`;
  const scaleEn = maxTotal === 100 ? '' : ` (out of ${maxTotal}, ${score} out of 100)`;
  let zh: string;
  let en: string;
  if (t.mean === null) {
    zh = '尚无评委评分';
    en = 'no judge has scored yet';
  } else if (t.dropped.length) {
    zh = `${n}位评委评分，去掉一个最高分${t.dropped[1]}、一个最低分${t.dropped[0]}，其余${t.used.length}位平均${t.mean}分${scale}`;
    en = `${n} judges: highest ${t.dropped[1]} and lowest ${t.dropped[0]} dropped, mean of the other ${t.used.length} is ${t.mean}${scaleEn}`;
  } else {
    zh = `${n}位评委评分（不足${sheet.dropFrom}位，不去掉最高最低分），平均${t.mean}分${scale}`;
    en = `${n} judge${n === 1 ? '' : 's'} (fewer than ${sheet.dropFrom}, none dropped), mean ${t.mean}${scaleEn}`;
  }
  if (incomplete.length) {
    zh += `；${incomplete.join('、')}未评完全部项目，不计入`;
    en += `; ${incomplete.join(', ')} did not score every item and are not counted`;
  }
  return { judges, incomplete, mean: t.mean, used: t.used, dropped: t.dropped, score, maxTotal, zh, en };
}

/** Problems with one judge's marks against the sheet: unknown items, values outside 0 … max. */
export function checkJudgeMarks(
  sheet: TourSheet,
  scores: Readonly<Record<string, number>>,
): Array<{ item: string; zh: string; en: string }> {
  const items = new Map(sheet.items.map((i) => [i.key, i]));
  const out: Array<{ item: string; zh: string; en: string }> = [];
  for (const [key, v] of Object.entries(scores)) {
    const it = items.get(key);
    if (!it) {
      out.push({ item: key, zh: `评分表没有“${key}”这一项`, en: `the tour sheet has no item "${key}"` });
    } else if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > it.max) {
      out.push({
        item: key,
        zh: `${it.label.zh}的得分${v}应在0至${it.max}之间`,
        en: `${it.label.en}: ${v} must be between 0 and ${it.max}`,
      });
    }
  }
  return out;
}

export interface RankChange {
  regionId: string;
  rank: number;
  previousRank: number | null;
  /** Places gained since the previous period (positive = moved up); null for a new entry. */
  change: number | null;
  zh: string;
  en: string;
}

export function rankWithPrevious(
  current: ReadonlyArray<{ regionId: string; rank: number }>,
  previous: ReadonlyArray<{ regionId: string; rank: number }>,
): RankChange[] {
  const before = new Map(previous.map((p) => [p.regionId, p.rank]));
  return current.map(({ regionId, rank }) => {
    const previousRank = before.get(regionId) ?? null;
    const change = previousRank === null ? null : previousRank - rank;
    const text =
      change === null
        ? { zh: '上期未排名', en: 'not ranked last period' }
        : change > 0
          ? { zh: `上升${change}位`, en: `up ${change}` }
          : change < 0
            ? { zh: `下降${-change}位`, en: `down ${-change}` }
            : { zh: '位次不变', en: 'unchanged' };
    return { regionId, rank, previousRank, change, ...text };
  });
}
