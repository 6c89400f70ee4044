import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractPlan } from '../../../src/extract/index.ts';
import type { PlanExtraction } from '../../../src/extract/schema.ts';
import { normalizeDocument } from '../../../src/text/normalize.ts';
import { fixture, seedExtraction } from './seed.ts';

type ItemFixture = Record<string, Array<{ group: string | null; items: string[] }>>;
const squeeze = (s: string) => s.replace(/\s+/g, '');

/** The seed as the product reads it: through ingestion (spacing normalised, broken lines joined). */
describe('extraction of the seed after ingestion', () => {
  let out: PlanExtraction;
  let text: string;
  beforeAll(async () => {
    const bytes = readFileSync(new URL('../../../samples/yuncheng-14th-five-year-plan.txt', import.meta.url));
    const doc = await normalizeDocument({ bytes: new Uint8Array(bytes), fileName: 'plan.txt' });
    text = doc.text;
    out = extractPlan({ text: doc.text, tables: doc.tables, damaged: doc.damaged });
  });

  it('reads the indicator tables exactly as from the raw text', () => {
    const spec = (x: PlanExtraction) =>
      x.indicatorTables.map((t) =>
        t.rows.map((r) => [r.category, r.seq, r.parent, r.name, r.unit, r.attribute, Object.values(r.cells)]),
      );
    const cells = (x: PlanExtraction) =>
      JSON.parse(JSON.stringify(spec(x), (k, v) => (k === 'source' ? undefined : v)));
    expect(cells(out)).toEqual(cells(seedExtraction()));
  });

  it('names ≥ 95 % of the hand-checked project items (spacing aside)', () => {
    const want = fixture<ItemFixture>('project-items.json');
    let hit = 0;
    let total = 0;
    for (const [box, groups] of Object.entries(want)) {
      const pool = (out.projectBoxes.find((b) => b.box === box)?.groups ?? []).flatMap((g) =>
        g.items.map((i) => squeeze(i.name)),
      );
      for (const name of groups.flatMap((g) => g.items)) {
        total++;
        const k = pool.indexOf(squeeze(name));
        if (k >= 0) {
          hit++;
          pool.splice(k, 1);
        }
      }
    }
    expect(hit / total).toBeGreaterThanOrEqual(0.95);
  });

  it('finds the same boxes, zones, chains and commitments, with sources into the normalised text', () => {
    const seed = seedExtraction();
    expect(out.projectBoxes.map((b) => b.box)).toEqual(seed.projectBoxes.map((b) => b.box));
    expect(out.zones.map((z) => z.name)).toEqual(seed.zones.map((z) => z.name));
    expect(out.clusters.map((c) => c.chains.map((ch) => ch.segments))).toEqual(
      seed.clusters.map((c) => c.chains.map((ch) => ch.segments)),
    );
    expect(out.commitments.map((c) => c.value)).toEqual(seed.commitments.map((c) => c.value));
    for (const c of out.commitments) expect(text.slice(c.source.start, c.source.end)).toBe(c.source.text);
  });
});
