import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ESCALATION,
  monthsElapsed,
  overdueProblems,
  problemStatus,
  warningLight,
} from '../../../../src/domain/projects/index.ts';

describe('warningLight (时序进度)', () => {
  const base = { plannedAnnualInvestment: 1200, monthsElapsed: 6 };

  it('is yellow at exactly 5 points behind and green just under (boundary)', () => {
    // due 6/12 = 50 %; 540/1200 = 45 % → 5.0 points behind
    expect(warningLight({ ...base, completedInvestmentYtd: 540 }, '2026-07-15').light).toBe('yellow');
    // 541.2/1200 = 45.1 % → 4.9 points
    const g = warningLight({ ...base, completedInvestmentYtd: 541.2 }, '2026-07-15');
    expect(g.light).toBe('green');
    expect(g.investmentLagPp).toBe(4.9);
  });

  it('is red at 10 points behind and names the numbers', () => {
    const r = warningLight({ ...base, completedInvestmentYtd: 480 }, '2026-07-15');
    expect(r.light).toBe('red');
    expect(r.investmentLagPp).toBe(10);
    expect(r.reasons[0]).toMatchObject({
      code: 'INVESTMENT_BEHIND_SCHEDULE',
      zh: '投资完成40%，时序进度50%，落后10个百分点',
      en: 'Investment 40% done against 50% time-proportional progress, 10 points behind',
    });
  });

  it('is green when ahead, with a negative lag', () => {
    const r = warningLight(
      { plannedAnnualInvestment: 1200, monthsElapsed: 8, completedInvestmentYtd: 900 },
      '2026-09-10',
    );
    expect(r.investmentLagPp).toBe(-8.3); // 66.7 % due, 75 % done
    expect(r.light).toBe('green');
  });

  it('takes the worse of investment and milestones; configurable bands', () => {
    const input = {
      ...base,
      completedInvestmentYtd: 600,
      milestones: [{ name: { zh: '开工', en: 'Start' }, planned: '2026-06-01', actual: null }],
    };
    // 2026-06-01 → 2026-07-01 is 30 days: yellow under the default bands
    expect(warningLight(input, '2026-07-01').light).toBe('yellow');
    expect(warningLight(input, '2026-06-30').light).toBe('green');
    const r = warningLight(input, '2026-08-30'); // 90 days → red
    expect(r.light).toBe('red');
    expect(r.milestoneLagDays).toBe(90);
    expect(r.reasons[1]!.zh).toBe('计划2026-06-01开工，尚未完成，滞后90天');
    const strict = { investmentYellowPp: 1, investmentRedPp: 2, milestoneYellowDays: 1, milestoneRedDays: 10 };
    expect(warningLight(input, '2026-06-05', strict).light).toBe('yellow');
  });

  it('ignores a milestone once it is reached', () => {
    const input = {
      ...base,
      completedInvestmentYtd: 600,
      milestones: [{ name: { zh: '开工', en: 'Start' }, planned: '2026-01-01', actual: '2026-05-01' }],
    };
    expect(warningLight(input, '2026-07-01').light).toBe('green');
  });

  it('gives no investment lag without a plan', () => {
    expect(
      warningLight({ plannedAnnualInvestment: 0, completedInvestmentYtd: 10, monthsElapsed: 3 }, '2026-04-02')
        .investmentLagPp,
    ).toBeNull();
  });

  it('counts only completed months as elapsed', () => {
    expect(monthsElapsed('2026-11-23')).toBe(10);
    expect(monthsElapsed('2026-01-31')).toBe(0);
  });
});

describe('problem ledger', () => {
  const p = { id: 'q1', projectId: 'p1', deadline: '2026-11-01' };

  it('is not overdue on the deadline day', () => {
    expect(problemStatus(p, '2026-11-01')).toMatchObject({ overdue: false, daysOverdue: 0, level: 'county' });
  });

  it('escalates county → city at 15 days → leader at 30 days (defaults)', () => {
    expect(problemStatus(p, '2026-11-02')).toMatchObject({ overdue: true, daysOverdue: 1, level: 'county' });
    expect(problemStatus(p, '2026-11-15')).toMatchObject({ daysOverdue: 14, level: 'county' });
    expect(problemStatus(p, '2026-11-16')).toMatchObject({ daysOverdue: 15, level: 'city' });
    const s = problemStatus(p, '2026-12-01');
    expect(s).toMatchObject({ daysOverdue: 30, level: 'leader' });
    expect(s.zh).toBe('办理时限2026-11-01，已超期30天，由包联市领导督办');
    expect(s.en).toBe('Due 2026-11-01, 30 days overdue, escalated to the liaison leader');
  });

  it('uses configured thresholds', () => {
    expect(problemStatus(p, '2026-11-04', { cityAfterDays: 3, leaderAfterDays: 7 }).level).toBe('city');
    expect(DEFAULT_ESCALATION).toEqual({ cityAfterDays: 15, leaderAfterDays: 30 });
  });

  it('does not count closed problems, and lists overdue ones longest first', () => {
    const list = [
      p,
      { id: 'q2', projectId: 'p2', deadline: '2026-10-01' },
      { id: 'q3', projectId: 'p3', deadline: '2026-09-01', closedOn: '2026-10-15' },
      { id: 'q0', projectId: 'p4', deadline: '2026-11-01' },
      { id: 'q5', projectId: 'p5', deadline: '2026-12-31' },
    ];
    expect(overdueProblems(list, '2026-11-10').map((s) => [s.id, s.daysOverdue])).toEqual([
      ['q2', 40],
      ['q0', 9],
      ['q1', 9],
    ]);
  });
});
