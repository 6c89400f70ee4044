import type { Cell, IndicatorRow, IndicatorTable } from '../../extract/schema.ts';
import { inferDirection } from '../evaluation/direction.ts';
import type { Attribute, Baseline, BoundOp, Direction, Target } from '../evaluation/types.ts';
import type { PlanPeriod } from '../period.ts';

/** An indicator as the plan defines it, ready to store; `key` ties it to its extracted row. */
export interface IndicatorDraft {
  key: string;
  code: string;
  name: string;
  unit: string;
  category: string | null;
  parentName: string | null;
  attribute: Attribute;
  direction: Direction;
  baseline: Baseline | null;
  target: Target;
  /** The cells the target was read from, as written (`[1300]`, `>50`, `完成省下任务`). */
  targetText: string;
  naturalLimit: number | null;
  /** Which rule turned the row into a target, and from which cells: the answer to "where from?". */
  rule: string;
  source: { start: number; end: number; text: string };
}

/** Tables whose target year falls in the plan's period are this plan's indicator system (专栏2, not 专栏1). */
export function isPlanIndicatorTable(table: IndicatorTable, plan: PlanPeriod): boolean {
  const target = table.columns.find((c) => c.role === 'target');
  return target?.year != null ? target.year >= plan.start && target.year <= plan.end : false;
}

const OPS: Record<string, BoundOp> = { '>': '>', '>=': '≥', '<': '<', '<=': '≤' };

/** Growth-rate indicators are reported as the year's rate (GDP 增长率 %), not as a level. */
function isRateIndicator(row: IndicatorRow): boolean {
  return row.unit === '%' && /增长率|增速|增长(?!.*比重)/.test(row.name);
}

function boundOf(cell: Cell): Target | null {
  if (cell.kind !== 'bound' || cell.value === null) return null;
  if (cell.comparator === 'approx' || cell.comparator === null) return { kind: 'level', value: cell.value };
  const op = OPS[cell.comparator];
  return op ? { kind: 'bound', op, value: cell.value } : null;
}

/** Reads the target from the target and growth cells; returns the target and the rule that chose it. */
export function targetOf(row: IndicatorRow, resolveRelative: (reference: string) => string | null): [Target, string] {
  const t = row.cells.target;
  const g = row.cells.growth;
  if (t?.kind === 'number' && t.value !== null) return [{ kind: 'level', value: t.value }, 'target.level'];
  if (t?.kind === 'cumulative' && t.value !== null)
    return [{ kind: 'cumulative', total: t.value }, 'target.cumulative'];
  if (t) {
    const bound = boundOf(t);
    if (bound) return [bound, `target.${bound.kind}`];
  }
  if (t?.kind === 'composite' && t.parts.length > 0) return [compositeOf(row, t), 'target.composite'];
  if (t?.kind === 'provincial') return [{ kind: 'provincial', assignments: {} }, 'target.provincial'];
  const relative = [t, g].find((c) => c?.kind === 'relative');
  if (relative) {
    const id = resolveRelative(relative.reference ?? relative.text);
    return id
      ? [{ kind: 'relative', indicatorId: id }, 'target.relative']
      : [{ kind: 'none' }, 'target.relative_unresolved'];
  }
  if (g && (g.kind === 'number' || (g.kind === 'bound' && g.comparator === 'approx')) && g.value !== null) {
    return [{ kind: 'growth', ratePct: g.value, measure: isRateIndicator(row) ? 'rate' : 'level' }, 'growth.annual'];
  }
  if (g?.kind === 'cumulative' && g.value !== null)
    return [{ kind: 'cumulative', total: g.value }, 'growth.cumulative'];
  return [{ kind: 'none' }, 'target.none'];
}

/** `国家实验室/省实验室` with `-/1`: one part per slash, each tracked with its own target. */
function compositeOf(row: IndicatorRow, cell: Cell): Target {
  const parts = cell.parts.map((part, i) => {
    const name = part.label ?? row.nameParts[i]?.name ?? `${row.name}（${i + 1}）`;
    const target: Target =
      part.kind === 'number' && part.value !== null ? { kind: 'level', value: part.value } : { kind: 'none' };
    return {
      id: `${row.name}#${i + 1}`,
      name,
      unit: row.unit ?? '',
      attribute: row.attribute ?? 'expected',
      direction: inferDirection(name, row.unit ?? ''),
      frequency: 'year' as const,
      target,
    };
  });
  return { kind: 'composite', parts };
}

function baselineOf(row: IndicatorRow, plan: PlanPeriod): Baseline | null {
  const b = row.cells.baseline;
  if (!b || b.value === null || (b.kind !== 'number' && b.kind !== 'otherYear')) return null;
  return { year: b.year ?? plan.start - 1, value: b.value };
}

function targetText(row: IndicatorRow): string {
  return [row.cells.target?.text, row.cells.growth?.text].filter((s) => s && s !== '-').join(' / ');
}

/** Turns a plan's indicator tables into indicator definitions. Pure. */
export function indicatorsFromTables(tables: IndicatorTable[], plan: PlanPeriod): IndicatorDraft[] {
  const rows = tables.filter((t) => isPlanIndicatorTable(t, plan)).flatMap((t) => t.rows.map((row) => ({ t, row })));
  const keyOf = (box: string, row: IndicatorRow) => `${box}|${row.parent ?? ''}|${row.name}`;
  const resolveRelative = (reference: string): string | null => {
    const ref = reference.replace(/与|目标|增速|保持一致|同步|增长/g, '');
    const hit = rows.find(
      ({ row }) => ref.length > 0 && (row.name.includes(ref) || (ref === 'GDP' && row.name.includes('地区生产总值'))),
    );
    return hit ? keyOf(hit.t.box, hit.row) : null;
  };
  return rows.map(({ t, row }, i) => {
    const [target, rule] = targetOf(row, resolveRelative);
    return {
      key: keyOf(t.box, row),
      code: `${t.box}-${row.seq ?? i + 1}`,
      name: row.name,
      unit: row.unit ?? '',
      category: row.category,
      parentName: row.parent,
      attribute: row.attribute ?? 'expected',
      direction: inferDirection(row.name, row.unit ?? ''),
      baseline: baselineOf(row, plan),
      target,
      targetText: targetText(row),
      naturalLimit: row.unit === '%' && !isRateIndicator(row) ? 100 : null,
      rule,
      source: row.source,
    };
  });
}
