import type { Target } from '../evaluation/types.ts';

/**
 * Demo values (示例数据) for a plan's indicators: plausible, deterministic, and varied so that every
 * status appears in the demo. Pure: the seed is the indicator's key.
 */
export interface DemoIndicator {
  key: string;
  attribute: 'expected' | 'binding';
  direction: 'higher' | 'lower';
  baseline: { year: number; value: number } | null;
  target: Target;
  /** A value the indicator cannot pass (100 for a share); demo values stay under it. */
  naturalLimit?: number | null;
}

export interface DemoValue {
  period: string;
  value: number;
}

/** Performance profiles, cycled over indicators: how far along the path each one runs. */
const PROFILES = [1.12, 1.0, 0.97, 0.82, 0.55, 1.3, 0.9] as const;

function hash(s: string): number {
  let h = 2166136261;
  for (const ch of s) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 16777619);
  return h >>> 0;
}

function rng(seed: number) {
  let s = seed || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const round = (v: number) => Math.round(v * 100) / 100;

export function demoValues(
  ind: DemoIndicator,
  plan: { start: number; end: number },
  years: number[],
  scale = 1,
): DemoValue[] {
  const rand = rng(hash(ind.key));
  const profile = PROFILES[hash(ind.key) % PROFILES.length] as number;
  const noise = () => 1 + (rand() - 0.5) * 0.04;
  const span = plan.end - plan.start + 1;
  const t = ind.target;
  const out: DemoValue[] = [];
  for (const year of years) {
    const frac = (year - plan.start + 1) / span;
    const v = valueAt(t, ind, frac, profile, span);
    if (v === null) continue;
    const value = v * noise() * scale;
    out.push({
      period: String(year),
      value: round(ind.naturalLimit != null ? Math.min(value, ind.naturalLimit) : value),
    });
  }
  return out;
}

function valueAt(t: Target, ind: DemoIndicator, frac: number, profile: number, span: number): number | null {
  const base = ind.baseline?.value ?? null;
  switch (t.kind) {
    case 'level': {
      const start = base ?? t.value * (ind.direction === 'higher' ? 0.85 : 1.15);
      return start + (t.value - start) * Math.min(frac * profile, 1.2);
    }
    case 'growth':
      return t.measure === 'rate'
        ? t.ratePct * profile
        : (base ?? 100) * (1 + (t.ratePct * profile) / 100) ** (frac * span);
    case 'cumulative':
      return (t.total / span) * profile;
    case 'bound': {
      // Binding indicators with a weak profile break their bound, so the demo shows 未达标 / 预警.
      const inside = ind.attribute === 'binding' && profile < 0.6 ? -1 : 1;
      const sign = (t.op === '≥' || t.op === '>' ? 1 : -1) * inside;
      return t.value * (1 + sign * 0.06);
    }
    case 'relative':
      return 7 * profile;
    case 'provincial':
      return base !== null ? base * (1 + 0.03 * frac * profile) : null;
    default:
      return null;
  }
}

/** Where a real figure was read: the sentence (or table row) and the figure itself, in a stored document. */
export interface FigureEvidence {
  documentId: number;
  start: number;
  end: number;
  text: string;
  number?: { start: number; end: number; text: string };
  rule: string;
}

/** A real value for a demo cell: the plan's own base value, or a fact stated in the news. */
export interface StatedValue {
  indicatorId: number;
  regionCode: string;
  period: string;
  value: number;
  note: string;
  evidence: FigureEvidence;
}

export interface DemoCell {
  indicatorId: number;
  regionCode: string;
  period: string;
}

/**
 * Real figures win over generated ones for the same indicator, region and period (issue 5: "where the
 * seed documents state a real figure, use it"); the other cells stay generated. The first stated value
 * of a cell wins, so callers list the most trusted source first.
 */
export function preferStated<T extends DemoCell>(
  generated: readonly T[],
  stated: readonly StatedValue[],
): { generated: T[]; stated: StatedValue[]; replaced: number } {
  const key = (c: DemoCell) => `${c.indicatorId}|${c.regionCode}|${c.period}`;
  const kept = new Map<string, StatedValue>();
  for (const s of stated) if (!kept.has(key(s))) kept.set(key(s), s);
  const rest = generated.filter((g) => !kept.has(key(g)));
  return { generated: rest, stated: [...kept.values()], replaced: generated.length - rest.length };
}

/**
 * The span of `value` in a table row as the plan prints it (`29.2*`, `0.0527`, `(0/3)`): the first
 * tab-separated cell after the name whose number equals the value. Null when no cell holds it.
 */
export function locateFigure(rowText: string, value: number): { start: number; end: number } | null {
  let pos = 0;
  const cells = rowText.split('\t');
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] as string;
    const m = /-?\d+(?:\.\d+)?/.exec(cell);
    if (i >= 2 && m && Number(m[0]) === value && /^[\s[(]*-?\d+(?:\.\d+)?[*\])\s]*$/.test(cell)) {
      return { start: pos + (m.index ?? 0), end: pos + (m.index ?? 0) + m[0].length };
    }
    pos += cell.length + 1;
  }
  return null;
}
