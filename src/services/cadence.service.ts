import {
  CADENCE_EVENT_NAMES,
  type Cadence,
  type CadenceEvent,
  CadenceSchema,
  DEFAULT_CADENCE,
  type ScheduledEvent,
  scheduleStatus,
} from '../domain/projects/cadence.ts';
import { LantuError } from '../errors.ts';
import type { ServiceContext } from './context.ts';

const KEY = 'cadence';

export interface StoredCadence {
  cadence: Cadence;
  /** 0 while the default is in force (nothing saved yet). */
  version: number;
  isDefault: boolean;
  updatedBy: string | null;
}

export interface QuarterSchedule {
  year: number;
  quarter: number;
  cadence: StoredCadence;
  events: ScheduledEvent[];
}

/**
 * The 五个一 cadence (一季一签约、一季一开工、一季一观摩、一季一考核、一季一通报, or the city's own rhythm) as
 * versioned configuration, and a quarter's schedule: each event due in it with whether it took place,
 * judged by scheduleStatus in the domain on the quarter's recorded events, tour scores, state and bulletin.
 */
export class CadenceService {
  constructor(private readonly ctx: ServiceContext) {}

  async get(): Promise<StoredCadence> {
    const row = await this.ctx.repos.settings.get(KEY);
    if (!row) return { cadence: DEFAULT_CADENCE, version: 0, isDefault: true, updatedBy: null };
    return {
      cadence: CadenceSchema.parse(row.value),
      version: row.version,
      isDefault: false,
      updatedBy: row.updatedBy,
    };
  }

  async save(input: unknown, version: number, actor: string): Promise<StoredCadence> {
    const parsed = CadenceSchema.safeParse(input);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => ({
        field: i.path.join('.'),
        zh: `${CADENCE_EVENT_NAMES[i.path[0] as CadenceEvent]?.zh ?? '周期设置'}（${i.path.join('.')}）：${i.message.includes('beyond') ? '周期内第几个月超出了周期长度' : '周期须为每月、每季度、每半年或每年，月份须为正整数'}`,
        en: `${i.path.join('.')}: ${i.message}`,
      }));
      throw new LantuError(
        'CADENCE_INVALID',
        { zh: problems.map((p) => p.zh).join('；'), en: problems.map((p) => p.en).join('; ') },
        { problems },
      );
    }
    return this.ctx.transaction(async (repos) => {
      const saved = await repos.settings.put(KEY, parsed.data, version, actor);
      if (!saved) {
        const current = await repos.settings.get(KEY);
        throw new LantuError(
          'STALE_VERSION',
          {
            zh: `周期设置当前为第 ${current?.version ?? 0} 版`,
            en: `the cadence is at version ${current?.version ?? 0}`,
          },
          { currentVersion: current?.version ?? 0 },
        );
      }
      await repos.audit.record({ actor, action: 'cadence.save', entity: 'setting', entityId: KEY, after: parsed.data });
      return { cadence: parsed.data, version: saved.version, isDefault: false, updatedBy: saved.updatedBy };
    });
  }

  async schedule(year: number, quarter: number): Promise<QuarterSchedule> {
    if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4) {
      throw new LantuError('VALIDATION_FAILED', { zh: `季度${quarter}无效`, en: `quarter ${quarter} is not valid` });
    }
    const repos = this.ctx.repos;
    const [stored, events, tour, q, bulletin] = await Promise.all([
      this.get(),
      // a cycle may be longer than the quarter (a half-yearly tour): the whole year's events
      Promise.all([1, 2, 3, 4].map((k) => repos.quarterEvents.list(year, k))).then((l) => l.flat()),
      repos.tourScores.list(year, quarter),
      repos.quarters.get(year, quarter),
      repos.bulletins.get(year, quarter),
    ]);
    return {
      year,
      quarter,
      cadence: stored,
      events: scheduleStatus(
        stored.cadence,
        { year, quarter },
        {
          events: events.map((e) => ({ kind: e.kind, heldOn: e.heldOn })),
          tourScored: tour.length > 0,
          assessmentClosed: q?.state === 'closed',
          bulletin: bulletin ? (bulletin.state === 'issued' ? 'issued' : 'draft') : null,
        },
      ),
    };
  }
}
