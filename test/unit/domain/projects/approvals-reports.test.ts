import { describe, expect, it } from 'vitest';
import {
  approvalAlert,
  checkApproval,
  DEFAULT_CHECKLIST,
  defaultChecklist,
  monthlyFigures,
  quarterEnd,
  type ReportMonth,
  sniffPhoto,
} from '../../../../src/domain/projects/index.ts';

const TODAY = '2026-11-23';
const codes = (v: ReturnType<typeof checkApproval>) => v.map((x) => x.code);

describe('checkApproval', () => {
  const permit = { kind: 'construction_permit' as const, title: '施工许可证' };

  it('needs a done date and, for a permit, its number', () => {
    expect(codes(checkApproval({ ...permit, status: 'done' }, TODAY))).toEqual([
      'APPROVAL_DONE_DATE',
      'APPROVAL_PERMIT_NO',
    ]);
    expect(codes(checkApproval({ ...permit, status: 'done', doneOn: '2026-03-01', permitNo: '  ' }, TODAY))).toEqual([
      'APPROVAL_PERMIT_NO',
    ]);
    expect(
      checkApproval({ ...permit, status: 'done', doneOn: '2026-03-01', permitNo: '140821202603010101' }, TODAY),
    ).toEqual([]);
  });

  it('lets funding and other items be done without a number', () => {
    expect(checkApproval({ kind: 'funding', title: '资金落实', status: 'done', doneOn: '2026-01-02' }, TODAY)).toEqual(
      [],
    );
  });

  it('refuses a done date in the future, on an open item, or not a calendar date', () => {
    expect(codes(checkApproval({ ...permit, status: 'done', doneOn: '2026-12-01', permitNo: 'x' }, TODAY))).toEqual([
      'APPROVAL_DONE_FUTURE',
    ]);
    expect(codes(checkApproval({ ...permit, status: 'in_progress', doneOn: '2026-01-01' }, TODAY))).toEqual([
      'APPROVAL_DONE_DATE_STATUS',
    ]);
    expect(codes(checkApproval({ ...permit, status: 'in_progress', dueOn: '2026-02-30' }, TODAY))).toEqual([
      'APPROVAL_DATE',
    ]);
    const bad = checkApproval({ ...permit, status: 'done' }, TODAY)[0]!;
    expect(bad.zh).toContain('办结日期');
    expect(bad.en).toContain('date');
  });
});

describe('approvalAlert', () => {
  it('is overdue when still open after its due date, counted to the day asked', () => {
    const item = { status: 'in_progress' as const, dueOn: '2026-06-30', doneOn: null };
    expect(approvalAlert(item, '2026-06-30')).toMatchObject({ overdue: false, daysOverdue: 0 });
    expect(approvalAlert(item, '2026-07-10')).toMatchObject({ overdue: true, daysOverdue: 10, blocked: false });
    expect(approvalAlert(item, '2026-07-10').zh).toBe('应于2026-06-30办结，已超期10天');
  });

  it('was overdue at a past date when it was done only later', () => {
    const done = { status: 'done' as const, dueOn: '2026-06-30', doneOn: '2026-09-01' };
    expect(approvalAlert(done, '2026-08-31').overdue).toBe(true);
    expect(approvalAlert(done, '2026-09-01').overdue).toBe(false);
    expect(approvalAlert({ status: 'not_needed', dueOn: '2020-01-01', doneOn: null }, TODAY).overdue).toBe(false);
  });

  it('flags a blocked item even without a due date', () => {
    expect(approvalAlert({ status: 'blocked', dueOn: null, doneOn: null }, TODAY)).toMatchObject({
      blocked: true,
      overdue: false,
      zh: '要素保障受阻',
    });
  });
});

describe('default checklist and quarters', () => {
  it('has the six usual items, permits with an issuing department', () => {
    expect(DEFAULT_CHECKLIST.map((c) => c.kind)).toEqual([
      'land',
      'energy',
      'environment',
      'funding',
      'planning',
      'construction_permit',
    ]);
    expect(defaultChecklist(7, 'me').every((r) => r.projectId === 7 && r.status === 'not_started')).toBe(true);
  });

  it('ends each quarter on its last day', () => {
    expect([1, 2, 3, 4].map((q) => quarterEnd(2025, q as 1 | 2 | 3 | 4))).toEqual([
      '2025-03-31',
      '2025-06-30',
      '2025-09-30',
      '2025-12-31',
    ]);
  });
});

describe('monthlyFigures', () => {
  const m = (
    year: number,
    month: number,
    completed: number,
    state: ReportMonth['state'] = 'approved',
  ): ReportMonth => ({
    year,
    month,
    planned: 100,
    completed,
    state,
  });
  const months = [
    m(2025, 11, 40),
    m(2025, 12, 60),
    m(2026, 1, 50),
    m(2026, 2, 70.25, 'submitted'),
    m(2026, 3, 90, 'draft'),
  ];

  it('gives this month, the year to date and the total since the start, with the months behind them', () => {
    const f = monthlyFigures(months, 2026, 2);
    expect(f).toMatchObject({ thisMonth: 70.3, yearToDate: 120.3, sinceStart: 220.3, plannedThisYear: 300 });
    expect(f.provenance.months).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(f.provenance.unapprovedMonths).toEqual(['2026-02']);
    expect(f.provenance.rule).toContain('2026年1月至2月');
  });

  it('is zero for a month with no report, and never counts later months', () => {
    expect(monthlyFigures(months, 2025, 10)).toMatchObject({ thisMonth: 0, yearToDate: 0, sinceStart: 0 });
    expect(monthlyFigures(months, 2025, 12).sinceStart).toBe(100);
  });
});

describe('sniffPhoto', () => {
  const bytes = (...b: number[]) => new Uint8Array(b);
  it('knows JPEG, PNG and WebP by their first bytes only', () => {
    expect(sniffPhoto(bytes(0xff, 0xd8, 0xff, 0xe1))).toBe('image/jpeg');
    expect(sniffPhoto(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe('image/png');
    expect(sniffPhoto(new Uint8Array([...Buffer.from('RIFF'), 1, 2, 3, 4, ...Buffer.from('WEBP')]))).toBe('image/webp');
  });

  it('refuses everything else, including look-alikes', () => {
    expect(sniffPhoto(new Uint8Array(Buffer.from('GIF89a')))).toBeNull();
    expect(sniffPhoto(new Uint8Array([...Buffer.from('RIFF'), 1, 2, 3, 4, ...Buffer.from('WAVE')]))).toBeNull();
    expect(sniffPhoto(bytes(0x89, 0x50, 0x4e, 0x47))).toBeNull();
    expect(sniffPhoto(bytes(0xff, 0xd8))).toBeNull();
    expect(sniffPhoto(new Uint8Array(0))).toBeNull();
    expect(sniffPhoto(new Uint8Array(Buffer.from('%PDF-1.7')))).toBeNull();
  });
});
