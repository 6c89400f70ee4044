import { describe, expect, it } from 'vitest';
import { DEFAULT_RUBRIC } from '../../src/domain/projects/rubric.ts';
import { checkTargetAvailability, databaseTargets } from '../helpers/db.ts';
import { useDemoApp } from '../helpers/demo-app.ts';

/**
 * 考核扣分与否决事项 on the demo city: a recorded veto sets a county's score to the rubric's veto score and
 * ranks it last, with the reason in the ranking and the bulletin; a deduction matter costs its points;
 * bad matters are refused field by field and save nothing; a closed quarter takes none.
 */

interface Entry {
  region: { code: string; name: string };
  score: number;
  rank: number;
  vetoed: boolean;
  vetoes: Array<{ code: string; zh: string; en: string }>;
  deductions: Array<{ key: string; count: number; points: number }>;
}

for (const target of databaseTargets) {
  describe.skipIf(!checkTargetAvailability(target))(`quarter penalties (veto, deduction) on ${target.name}`, () => {
    const demo = useDemoApp(target);

    const ranking = async (y: number, q: number) => {
      const res = await demo.app.inject(`/api/quarters/${y}/${q}/ranking?by=county`);
      expect(res.statusCode).toBe(200);
      return (res.json() as { entries: Entry[] }).entries;
    };
    const record = (y: number, q: number, payload: Record<string, unknown>) =>
      demo.app.inject({ method: 'POST', url: `/api/quarters/${y}/${q}/penalties`, payload });

    it('lists what the quarter’s rubric lets the office record: its vetoes, not the computed deduction', async () => {
      const res = await demo.app.inject('/api/quarters/2024/4/penalties?by=county');
      expect(res.statusCode).toBe(200);
      const v = res.json();
      expect(v.kinds.map((k: { input: string; kind: string }) => [k.input, k.kind])).toEqual([
        ['majorSafetyAccident', 'veto'],
        ['falsifiedData', 'veto'],
      ]);
      expect(v.regions).toHaveLength(13);
      expect(v.items).toEqual([]);
      expect(v.rubric).toMatchObject({ id: DEFAULT_RUBRIC.id, version: 1 });
    });

    it('a safety accident vetoes the first-ranked county: last place, score 0, reason in the ranking and bulletin', async () => {
      const before = await ranking(2024, 4);
      const first = before.find((e) => e.rank === 1)!;
      expect(first.vetoed).toBe(false);
      const res = await record(2024, 4, {
        by: 'county',
        groupKey: first.region.code,
        input: 'majorSafetyAccident',
        occurredOn: '2024-11-12',
        reason: '某项目工地发生较大生产安全事故，造成2人死亡',
        source: '市应急管理局通报',
      });
      expect(res.statusCode).toBe(200);
      const saved = res.json();
      expect(saved).toMatchObject({
        region: first.region,
        kind: { input: 'majorSafetyAccident', kind: 'veto', label: { zh: '发生重大安全生产事故' } },
        occurredOn: '2024-11-12',
        source: '市应急管理局通报',
      });

      const after = await ranking(2024, 4);
      const vetoed = after.find((e) => e.region.code === first.region.code)!;
      expect(vetoed).toMatchObject({ vetoed: true, score: DEFAULT_RUBRIC.vetoScore, rank: 13 });
      expect(vetoed.vetoes.map((v) => v.zh)).toEqual(['一票否决：发生重大安全生产事故']);
      // everyone else moves up one place, in the same order
      const others = (entries: Entry[]) =>
        entries
          .filter((e) => e.region.code !== first.region.code)
          .sort((a, b) => a.rank - b.rank)
          .map((e) => e.region.code);
      expect(others(after)).toEqual(others(before));
      expect(after.find((e) => e.rank === 1)!.region.code).not.toBe(first.region.code);

      const draft = await demo.app.inject({ method: 'POST', url: '/api/bulletins/2024/4/draft' });
      expect(draft.statusCode).toBe(201);
      const text = draft.json().content.paragraphs.find((p: { id: string }) => p.id === 'ranking').text as string;
      expect(text).toContain(`${first.region.name}因发生重大安全生产事故，实行一票否决，考核得分计为0分、排名末位。`);

      // deleting the matter restores the county's place
      const del = await demo.app.inject({ method: 'DELETE', url: `/api/quarters/2024/4/penalties/${saved.id}` });
      expect(del.statusCode).toBe(204);
      expect((await ranking(2024, 4)).find((e) => e.region.code === first.region.code)).toMatchObject({
        vetoed: false,
        rank: 1,
        score: first.score,
      });
      const audit = await demo.started.ctx.repos.audit.list('quarter_penalty', String(saved.id));
      expect(audit.map((a) => a.action)).toEqual(['penalty.delete', 'penalty.record']);
    });

    it('a deduction of a newer rubric costs its points per matter, up to its maximum', async () => {
      const v2 = {
        ...DEFAULT_RUBRIC,
        name: { zh: '含通报批评扣分的细则', en: 'Rubric with a criticism deduction' },
        deductions: [
          ...DEFAULT_RUBRIC.deductions,
          {
            key: 'criticised',
            label: { zh: '被省级通报批评', en: 'Criticised by the province' },
            input: 'provincialCriticisms',
            pointsEach: 2,
            max: 3,
          },
        ],
      };
      const created = await demo.app.inject({ method: 'POST', url: '/api/rubrics', payload: v2 });
      expect(created.statusCode).toBe(201);
      // 2025 Q1 is not bound yet: the first matter binds it to the new version
      const kinds = (await demo.app.inject('/api/quarters/2025/1/penalties')).json().kinds;
      expect(kinds.map((k: { input: string }) => k.input)).toContain('provincialCriticisms');
      const county = '140802';
      const base = (await ranking(2025, 1)).find((e) => e.region.code === county)!;
      for (const day of ['2025-01-20', '2025-03-03']) {
        const r = await record(2025, 1, {
          by: 'county',
          groupKey: county,
          input: 'provincialCriticisms',
          occurredOn: day,
          reason: '项目推进不力被省重点办通报批评',
        });
        expect(r.statusCode).toBe(200);
      }
      const after = (await ranking(2025, 1)).find((e) => e.region.code === county)!;
      expect(after.deductions.find((d) => d.key === 'criticised')).toMatchObject({ count: 2, points: 3 });
      expect(after.score).toBeCloseTo(base.score - 3, 2);
      const bound = (await demo.app.inject('/api/quarters/2025/1/ranking')).json().rubric;
      expect(bound).toMatchObject({ version: 2, bound: true });
    });

    it('refuses a matter outside the quarter, without a reason, for an unknown region or input; saves nothing', async () => {
      const bad = await record(2024, 4, {
        by: 'county',
        groupKey: '999999',
        input: 'majorSafetyAccident',
        occurredOn: '2024-09-30',
        reason: '  ',
      });
      expect(bad.statusCode).toBe(422);
      const error = bad.json().error;
      expect(error.code).toBe('PENALTY_INVALID');
      expect(error.messageZh).toContain('“999999”不在运城市');
      expect(error.messageZh).toContain('发生日期须在本季度内（2024-10-01 至 2024-12-31）');
      expect(error.messageZh).toContain('请写明事由');
      expect(error.messageEn).toContain('the date must fall within the quarter');
      expect(error.data.problems.map((p: { field: string }) => p.field)).toEqual(['groupKey', 'occurredOn', 'reason']);
      // overdue problems are counted from the ledger, not recorded by hand
      const computed = await record(2024, 4, {
        by: 'county',
        groupKey: '140802',
        input: 'overdueProblems',
        occurredOn: '2024-10-09',
        reason: '手工扣分',
      });
      expect(computed.statusCode).toBe(422);
      expect(computed.json().error.messageZh).toContain('没有“overdueProblems”这一扣分或否决项');
      expect((await demo.app.inject('/api/quarters/2024/4/penalties')).json().items).toEqual([]);
      // a closed quarter takes none
      const closed = await record(2024, 3, {
        by: 'county',
        groupKey: '140802',
        input: 'falsifiedData',
        occurredOn: '2024-08-01',
        reason: '统计数据弄虚作假',
      });
      expect(closed.statusCode).toBe(409);
      expect(closed.json().error.code).toBe('QUARTER_CLOSED');
    });
  });
}
