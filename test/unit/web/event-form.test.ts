import { describe, expect, it } from 'vitest';
import {
  eventBody,
  eventProblemsToFields,
  formTotal,
  missingFields,
  quarterDays,
  toWan,
} from '../../../web/src/pages/projects/quarter/event-form.ts';

describe('quarter event form', () => {
  it('turns amounts typed in 亿元 into the 万元 the API stores, to 0.01 万元', () => {
    expect(toWan(1.5, 'yi')).toBe(15_000);
    expect(toWan(134.66, 'yi')).toBe(1_346_600);
    expect(toWan(0.123456, 'yi')).toBe(1234.56);
    expect(toWan(2500, 'wan')).toBe(2500);
    expect(toWan(null, 'yi')).toBeNull();
    expect(toWan(Number.NaN, 'wan')).toBeNull();
  });

  it('totals the rows as the event card will (unstated amounts count 0)', () => {
    const rows = [
      { projectId: 1, name: 'a', amount: 1.5 },
      { projectId: 2, name: 'b', amount: 2.25 },
      { projectId: 3, name: 'c', amount: null },
    ];
    expect(formTotal(rows, 'yi')).toEqual({ projects: 3, wan: 37_500 });
    expect(formTotal(rows, 'wan')).toEqual({ projects: 3, wan: 3.75 });
  });

  it('builds the request body: trimmed text, 万元 amounts, none for a tour', () => {
    const v = {
      kind: 'signing' as const,
      heldOn: '2024-11-20',
      title: '  集中签约 ',
      place: ' ',
      note: undefined,
      unit: 'yi' as const,
      projects: [{ projectId: 7, name: 'x', amount: 0.5 }],
    };
    expect(eventBody(v)).toEqual({
      kind: 'signing',
      title: '集中签约',
      heldOn: '2024-11-20',
      place: null,
      note: null,
      projects: [{ projectId: 7, amount: 5000 }],
    });
    expect(eventBody({ ...v, kind: 'tour' }).projects).toEqual([{ projectId: 7, amount: null }]);
  });

  it('names what is missing and the days of the quarter', () => {
    expect(missingFields({ title: ' ', heldOn: '' })).toEqual(['title', 'heldOn']);
    expect(missingFields({ title: 'x', heldOn: '2024-11-20' })).toEqual([]);
    expect(quarterDays(2024, 4)).toEqual({ first: '2024-10-01', last: '2024-12-31' });
    expect(quarterDays(2025, 1)).toEqual({ first: '2025-01-01', last: '2025-03-31' });
  });

  it('puts the API’s problems on their fields in the current language', () => {
    const problems = [
      { field: 'heldOn', zh: '日期不在本季度', en: 'not in the quarter' },
      { field: 'projects', zh: '项目1重复', en: 'project 1 twice' },
      { field: 'projects', zh: '项目9不存在', en: 'no project 9' },
    ];
    expect(eventProblemsToFields(problems, 'en')).toEqual([
      { name: 'heldOn', errors: ['not in the quarter'] },
      { name: 'projects', errors: ['project 1 twice', 'no project 9'] },
    ]);
  });
});
