import { readFileSync } from 'node:fs';
import { extractPlan } from '../../../src/extract/index.ts';
import type { PlanExtraction } from '../../../src/extract/schema.ts';

/** The seed plan and its extraction, computed once per test file. */
export const seedText = readFileSync(
  new URL('../../../samples/yuncheng-14th-five-year-plan.txt', import.meta.url),
  'utf8',
);

let cached: PlanExtraction | null = null;
export function seedExtraction(): PlanExtraction {
  cached ??= extractPlan({ text: seedText });
  return cached;
}

export function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../fixtures/extract/${name}`, import.meta.url), 'utf8')) as T;
}
