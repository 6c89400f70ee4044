import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PlanExtractionSchema, planExtractionJsonSchema } from '../../../src/extract/schema.ts';
import { seedExtraction, seedText } from './seed.ts';

const committed = JSON.parse(
  readFileSync(new URL('../../../schemas/plan-extraction.schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

/**
 * A small JSON Schema checker for the subset the generated schema uses (type, properties,
 * required, items, enum, $ref, anyOf, additionalProperties); returns the paths that fail.
 */
function check(schema: Record<string, unknown>, value: unknown, defs: Record<string, unknown>, path = '$'): string[] {
  if (typeof schema.$ref === 'string') {
    return check(defs[schema.$ref.replace('#/$defs/', '')] as Record<string, unknown>, value, defs, path);
  }
  if (Array.isArray(schema.anyOf)) {
    const ok = schema.anyOf.some((s) => check(s as Record<string, unknown>, value, defs, path).length === 0);
    return ok ? [] : [`${path}: no anyOf branch fits`];
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return [`${path}: ${String(value)} not in enum`];
  const types = ([] as unknown[]).concat(schema.type ?? []);
  if (types.length && !types.some((t) => typeFits(t as string, value))) return [`${path}: not ${types.join('|')}`];
  const errors: string[] = [];
  if (Array.isArray(value) && schema.items) {
    for (const [i, v] of value.entries()) {
      errors.push(...check(schema.items as Record<string, unknown>, v, defs, `${path}[${i}]`));
    }
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
    for (const r of (schema.required ?? []) as string[]) if (!(r in value)) errors.push(`${path}.${r}: missing`);
    for (const [k, v] of Object.entries(value)) {
      if (props[k]) errors.push(...check(props[k], v, defs, `${path}.${k}`));
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
        errors.push(...check(schema.additionalProperties as Record<string, unknown>, v, defs, `${path}.${k}`));
      } else if (schema.additionalProperties === false) errors.push(`${path}.${k}: not allowed`);
    }
  }
  return errors;
}

function typeFits(t: string, v: unknown): boolean {
  if (t === 'null') return v === null;
  if (t === 'integer') return Number.isInteger(v);
  if (t === 'array') return Array.isArray(v);
  if (t === 'object') return typeof v === 'object' && v !== null && !Array.isArray(v);
  return typeof v === t;
}

describe('the committed JSON Schema of plan extraction', () => {
  it('is the one generated from the zod schemas (regenerate schemas/plan-extraction.schema.json if not)', () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(planExtractionJsonSchema())));
  });

  it('accepts the seed extraction, checked by the JSON Schema and by zod', () => {
    const out = JSON.parse(JSON.stringify(seedExtraction()));
    expect(check(committed, out, committed.$defs as Record<string, unknown>)).toEqual([]);
    expect(PlanExtractionSchema.safeParse(out).success).toBe(true);
  });

  it('rejects output that breaks the contract', () => {
    const out = JSON.parse(JSON.stringify(seedExtraction()));
    out.indicatorTables[0].rows[0].attribute = 'mandatory';
    delete out.zones[0].industries;
    const errors = check(committed, out, committed.$defs as Record<string, unknown>);
    expect(errors).toEqual(
      expect.arrayContaining([expect.stringContaining('attribute'), expect.stringContaining('industries: missing')]),
    );
  });

  it('has outline nodes with level, number, title, start, end, kind, children and source', () => {
    const [first] = seedExtraction().outline;
    expect(Object.keys(first ?? {}).sort()).toEqual(
      ['children', 'end', 'kind', 'level', 'number', 'source', 'start', 'title'].sort(),
    );
    expect(seedText.slice(first?.start, first?.end).startsWith('第一章')).toBe(true);
  });
});
