import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  evaluateIndicator,
  type Observation,
  resolveRelativeTargets,
  type Target,
} from '../../src/domain/evaluation/index.ts';
import { STATUSES } from '../../src/domain/evaluation/types.ts';
import { type Started, startServices } from '../../src/services/bootstrap.ts';
import { BulkEvaluationService } from '../../src/services/bulk-evaluation.service.ts';
import { toDomainIndicator } from '../../src/services/evaluation.service.ts';
import { checkTargetAvailability, databaseTargets } from '../helpers/db.ts';

/**
 * Bulk evaluation reads only what each rule needs at the evaluated period (the value there, year-end
 * values, every period for running totals, the extremes for bounds). Here a small generated plan —
 * every kind of target, quarterly, monthly and yearly indicators, gaps, drafts that must not count,
 * values outside the plan — is judged through that read path and, cell by cell, by the engine's
 * one-indicator API on every approved value of the region: the statuses must be the same.
 */
const REGIONS = 24;
const CITY = '980000';
const COUNTIES = Array.from({ length: REGIONS }, (_, r) => String(980001 + r));

/** A small deterministic generator, so a failure can be replayed. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Spec {
  name: string;
  frequency: 'year' | 'quarter' | 'month';
  direction: 'higher' | 'lower';
  attribute: 'expected' | 'binding';
  baseline: { year: number; value: number } | null;
  target: Target | { kind: 'relative'; indicatorId: string };
  naturalLimit?: number;
  /** Value of region r at the period's k-th step from the plan's start (before noise). */
  value: (k: number, rnd: () => number) => number;
}

const level = (k: number, rnd: () => number) => 100 + k * (0.2 + rnd() * 1.6);
const rate = (_k: number, rnd: () => number) => 3 + rnd() * 7;
const flow = (_k: number, rnd: () => number) => 2 + rnd() * 6;
const near110 = (_k: number, rnd: () => number) => 104 + rnd() * 8;

const SPECS: Spec[] = [
  {
    name: 'level linear',
    frequency: 'quarter',
    direction: 'higher',
    attribute: 'expected',
    baseline: { year: 2020, value: 100 },
    target: { kind: 'level', value: 120 },
    value: level,
  },
  {
    name: 'level geometric, binding',
    frequency: 'quarter',
    direction: 'higher',
    attribute: 'binding',
    baseline: { year: 2020, value: 100 },
    target: { kind: 'level', value: 125, path: 'geometric' },
    value: level,
  },
  {
    name: 'level lower',
    frequency: 'year',
    direction: 'lower',
    attribute: 'binding',
    baseline: { year: 2020, value: 100 },
    target: { kind: 'level', value: 90 },
    value: (k, rnd) => 100 - k * rnd() * 3,
  },
  {
    name: 'level no baseline',
    frequency: 'quarter',
    direction: 'higher',
    attribute: 'binding',
    baseline: null,
    target: { kind: 'level', value: 110 },
    value: level,
  },
  {
    name: 'level hold (target on the good side)',
    frequency: 'quarter',
    direction: 'lower',
    attribute: 'binding',
    baseline: { year: 2020, value: 100 },
    target: { kind: 'level', value: 110 },
    value: near110,
  },
  {
    name: 'growth on the quantity',
    frequency: 'quarter',
    direction: 'higher',
    attribute: 'expected',
    baseline: { year: 2020, value: 100 },
    target: { kind: 'growth', ratePct: 6 },
    value: level,
  },
  {
    name: 'growth 0: hold',
    frequency: 'year',
    direction: 'higher',
    attribute: 'binding',
    baseline: { year: 2020, value: 100 },
    target: { kind: 'growth', ratePct: 0 },
    value: (_k, rnd) => 97 + rnd() * 6,
  },
  {
    name: 'growth as yearly rates, quarterly',
    frequency: 'quarter',
    direction: 'higher',
    attribute: 'expected',
    baseline: { year: 2020, value: 6 },
    target: { kind: 'growth', ratePct: 6, measure: 'rate' },
    value: rate,
  },
  {
    name: 'growth as yearly rates, yearly',
    frequency: 'year',
    direction: 'higher',
    attribute: 'binding',
    baseline: null,
    target: { kind: 'growth', ratePct: 6.5, measure: 'rate' },
    value: rate,
  },
  {
    name: 'growth as yearly rates, monthly',
    frequency: 'month',
    direction: 'higher',
    attribute: 'expected',
    baseline: null,
    target: { kind: 'growth', ratePct: 5, measure: 'rate' },
    value: rate,
  },
  {
    name: 'cumulative flow',
    frequency: 'quarter',
    direction: 'higher',
    attribute: 'binding',
    baseline: null,
    target: { kind: 'cumulative', total: 100 },
    value: flow,
  },
  {
    name: 'cumulative flow, yearly',
    frequency: 'year',
    direction: 'higher',
    attribute: 'expected',
    baseline: null,
    target: { kind: 'cumulative', total: 20 },
    value: (_k, rnd) => 2 + rnd() * 5,
  },
  {
    name: 'cumulative to date',
    frequency: 'quarter',
    direction: 'higher',
    attribute: 'expected',
    baseline: null,
    target: { kind: 'cumulative', total: 100, basis: 'to_date' },
    value: (k, rnd) => k * (3 + rnd() * 3),
  },
  {
    name: 'bound ≤',
    frequency: 'quarter',
    direction: 'lower',
    attribute: 'binding',
    baseline: null,
    target: { kind: 'bound', op: '≤', value: 110 },
    value: near110,
  },
  {
    name: 'bound ≥',
    frequency: 'quarter',
    direction: 'higher',
    attribute: 'expected',
    baseline: null,
    target: { kind: 'bound', op: '≥', value: 105 },
    value: near110,
  },
  {
    name: 'bound <',
    frequency: 'month',
    direction: 'lower',
    attribute: 'expected',
    baseline: null,
    target: { kind: 'bound', op: '<', value: 111 },
    value: near110,
  },
  {
    name: 'bound >',
    frequency: 'year',
    direction: 'higher',
    attribute: 'binding',
    baseline: null,
    target: { kind: 'bound', op: '>', value: 104.5 },
    value: near110,
  },
  {
    name: 'provincial yearly',
    frequency: 'quarter',
    direction: 'higher',
    attribute: 'binding',
    baseline: null,
    target: { kind: 'provincial', assignments: { 2021: 101, 2022: 103, 2023: 105, 2024: 107 } },
    value: level,
  },
  {
    name: 'trend',
    frequency: 'quarter',
    direction: 'higher',
    attribute: 'expected',
    baseline: { year: 2020, value: 100 },
    target: { kind: 'trend' },
    value: level,
  },
  {
    name: 'trend near a limit',
    frequency: 'year',
    direction: 'higher',
    attribute: 'binding',
    baseline: { year: 2020, value: 95 },
    target: { kind: 'trend' },
    naturalLimit: 100,
    value: (k, rnd) => 95 + k * rnd(),
  },
  {
    name: 'no target',
    frequency: 'quarter',
    direction: 'higher',
    attribute: 'expected',
    baseline: null,
    target: { kind: 'none' },
    value: level,
  },
  {
    name: 'relative, unresolved',
    frequency: 'quarter',
    direction: 'higher',
    attribute: 'expected',
    baseline: null,
    target: { kind: 'relative', indicatorId: 'missing' },
    value: level,
  },
];

const PER_YEAR = { year: 1, quarter: 4, month: 12 } as const;

function periodText(f: Spec['frequency'], year: number, index: number): string {
  if (f === 'year') return String(year);
  if (f === 'quarter') return `${year}Q${index}`;
  return `${year}-${String(index).padStart(2, '0')}`;
}

/** Years 2020 (before the plan) to 2026 (after it) so that out-of-plan values are there to be ignored. */
function generatedValues(
  spec: Spec,
  rnd: () => number,
): Array<{ region: string; period: string; value: number; state: string }> {
  const out: Array<{ region: string; period: string; value: number; state: string }> = [];
  for (const region of [CITY, ...COUNTIES]) {
    let k = 0;
    for (let year = 2020; year <= 2026; year++) {
      for (let index = 1; index <= PER_YEAR[spec.frequency]; index++, k++) {
        const roll = rnd();
        if (roll < 0.08) continue; // a gap
        const state = roll < 0.14 ? 'draft' : roll < 0.17 ? 'submitted' : 'approved';
        out.push({ region, period: periodText(spec.frequency, year, index), value: spec.value(k, rnd), state });
      }
    }
    // A value of another frequency, which both paths must ignore.
    if (spec.frequency !== 'year') out.push({ region, period: '2023', value: 1, state: 'approved' });
  }
  return out;
}

const AT = ['2020Q4', '2021Q1', '2021', '2022Q3', '2023-05', '2023', '2024Q2', '2024-12', '2025Q4', '2025', '2026Q2'];

for (const target of databaseTargets) {
  describe.skipIf(!checkTargetAvailability(target))(`bulk evaluation read path on ${target.name}`, () => {
    let started: Started;
    let drop: () => Promise<void>;
    let planId: number;

    beforeAll(async () => {
      const db = await target.create();
      drop = db.drop;
      started = await startServices({ ...db, maxUploadBytes: 1024 * 1024, loadDemo: false });
      const exec = (q: ReturnType<typeof sql>) => started.ctx.database.db.execute(q);
      await exec(sql`INSERT INTO regions (code, name, level, parent_code) VALUES (${CITY}, '测试市', 'city', NULL)`);
      for (const code of COUNTIES) {
        await exec(
          sql`INSERT INTO regions (code, name, level, parent_code) VALUES (${code}, ${`测试县${code}`}, 'county', ${CITY})`,
        );
      }
      await exec(sql`INSERT INTO documents (sha256, file_name, media_type, format, encoding, encoding_confidence, byte_size, original, text)
                     VALUES ('bulk-test', 'bulk.txt', 'text/plain', 'txt', 'utf-8', 1, 0, ''::bytea, '')`);
      const plan = (await exec(sql`INSERT INTO plans (region_code, period_start, period_end, title, document_id, status)
                     SELECT ${CITY}, 2021, 2025, '批量评估测试规划', id, 'published' FROM documents WHERE sha256 = 'bulk-test'
                     RETURNING id`)) as unknown as { rows: Array<{ id: number }> };
      planId = Number(plan.rows[0]!.id);
      const rnd = mulberry32(20261123);
      for (const [ordinal, spec] of SPECS.entries()) {
        const [row] = await started.ctx.database.db
          .execute(sql`
          INSERT INTO indicators (plan_id, key, code, ordinal, name, unit, attribute, direction, frequency, baseline, target, natural_limit)
          VALUES (${planId}, ${`bulk:${ordinal}`}, ${`T${ordinal}`}, ${ordinal}, ${spec.name}, '', ${spec.attribute},
                  ${spec.direction}, ${spec.frequency}, ${spec.baseline ? JSON.stringify(spec.baseline) : null}::jsonb,
                  ${JSON.stringify(spec.target)}::jsonb, ${spec.naturalLimit ?? null})
          RETURNING id`)
          .then((r) => (r as unknown as { rows: Array<{ id: number }> }).rows);
        const values = generatedValues(spec, rnd);
        await started.ctx.repos.values.insertMany(
          values.map((v) => ({
            indicatorId: Number(row!.id),
            regionCode: v.region,
            period: v.period,
            value: v.value,
            state: v.state as 'approved',
            createdBy: 'test',
            updatedBy: 'test',
          })),
        );
      }
    }, 120_000);
    afterAll(async () => {
      await started?.database.close();
      await drop?.();
    });

    it('gives, at every period asked, the status the engine gives on every approved value', async () => {
      const bulk = new BulkEvaluationService(started.ctx);
      const plan = (await started.ctx.repos.plans.get(planId))!;
      const rows = await started.ctx.repos.indicators.listByPlan(planId);
      const idByKey = new Map(rows.map((r) => [r.key, String(r.id)]));
      const domain = resolveRelativeTargets(rows.map((r) => toDomainIndicator(r, idByKey)));
      const all = await started.ctx.repos.values.listByPlan(planId, { states: ['approved'] });
      const observations = new Map<string, Observation[]>();
      for (const v of all) {
        const key = `${v.indicatorId}@${v.regionCode}`;
        const list = observations.get(key) ?? [];
        list.push({ period: v.period, value: v.value });
        observations.set(key, list);
      }
      const regionCodes = [CITY, ...COUNTIES];
      const needs = new Set<string>();
      const statuses = new Set<string>();
      let compared = 0;
      for (const at of AT) {
        const result = await bulk.evaluatePlan(planId, at, { regionCodes, concurrency: 3 });
        expect(result.indicators).toHaveLength(SPECS.length);
        for (const [i, ind] of domain.entries()) {
          const got = result.indicators[i]!;
          expect(got.indicatorId).toBe(rows[i]!.id);
          needs.add(got.need);
          for (const [r, region] of regionCodes.entries()) {
            const want = evaluateIndicator(
              ind,
              { start: plan.periodStart, end: plan.periodEnd },
              observations.get(`${ind.id}@${region}`) ?? [],
              at,
            );
            statuses.add(want.status);
            const status = STATUSES[got.status[r]!];
            if (status !== want.status) {
              throw new Error(
                `${ind.name} at ${at} in ${region}: bulk ${status}, engine ${want.status} (${want.rule})`,
              );
            }
            compared++;
          }
        }
      }
      expect(compared).toBe(AT.length * SPECS.length * regionCodes.length);
      // The test must exercise every kind of read and a spread of statuses, or it proves little.
      expect([...needs].sort()).toEqual(['extremes', 'last', 'sum', 'yearEnds']);
      for (const s of [
        'failed',
        'warning',
        'seriously_behind',
        'behind',
        'no_data',
        'not_assessable',
        'on_track',
        'ahead',
        'achieved',
      ]) {
        expect(statuses).toContain(s);
      }
    }, 120_000);

    it('reads far fewer numbers than there are values', async () => {
      const result = await new BulkEvaluationService(started.ctx).evaluatePlan(planId, '2025Q4', {
        regionCodes: [CITY, ...COUNTIES],
      });
      const read = result.indicators.reduce((n, r) => n + r.values, 0);
      const [{ n }] = (
        (await started.ctx.database.db.execute(
          sql`SELECT count(*)::int AS n FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id WHERE i.plan_id = ${planId} AND v.state = 'approved'`,
        )) as unknown as { rows: Array<{ n: number }> }
      ).rows as [{ n: number }];
      expect(read).toBeGreaterThan(0);
      expect(read).toBeLessThan(Number(n) / 2);
    });
  });
}
