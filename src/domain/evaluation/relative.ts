import type { Indicator, Target } from './types.ts';

/**
 * Replace each relative target (与GDP目标增速保持一致) by the target of the indicator it names,
 * following chains. A missing indicator or a cycle leaves the target relative, which evaluates as
 * not assessable with a reason naming the indicator. Parts of composites are resolved too.
 */
export function resolveRelativeTargets(indicators: readonly Indicator[]): Indicator[] {
  const byId = new Map(indicators.map((i) => [i.id, i]));
  return indicators.map((i) => resolveTarget(i, byId));
}

/** Resolve one indicator's target against a map of indicators by id. */
export function resolveTarget(indicator: Indicator, byId: ReadonlyMap<string, Indicator>): Indicator {
  const target = resolve(indicator.target, byId, new Set([indicator.id]));
  return target === indicator.target ? indicator : { ...indicator, target };
}

function resolve(target: Target, byId: ReadonlyMap<string, Indicator>, seen: Set<string>): Target {
  if (target.kind === 'composite') {
    return { kind: 'composite', parts: target.parts.map((p) => resolveTarget(p, byId)) };
  }
  if (target.kind !== 'relative') return target;
  const other = byId.get(target.indicatorId);
  if (!other || seen.has(other.id)) return target;
  seen.add(other.id);
  const resolved = resolve(other.target, byId, seen);
  return resolved.kind === 'relative' ? target : resolved;
}
