import { describe, expect, it } from 'vitest';
import { DEFAULT_CADENCE } from '../../src/domain/projects/cadence.ts';
import { checkTargetAvailability, databaseTargets } from '../helpers/db.ts';
import { useDemoApp } from '../helpers/demo-app.ts';

/**
 * The 五个一 cadence as configuration and a quarter's schedule on the demo city: 2024 Q4 has its
 * groundbreaking and tour but no signing; a half-yearly tour moves the tour out of Q3; a bad cadence is
 * refused with the field, a stale one with 409, and neither changes what is stored.
 */
interface Scheduled {
  event: string;
  month: number;
  cycle: string;
  status: string;
  detailZh: string;
}

for (const target of databaseTargets) {
  describe.skipIf(!checkTargetAvailability(target))(`五个一 cadence and schedule on ${target.name}`, () => {
    const demo = useDemoApp(target);

    const schedule = async (y: number, q: number) => {
      const res = await demo.app.inject(`/api/quarters/${y}/${q}/schedule`);
      expect(res.statusCode).toBe(200);
      return res.json() as { events: Scheduled[]; cadence: { version: number; isDefault: boolean } };
    };

    it('judges 2024 Q4 of the demo on its recorded events, state and bulletin, with the default cadence', async () => {
      const s = await schedule(2024, 4);
      expect(s.cadence).toMatchObject({ version: 0, isDefault: true });
      const events = (await demo.app.inject('/api/quarters/2024/4/events')).json();
      const held = (kind: string) =>
        events.events.filter((e: { kind: string }) => e.kind === kind).map((e: { heldOn: string }) => e.heldOn);
      expect(s.events.map((e) => [e.event, e.month])).toEqual([
        ['signing', 10],
        ['groundbreaking', 10],
        ['tour', 12],
        ['assessment', 12],
        ['bulletin', 12],
      ]);
      const byEvent = new Map(s.events.map((e) => [e.event, e]));
      expect(byEvent.get('signing')!.status).toBe(held('signing').length > 0 ? 'done' : 'missing');
      expect(byEvent.get('groundbreaking')).toMatchObject({
        status: 'done',
        detailZh: `已举办：${held('groundbreaking').sort().join('、')}`,
      });
      expect(byEvent.get('tour')!.status).toBe('done');
      // 2024 Q4 is open in the demo (Q3 is closed), and has no bulletin yet
      expect(byEvent.get('assessment')).toMatchObject({ status: 'in_progress', detailZh: '考核进行中' });
      expect(byEvent.get('bulletin')).toMatchObject({ status: 'missing', detailZh: '尚未起草' });
      expect((await schedule(2024, 3)).events.find((e) => e.event === 'assessment')?.status).toBe('done');
      // drafting the bulletin moves it on
      expect((await demo.app.inject({ method: 'POST', url: '/api/bulletins/2024/4/draft' })).statusCode).toBe(201);
      expect((await schedule(2024, 4)).events.find((e) => e.event === 'bulletin')).toMatchObject({
        status: 'in_progress',
        detailZh: '草稿待印发',
      });
    });

    it('a half-yearly tour is due in June and December only; bad and stale cadences change nothing', async () => {
      const halfYearly = { ...DEFAULT_CADENCE, tour: { every: 6, monthInCycle: 6 } };
      const saved = await demo.app.inject({
        method: 'PUT',
        url: '/api/cadence',
        payload: { version: 0, cadence: halfYearly },
      });
      expect(saved.statusCode).toBe(200);
      expect(saved.json()).toMatchObject({ version: 1, isDefault: false, cadence: { tour: { every: 6 } } });
      expect((await schedule(2024, 3)).events.some((e) => e.event === 'tour')).toBe(false);
      expect((await schedule(2024, 4)).events.find((e) => e.event === 'tour')).toMatchObject({
        month: 12,
        cycle: '2024-H2',
        status: 'done',
      });

      const bad = await demo.app.inject({
        method: 'PUT',
        url: '/api/cadence',
        payload: { version: 1, cadence: { ...halfYearly, bulletin: { every: 2, monthInCycle: 3 } } },
      });
      expect(bad.statusCode).toBe(422);
      expect(bad.json().error.code).toBe('CADENCE_INVALID');
      expect(bad.json().error.messageZh).toContain('bulletin.every');
      const stale = await demo.app.inject({
        method: 'PUT',
        url: '/api/cadence',
        payload: { version: 0, cadence: DEFAULT_CADENCE },
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('STALE_VERSION');
      expect((await demo.app.inject('/api/cadence')).json()).toMatchObject({
        version: 1,
        cadence: { tour: { every: 6 } },
      });
      const audit = await demo.started.ctx.repos.audit.list('setting', 'cadence');
      expect(audit.map((a) => a.action)).toEqual(['cadence.save']);
    });
  });
}
