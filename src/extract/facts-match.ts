import type { BilingualText } from '../errors.ts';
import type { Fact } from './facts.ts';

/**
 * Which of a plan's indicators a stated fact is a value of (issue 5: "matched to indicators … to
 * accept as evidence-backed values"). Pure. The match is scored on the name (after folding the
 * synonyms plans and news use: 地区生产总值 = GDP, 比重 = 占比 = 比例, 能源消耗 = 能耗), the unit and the
 * kind of figure (a growth rate for a 增长率 indicator, a level otherwise); then every reason a fact
 * cannot become a value is listed: a target rather than a result, no or a non-storable period, a
 * region outside the plan, an approximate figure, or a figure that contradicts the plan's own base
 * value for the same year (then it is a different quantity with a similar name).
 */

export interface MatchIndicator {
  id: number;
  name: string;
  unit: string;
  frequency: 'year' | 'quarter' | 'month';
  baseline: { year: number; value: number } | null;
}

export interface MatchPlan {
  regionCode: string;
  /** The plan's region and its counties: the regions a value may be stored for. */
  regionCodes: readonly string[];
  start: number;
  end: number;
}

export interface Blocker extends BilingualText {
  code:
    | 'TARGET_NOT_RESULT'
    | 'NO_PERIOD'
    | 'PERIOD_NOT_STORABLE'
    | 'PERIOD_FREQUENCY'
    | 'PERIOD_OUTSIDE_PLAN'
    | 'REGION_OUTSIDE_PLAN'
    | 'NO_REGION'
    | 'NOT_EXACT'
    | 'CONTRADICTS_BASELINE';
}

export interface FactMatch {
  factId: string;
  indicatorId: number;
  indicatorName: string;
  /** 0..1: name × unit × kind of figure, lowered when it contradicts the plan's base value. */
  confidence: number;
  /** Safe to store without a person's choice: confident and nothing blocks it. */
  usable: boolean;
  /** The figure in the indicator's unit (`万元` → `亿元` converted). */
  value: number | null;
  period: string | null;
  regionCode: string | null;
  reasons: BilingualText[];
  blockers: Blocker[];
}

export const USABLE_CONFIDENCE = 0.75;
/** Below this the best indicator is no match at all. */
export const CANDIDATE_CONFIDENCE = 0.3;
/** A fact for the base year that differs from the plan's base value by more than this is another quantity. */
const BASELINE_TOLERANCE = 0.2;

const SYNONYMS: Array<[RegExp, string]> = [
  [/[（(][^）)]*[）)]/g, ''],
  [/单位地区生产总值|单位国内生产总值/g, '单位GDP'],
  [/地区生产总值|国内生产总值|经济总量/g, 'GDP'],
  [/能源消耗/g, '能耗'],
  [/所占比重|比重|占比|比例|比率/g, '占比'],
  [/增长率|增速|增幅/g, '增长'],
  [/常住人口城镇化率|城镇化水平/g, '城镇化率'],
  [/规模以上/g, '规上'],
  [/数量|总数|个数/g, ''],
  [/全市|全县|我市|年均|同比|的|“|”/g, ''],
];

const NORMALISED = new Map<string, string>();

export function normaliseName(s: string): string {
  const cached = NORMALISED.get(s);
  if (cached !== undefined) return cached;
  let t = s;
  for (const [re, to] of SYNONYMS) t = t.replace(re, to);
  const out = t.replace(/\s+/g, '');
  if (NORMALISED.size < 10_000) NORMALISED.set(s, out);
  return out;
}

function bigrams(s: string): string[] {
  const chars = [...s];
  if (chars.length < 2) return chars;
  return chars.slice(0, -1).map((c, i) => c + chars[i + 1]);
}

/** Dice over character bigrams; a name contained whole in the other scores at least 0.9. */
export function nameSimilarity(a: string, b: string): number {
  const x = normaliseName(a);
  const y = normaliseName(b);
  if (!x || !y) return 0;
  if (x === y) return 1;
  const contained = (x.length >= 3 && y.includes(x)) || (y.length >= 3 && x.includes(y));
  const bx = bigrams(x);
  const by = new Map<string, number>();
  for (const g of bigrams(y)) by.set(g, (by.get(g) ?? 0) + 1);
  let common = 0;
  for (const g of bx) {
    const n = by.get(g) ?? 0;
    if (n > 0) {
      common++;
      by.set(g, n - 1);
    }
  }
  const dice = (2 * common) / (bx.length + bigrams(y).length);
  return contained ? Math.max(0.9, dice) : dice;
}

/** Units that are the same measure: the factor turns the fact's unit into the indicator's. */
const UNIT_BASE: Record<string, [string, number]> = {
  '%': ['%', 1],
  '‰': ['‰', 1],
  个百分点: ['个百分点', 1],
  万亿元: ['元', 1e12],
  亿元: ['元', 1e8],
  万元: ['元', 1e4],
  元: ['元', 1],
  亿美元: ['美元', 1e8],
  万美元: ['美元', 1e4],
  美元: ['美元', 1],
  万吨: ['吨', 1e4],
  吨: ['吨', 1],
  亿吨标准煤: ['吨标准煤', 1e8],
  万吨标准煤: ['吨标准煤', 1e4],
  吨标准煤: ['吨标准煤', 1],
  万千瓦: ['千瓦', 1e4],
  千瓦: ['千瓦', 1],
  万亩: ['亩', 1e4],
  亩: ['亩', 1],
  万人: ['人', 1e4],
  万名: ['人', 1e4],
  人: ['人', 1],
  名: ['人', 1],
  万人次: ['人次', 1e4],
  人次: ['人次', 1],
  户: ['户', 1],
  家: ['户', 1],
};

/** Factor from the fact's unit to the indicator's, or null when they measure different things. */
export function unitFactor(factUnit: string, indicatorUnit: string): number | null {
  if (factUnit === indicatorUnit) return 1;
  const f = UNIT_BASE[factUnit];
  const i = UNIT_BASE[indicatorUnit];
  if (!f || !i || f[0] !== i[0]) return null;
  return f[1] / i[1];
}

/** A rate indicator (`GDP增长率 %`, `单位GDP能耗降低 %`) takes growth figures; the others take levels. */
function isRateIndicator(ind: MatchIndicator): boolean {
  return ind.unit === '%' && /增长率|增速|增长(?!.*比重)|降低|下降/.test(ind.name);
}

const round = (v: number) => Number(v.toPrecision(12));

function scoreOne(
  fact: Fact,
  ind: MatchIndicator,
): { confidence: number; value: number | null; reasons: BilingualText[] } {
  const reasons: BilingualText[] = [];
  const name = nameSimilarity(fact.subject, ind.name);
  reasons.push({
    zh: `名称相似度 ${name.toFixed(2)}（“${fact.subject}”与“${ind.name}”）`,
    en: `name similarity ${name.toFixed(2)} (“${fact.subject}” vs “${ind.name}”)`,
  });
  const factor = unitFactor(fact.unit, ind.unit);
  if (factor === null) {
    reasons.push({
      zh: `单位不同（${fact.unit} 与 ${ind.unit}）`,
      en: `different units (${fact.unit} vs ${ind.unit})`,
    });
    return { confidence: 0, value: null, reasons };
  }
  reasons.push(
    factor === 1
      ? { zh: `单位一致（${ind.unit}）`, en: `same unit (${ind.unit})` }
      : { zh: `单位换算 ${fact.unit} → ${ind.unit}`, en: `unit converted ${fact.unit} → ${ind.unit}` },
  );
  const rate = isRateIndicator(ind);
  const kindFits = rate ? fact.measure === 'growth' : fact.measure === 'level';
  if (!kindFits) {
    reasons.push(
      rate
        ? { zh: '指标为增速，所述数字不是增速', en: 'the indicator is a rate; the figure is not a growth rate' }
        : { zh: '指标为水平值，所述数字是增幅', en: 'the indicator is a level; the figure is a change' },
    );
  }
  const unitScore = factor === 1 ? 1 : 0.9;
  // `下降3.2%` is +3.2 for a 降低 indicator and −3.2 for a 增长 one.
  const reduction = /降低|下降/.test(ind.name);
  const sign = fact.measure === 'growth' && (fact.change === 'decrease') !== reduction ? -1 : 1;
  const value = round(sign * fact.value * factor);
  return { confidence: round(name * unitScore * (kindFits ? 1 : 0.3)), value, reasons };
}

function blockersOf(fact: Fact, ind: MatchIndicator, plan: MatchPlan): Blocker[] {
  const out: Blocker[] = [];
  if (fact.measure === 'growth' && fact.growthBasis !== 'period' && isRateIndicator(ind)) {
    out.push({
      code: 'PERIOD_NOT_STORABLE',
      zh:
        fact.growthBasis === 'average'
          ? '这是多年的年均增速，不是某一年的增速'
          : '这是多年的累计增幅，不是某一年的增速',
      en:
        fact.growthBasis === 'average'
          ? 'an average yearly rate over several years, not one year’s rate'
          : 'a cumulative change over several years, not one year’s rate',
    });
  }
  if (fact.kind === 'target') {
    out.push({
      code: 'TARGET_NOT_RESULT',
      zh: '这是目标或预期，不是实际完成值',
      en: 'a target or expectation, not a result',
    });
  }
  if (fact.comparator !== '=') {
    out.push({
      code: 'NOT_EXACT',
      zh: `数字不确切（${fact.valueText}）`,
      en: `the figure is not exact (${fact.valueText})`,
    });
  }
  const p = fact.period;
  if (!p) out.push({ code: 'NO_PERIOD', zh: '原文未说明时间', en: 'the text states no period' });
  else if (!p.valuePeriod) {
    out.push({
      code: 'PERIOD_NOT_STORABLE',
      zh: `期间“${p.text}”不是年、季度或月`,
      en: `period “${p.text}” is not a year, quarter or month`,
    });
  } else {
    const freq = /Q/.test(p.valuePeriod) ? 'quarter' : /-/.test(p.valuePeriod) ? 'month' : 'year';
    if (freq !== ind.frequency) {
      out.push({
        code: 'PERIOD_FREQUENCY',
        zh: `期间 ${p.valuePeriod} 与指标的填报频率（${ind.frequency === 'year' ? '年' : ind.frequency === 'quarter' ? '季度' : '月'}）不符`,
        en: `period ${p.valuePeriod} does not fit the indicator's frequency (${ind.frequency})`,
      });
    }
    if (p.year < plan.start - 1 || p.year > plan.end) {
      out.push({
        code: 'PERIOD_OUTSIDE_PLAN',
        zh: `期间 ${p.year} 年不在规划期 ${plan.start - 1}—${plan.end} 年内`,
        en: `year ${p.year} is outside the plan's ${plan.start - 1}–${plan.end}`,
      });
    }
  }
  if (!fact.region) out.push({ code: 'NO_REGION', zh: '无法确定地区', en: 'no region could be determined' });
  else if (!plan.regionCodes.includes(fact.region.code)) {
    out.push({
      code: 'REGION_OUTSIDE_PLAN',
      zh: `地区“${fact.region.name}”不在本规划范围内`,
      en: `region “${fact.region.name}” is outside the plan's area`,
    });
  }
  return out;
}

/** The plan's base value contradicts the fact (or the earlier value of its `由…到…` statement). */
function contradiction(fact: Fact, byId: Map<string, Fact>, ind: MatchIndicator, factor: number): Blocker | null {
  const b = ind.baseline;
  if (!b || b.value === 0 || fact.region === null) return null;
  for (const f of [fact, fact.fromFactId ? byId.get(fact.fromFactId) : undefined]) {
    if (f?.period?.granularity !== 'year' || f.period.year !== b.year || f.measure !== 'level') continue;
    const v = f.value * factor;
    const off = Math.abs(v - b.value) / Math.abs(b.value);
    if (off > BASELINE_TOLERANCE) {
      return {
        code: 'CONTRADICTS_BASELINE',
        zh: `原文 ${b.year} 年为 ${round(v)}，规划基期值为 ${b.value}，相差 ${Math.round(off * 100)}%：不是同一指标`,
        en: `the text gives ${round(v)} for ${b.year}, the plan's base value is ${b.value} (${Math.round(off * 100)}% apart): not the same indicator`,
      };
    }
  }
  return null;
}

/** The best indicator for each fact (or null), with its confidence, reasons and blockers. */
export function matchFacts(
  facts: readonly Fact[],
  indicators: readonly MatchIndicator[],
  plan: MatchPlan,
): Array<{ factId: string; match: FactMatch | null }> {
  const byId = new Map(facts.map((f) => [f.id, f]));
  return facts.map((fact) => {
    let best: { ind: MatchIndicator; s: ReturnType<typeof scoreOne> } | null = null;
    for (const ind of indicators) {
      const s = scoreOne(fact, ind);
      if (!best || s.confidence > best.s.confidence) best = { ind, s };
    }
    if (!best || best.s.confidence < CANDIDATE_CONFIDENCE) return { factId: fact.id, match: null };
    const { ind, s } = best;
    const blockers = blockersOf(fact, ind, plan);
    let confidence = s.confidence;
    const factor = unitFactor(fact.unit, ind.unit) ?? 1;
    const contra = contradiction(fact, byId, ind, factor);
    if (contra) {
      blockers.push(contra);
      confidence = round(confidence * 0.2);
    }
    const reasons = [...s.reasons];
    if (fact.region && plan.regionCodes.includes(fact.region.code)) {
      reasons.push({ zh: `地区：${fact.region.name}`, en: `region: ${fact.region.name} (${fact.region.code})` });
    }
    if (fact.period?.valuePeriod) reasons.push({ zh: `期间：${fact.period.text}`, en: `period: ${fact.period.code}` });
    return {
      factId: fact.id,
      match: {
        factId: fact.id,
        indicatorId: ind.id,
        indicatorName: ind.name,
        confidence,
        usable: confidence >= USABLE_CONFIDENCE && blockers.length === 0,
        value: s.value,
        period: fact.period?.valuePeriod ?? null,
        regionCode: fact.region?.code ?? null,
        reasons,
        blockers,
      },
    };
  });
}
