import type { Period, PlanPeriod } from '../period.ts';
import type { EvaluationConfig } from './config.ts';
import { type Ctx, type Judge, type PeriodFacts, periodFacts } from './core.ts';
import {
  constantJudge,
  cumulativeJudge,
  growthJudge,
  levelJudge,
  rateJudge,
  thresholdJudge,
  trendJudge,
} from './rules.ts';
import type { Indicator, Target } from './types.ts';

/** An indicator compiled against a run of periods: the path once, and a judge to step through values. */
export interface Compiled {
  indicator: Indicator;
  plan: PlanPeriod;
  config: EvaluationConfig;
  facts: PeriodFacts[];
  /** The plan's path per period (NaN where none), shared by every region. */
  expected: Float64Array;
  judge: Judge;
}

export function compile(
  indicator: Indicator,
  plan: PlanPeriod,
  periods: readonly Period[],
  config: EvaluationConfig,
): Compiled {
  const facts = periods.map((p) => periodFacts(indicator, plan, p));
  const expected = new Float64Array(facts.length).fill(Number.NaN);
  const final = Uint8Array.from(facts, (f) => (f.final ? 1 : 0));
  const judge = makeJudge(indicator, indicator.target, { plan, config, facts, expected, final });
  return { indicator, plan, config, facts, expected, judge };
}

function makeJudge(ind: Indicator, target: Target, ctx: Ctx): Judge {
  switch (target.kind) {
    case 'level':
      return levelJudge(ind, target.value, target.path ?? 'linear', ctx);
    case 'growth':
      return target.measure === 'rate' ? rateJudge(ind, target.ratePct, ctx) : growthJudge(ind, target.ratePct, ctx);
    case 'cumulative':
      return cumulativeJudge(ind, target.total, target.basis ?? 'flow', ctx);
    case 'bound':
      return thresholdJudge(ind, 'bound.every_period', target.op, () => target.value, true, ctx);
    case 'provincial': {
      const op = target.op ?? (ind.direction === 'higher' ? '≥' : '≤');
      const at = (i: number) => target.assignments[ctx.facts[i]!.year] ?? Number.NaN;
      return thresholdJudge(ind, 'provincial.yearly', op, at, false, ctx);
    }
    case 'trend':
      return trendJudge(ind, ctx);
    case 'none':
      return constantJudge('none', 'no_target');
    case 'relative':
      return constantJudge('relative.unresolved', 'unresolved');
    case 'composite':
      // Parts are judged one by one in evaluateIndicator; a bare composite has nothing of its own.
      return constantJudge('composite.worst', 'no_target');
  }
}
