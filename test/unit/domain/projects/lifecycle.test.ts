import { describe, expect, it } from 'vitest';
import { checkTransition, type ProjectState } from '../../../../src/domain/projects/index.ts';

const TODAY = '2026-11-23';
const codes = (p: ProjectState, c: Parameters<typeof checkTransition>[1]) =>
  checkTransition(p, c, TODAY).map((v) => v.code);

const reserve: ProjectState = { id: 'p1', library: 'reserve', milestones: { signed: '2026-03-10' } };

describe('checkTransition', () => {
  it('accepts a clean start and move to the construction library', () => {
    expect(checkTransition(reserve, { library: 'construction', milestones: { started: '2026-04-01' } }, TODAY)).toEqual(
      [],
    );
  });

  it('refuses a start without signing, unless the project type skips signing', () => {
    const unsigned: ProjectState = { id: 'p2', library: 'reserve', milestones: {} };
    expect(codes(unsigned, { milestones: { started: '2026-04-01' } })).toEqual(['START_WITHOUT_SIGNING']);
    expect(codes({ ...unsigned, skipsSigning: true }, { milestones: { started: '2026-04-01' } })).toEqual([]);
  });

  it('refuses a start dated before the signing, with both dates in the message', () => {
    const v = checkTransition(reserve, { milestones: { started: '2026-03-09' } }, TODAY);
    expect(v.map((x) => x.code)).toEqual(['MILESTONE_ORDER']);
    expect(v[0]!.zh).toBe('开工日期2026-03-09早于签约日期2026-03-10');
    expect(v[0]!.en).toBe('The start date 2026-03-09 is before the signing date 2026-03-10');
  });

  it('allows a start on the signing day (boundary)', () => {
    expect(codes(reserve, { milestones: { started: '2026-03-10' } })).toEqual([]);
  });

  it('refuses dates in the future but accepts today', () => {
    expect(codes(reserve, { milestones: { started: '2026-11-24' } })).toEqual(['DATE_IN_FUTURE']);
    expect(codes(reserve, { milestones: { started: TODAY } })).toEqual([]);
  });

  it('refuses impossible dates', () => {
    expect(codes(reserve, { milestones: { started: '2026-02-30' } })).toEqual(['DATE_INVALID']);
  });

  it('refuses production before start and capacity before production', () => {
    const p: ProjectState = {
      id: 'p',
      library: 'construction',
      milestones: { signed: '2025-01-01', started: '2025-03-01' },
    };
    expect(codes(p, { milestones: { in_production: '2025-02-01' } })).toEqual(['MILESTONE_ORDER']);
    expect(codes(p, { milestones: { in_production: '2026-02-01', at_capacity: '2026-01-01' } })).toEqual([
      'MILESTONE_ORDER',
    ]);
  });

  it('needs a reason to change or remove a recorded date', () => {
    expect(codes(reserve, { milestones: { signed: '2026-03-01' } })).toEqual(['MILESTONE_CHANGE_NEEDS_REASON']);
    expect(codes(reserve, { milestones: { signed: null } })).toEqual(['MILESTONE_CHANGE_NEEDS_REASON']);
    expect(codes(reserve, { milestones: { signed: '2026-03-01' }, reason: '合同补签日期更正' })).toEqual([]);
    // re-sending the same date is not a change
    expect(codes(reserve, { milestones: { signed: '2026-03-10' } })).toEqual([]);
  });

  it('moves libraries one step forward only, unless explicitly allowed', () => {
    const conceived: ProjectState = { id: 'c', library: 'conceived', milestones: {} };
    expect(codes(conceived, { library: 'reserve' })).toEqual([]);
    expect(codes(conceived, { library: 'construction' })).toEqual(['LIBRARY_SKIP']);
    expect(codes(conceived, { library: 'construction', allowSkip: true })).toEqual([]);
  });

  it('needs a reason to return a project to an earlier library', () => {
    const c: ProjectState = { id: 'c', library: 'construction', milestones: { signed: '2026-01-05' } };
    expect(codes(c, { library: 'reserve' })).toEqual(['LIBRARY_BACKWARD_NEEDS_REASON']);
    expect(codes(c, { library: 'reserve', reason: '   ' })).toEqual(['LIBRARY_BACKWARD_NEEDS_REASON']);
    expect(codes(c, { library: 'conceived', reason: '用地未落实，重新谋划' })).toEqual([]);
  });

  it('needs production and a stated capacity rate to enter the in-effect library', () => {
    const c: ProjectState = {
      id: 'c',
      library: 'construction',
      milestones: { signed: '2025-01-05', started: '2025-02-01' },
    };
    expect(codes(c, { library: 'in_effect' })).toEqual(['IN_EFFECT_NEEDS_PRODUCTION', 'IN_EFFECT_NEEDS_CAPACITY_RATE']);
    expect(codes(c, { library: 'in_effect', milestones: { in_production: '2026-06-30' } })).toEqual([
      'IN_EFFECT_NEEDS_CAPACITY_RATE',
    ]);
    expect(codes(c, { library: 'in_effect', milestones: { in_production: '2026-06-30' }, capacityRate: 0.85 })).toEqual(
      [],
    );
    expect(codes(c, { library: 'in_effect', milestones: { in_production: '2026-06-30' }, capacityRate: -0.1 })).toEqual(
      ['CAPACITY_RATE_INVALID'],
    );
  });

  it('reports several violations at once, each bilingual', () => {
    const conceived: ProjectState = { id: 'c', library: 'conceived', milestones: {} };
    const v = checkTransition(conceived, { library: 'in_effect', milestones: { started: '2027-01-01' } }, TODAY);
    expect(v.map((x) => x.code).sort()).toEqual(
      [
        'DATE_IN_FUTURE',
        'IN_EFFECT_NEEDS_CAPACITY_RATE',
        'IN_EFFECT_NEEDS_PRODUCTION',
        'LIBRARY_SKIP',
        'START_WITHOUT_SIGNING',
      ].sort(),
    );
    for (const x of v) {
      expect(x.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(x.en).toMatch(/^[\x20-\x7e]+$/);
    }
  });
});
