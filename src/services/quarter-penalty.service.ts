import type { QuarterPenaltyRow } from '../db/schema.ts';
import { type PenaltyKind, penaltyKinds } from '../domain/projects/rubric.ts';
import { LantuError } from '../errors.ts';
import type { ServiceContext } from './context.ts';
import { QuarterService, quarterClosed, type RankBy } from './quarter.service.ts';
import { assessedRegions } from './tour-score.service.ts';

export interface PenaltyInput {
  by: RankBy;
  /** A county's code, or a development zone's name. */
  groupKey: string;
  /** The rubric input it feeds: a veto's or a deduction's `input`. */
  input: string;
  occurredOn: string;
  reason: string;
  source?: string | null | undefined;
}

export interface Penalty {
  id: number;
  region: { code: string; name: string };
  kind: PenaltyKind;
  occurredOn: string;
  reason: string;
  source: string | null;
  createdBy: string | null;
  createdAt: Date;
}

export interface PenaltyView {
  year: number;
  quarter: number;
  by: RankBy;
  rubric: { id: string; version: number; bound: boolean; vetoScore: number };
  state: 'open' | 'closed';
  /** What may be recorded under the quarter's rubric (its hand-fed vetoes and deductions). */
  kinds: PenaltyKind[];
  regions: Array<{ code: string; name: string }>;
  items: Penalty[];
}

const QUARTER_FIRST = ['01-01', '04-01', '07-01', '10-01'];
const QUARTER_LAST = ['03-31', '06-30', '09-30', '12-31'];

/**
 * 考核扣分与否决事项: the matters that cost a county or zone points (a deduction per matter) or its whole
 * score (一票否决) in a quarter's assessment. Only the vetoes and deductions of the quarter's rubric that
 * the assessment does not compute itself can be recorded (penaltyKinds); each matter says when it
 * happened (within the quarter), what happened and where that is stated. The first matter binds the
 * quarter to the current rubric, as a tour score does; a closed quarter takes no more and loses none.
 */
export class QuarterPenaltyService {
  constructor(private readonly ctx: ServiceContext) {}

  async view(year: number, quarter: number, by: RankBy, cityCode?: string): Promise<PenaltyView> {
    const quarters = new QuarterService(this.ctx);
    const city = await quarters.city(cityCode);
    const [bound, regions, rows] = await Promise.all([
      quarters.rubricOf(year, quarter),
      assessedRegions(this.ctx.repos, by, city.code),
      this.ctx.repos.penalties.list(year, quarter, by),
    ]);
    const kinds = penaltyKinds(bound.rubric);
    return {
      year,
      quarter,
      by,
      rubric: {
        id: bound.rubric.id,
        version: bound.rubric.version,
        bound: bound.bound,
        vetoScore: bound.rubric.vetoScore,
      },
      state: bound.state,
      kinds,
      regions,
      items: rows.map((r) => present(r, regions, kinds)),
    };
  }

  async record(year: number, quarter: number, input: PenaltyInput, actor: string, cityCode?: string): Promise<Penalty> {
    const quarters = new QuarterService(this.ctx);
    const city = await quarters.city(cityCode);
    const regions = await assessedRegions(this.ctx.repos, input.by, city.code);
    const region = regions.find((r) => r.code === input.groupKey);
    const problems: Array<{ field: string; zh: string; en: string }> = [];
    if (!region) {
      problems.push({
        field: 'groupKey',
        zh: `${input.by === 'county' ? '县（市、区）' : '开发区'}“${input.groupKey}”不在${city.name}`,
        en: `${input.by === 'county' ? 'county' : 'zone'} "${input.groupKey}" is not in ${city.name}`,
      });
    }
    const first = `${year}-${QUARTER_FIRST[quarter - 1]}`;
    const last = `${year}-${QUARTER_LAST[quarter - 1]}`;
    if (!isDate(input.occurredOn) || input.occurredOn < first || input.occurredOn > last) {
      problems.push({
        field: 'occurredOn',
        zh: `发生日期须在本季度内（${first} 至 ${last}）`,
        en: `the date must fall within the quarter (${first} to ${last})`,
      });
    }
    const reason = input.reason.trim();
    if (!reason) problems.push({ field: 'reason', zh: '请写明事由', en: 'say what happened' });
    return this.ctx.transaction(async (repos) => {
      const q = await quarters.bindQuarter(year, quarter, repos);
      if (q.state === 'closed') {
        throw quarterClosed(year, quarter);
      }
      const kinds = penaltyKinds(q.rubric);
      if (!kinds.some((k) => k.input === input.input)) {
        problems.push({
          field: 'input',
          zh: `考核细则 ${q.rubric.id} 第${q.rubric.version}版没有“${input.input}”这一扣分或否决项`,
          en: `rubric ${q.rubric.id} v${q.rubric.version} has no deduction or veto "${input.input}"`,
        });
      }
      if (problems.length) {
        throw new LantuError(
          'PENALTY_INVALID',
          { zh: problems.map((p) => p.zh).join('；'), en: problems.map((p) => p.en).join('; ') },
          { problems },
        );
      }
      const saved = await repos.penalties.insert({
        year,
        quarter,
        groupBy: input.by,
        groupKey: input.groupKey,
        input: input.input,
        occurredOn: input.occurredOn,
        reason,
        source: input.source?.trim() || null,
        createdBy: actor,
      });
      await repos.audit.record({
        actor,
        action: 'penalty.record',
        entity: 'quarter_penalty',
        entityId: String(saved.id),
        after: { ...saved, rubric: `${q.rubric.id}@${q.rubric.version}` },
      });
      return present(saved, regions, kinds);
    });
  }

  async remove(year: number, quarter: number, id: number, actor: string): Promise<void> {
    await this.ctx.transaction(async (repos) => {
      const row = await repos.penalties.get(id);
      if (!row || row.year !== year || row.quarter !== quarter) {
        throw new LantuError('NOT_FOUND', { zh: `扣分或否决事项 ${id}`, en: `deduction or veto matter ${id}` });
      }
      const q = await repos.quarters.get(year, quarter);
      if (q?.state === 'closed') {
        throw quarterClosed(year, quarter);
      }
      await repos.penalties.delete(id);
      await repos.audit.record({
        actor,
        action: 'penalty.delete',
        entity: 'quarter_penalty',
        entityId: String(id),
        before: row,
      });
    });
  }
}

function present(r: QuarterPenaltyRow, regions: Array<{ code: string; name: string }>, kinds: PenaltyKind[]): Penalty {
  return {
    id: r.id,
    region: regions.find((g) => g.code === r.groupKey) ?? { code: r.groupKey, name: r.groupKey },
    // a matter recorded under an input the rubric no longer has still shows, under its input's name
    kind: kinds.find((k) => k.input === r.input) ?? {
      input: r.input,
      kind: 'deduction',
      key: r.input,
      label: { zh: r.input, en: r.input },
    },
    occurredOn: r.occurredOn,
    reason: r.reason,
    source: r.source,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
  };
}

function isDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
