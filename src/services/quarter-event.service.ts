import type { QuarterEventRow } from '../db/schema.ts';
import { LantuError } from '../errors.ts';
import type { ServiceContext } from './context.ts';

export type EventKind = 'signing' | 'groundbreaking' | 'tour';

export interface EventInput {
  kind: EventKind;
  title: string;
  heldOn: string;
  place?: string | null | undefined;
  note?: string | null | undefined;
  evidence?: { documentId: number; start: number; end: number; text?: string | undefined } | null | undefined;
  /** The projects signed or started, with the amount (万元); amount null = not stated. */
  projects: Array<{ projectId: number; amount: number | null }>;
}

export interface QuarterEvent {
  event: QuarterEventRow;
  projects: Array<{ id: number; name: string; region: { code: string; name: string } | null; amount: number | null }>;
  /** Sum of the stated amounts (万元) and the number of projects: the figures a bulletin prints. */
  total: { projects: number; amount: number };
}

export interface QuarterEvents {
  year: number;
  quarter: number;
  events: QuarterEvent[];
  /** Per kind: events, projects and amount (万元), for the quarter page's headline figures. */
  totals: Record<EventKind, { events: number; projects: number; amount: number }>;
}

/**
 * The quarter's events of the 五个一 cycle: signings (签约, with the projects and amounts signed),
 * groundbreaking batches (集中开工) and the inspection tour (观摩). An event stated in a document keeps
 * the document and the offsets of the sentence as evidence. Events are created whole or not at all.
 */
export class QuarterEventService {
  constructor(private readonly ctx: ServiceContext) {}

  async list(year: number, quarter: number): Promise<QuarterEvents> {
    const rows = await this.ctx.repos.quarterEvents.list(year, quarter);
    const items = await this.ctx.repos.quarterEvents.projectsOf(rows.map((r) => r.id));
    const events = rows.map((event): QuarterEvent => {
      const ps = items
        .filter((i) => i.eventId === event.id)
        .map((i) => ({
          id: i.projectId,
          name: i.name,
          region: i.regionCode ? { code: i.regionCode, name: i.regionName ?? i.regionCode } : null,
          amount: i.amount,
        }));
      return { event, projects: ps, total: { projects: ps.length, amount: sum(ps.map((p) => p.amount ?? 0)) } };
    });
    const totals = { signing: zero(), groundbreaking: zero(), tour: zero() };
    for (const e of events) {
      const t = totals[e.event.kind];
      t.events++;
      t.projects += e.total.projects;
      t.amount = sum([t.amount, e.total.amount]);
    }
    return { year, quarter, events, totals };
  }

  async create(year: number, quarter: number, input: EventInput, actor: string, isDemo = false): Promise<QuarterEvent> {
    const problems = await this.check(year, quarter, input);
    if (problems.length) {
      throw new LantuError(
        'EVENT_INVALID',
        { zh: problems.map((p) => p.zh).join('；'), en: problems.map((p) => p.en).join('; ') },
        { problems },
      );
    }
    const saved = await this.ctx.transaction(async (repos) => {
      const row = await repos.quarterEvents.insert(
        {
          year,
          quarter,
          kind: input.kind,
          title: input.title.trim(),
          heldOn: input.heldOn,
          place: input.place ?? null,
          note: input.note ?? null,
          evidence: input.evidence ? { ...input.evidence } : null,
          isDemo,
        },
        input.projects,
      );
      await repos.audit.record({
        actor,
        action: 'quarter_event.create',
        entity: 'quarter_event',
        entityId: String(row.id),
        after: { ...row, projects: input.projects } as unknown as Record<string, unknown>,
      });
      return row;
    });
    const all = await this.list(year, quarter);
    return all.events.find((e) => e.event.id === saved.id)!;
  }

  async delete(id: number, actor: string): Promise<void> {
    await this.ctx.transaction(async (repos) => {
      const row = await repos.quarterEvents.get(id);
      if (!row) throw new LantuError('NOT_FOUND', { zh: `活动 ${id}`, en: `event ${id}` });
      await repos.quarterEvents.delete(id);
      await repos.audit.record({
        actor,
        action: 'quarter_event.delete',
        entity: 'quarter_event',
        entityId: String(id),
        before: row as unknown as Record<string, unknown>,
      });
    });
  }

  private async check(year: number, quarter: number, input: EventInput) {
    const out: Array<{ field: string; zh: string; en: string }> = [];
    const first = `${year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01`;
    const last = `${year}-${['03-31', '06-30', '09-30', '12-31'][quarter - 1]}`;
    if (!input.title.trim()) out.push({ field: 'title', zh: '请填写活动名称', en: 'the title is missing' });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.heldOn) || Number.isNaN(Date.parse(input.heldOn))) {
      out.push({ field: 'heldOn', zh: `日期“${input.heldOn}”无效`, en: `"${input.heldOn}" is not a date` });
    } else if (input.heldOn < first || input.heldOn > last) {
      out.push({
        field: 'heldOn',
        zh: `活动日期${input.heldOn}不在${year}年第${quarter}季度（${first}至${last}）`,
        en: `${input.heldOn} is not in ${year} Q${quarter} (${first} to ${last})`,
      });
    }
    if (input.kind === 'tour' && input.projects.some((p) => p.amount !== null)) {
      out.push({ field: 'projects', zh: '观摩活动不登记金额', en: 'a tour records no amounts' });
    }
    const ids = input.projects.map((p) => p.projectId);
    const dup = ids.filter((id, i) => ids.indexOf(id) !== i);
    if (dup.length) {
      out.push({ field: 'projects', zh: `项目${dup.join('、')}重复`, en: `projects listed twice: ${dup.join(', ')}` });
    }
    for (const p of input.projects) {
      if (p.amount !== null && !(Number.isFinite(p.amount) && p.amount >= 0)) {
        out.push({
          field: 'projects',
          zh: `项目${p.projectId}的金额${p.amount}无效`,
          en: `project ${p.projectId}: amount ${p.amount} is not valid`,
        });
      }
    }
    const have = await this.ctx.repos.quarterEvents.existingProjects(ids);
    const missing = ids.filter((id) => !have.has(id));
    if (missing.length) {
      out.push({ field: 'projects', zh: `项目${missing.join('、')}不存在`, en: `no project ${missing.join(', ')}` });
    }
    return out;
  }
}

const zero = () => ({ events: 0, projects: 0, amount: 0 });
/** Sums 万元 amounts, rounded to 0.01 万元 so that 23 amounts add up to exactly the stated total. */
function sum(xs: number[]): number {
  return Math.round(xs.reduce((s, x) => s + x, 0) * 100) / 100;
}
