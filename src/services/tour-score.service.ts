import type { TourScoreRow } from '../db/schema.ts';
import { type Rubric, type TourSheet, tourSheetOf } from '../domain/projects/rubric.ts';
import { checkJudgeMarks, type JudgeMarks, type TourResult, tourScore } from '../domain/projects/scoring.ts';
import { LantuError } from '../errors.ts';
import type { Repositories, ServiceContext } from './context.ts';
import { QuarterService, quarterClosed, type RankBy } from './quarter.service.ts';

export interface JudgeSheetInput {
  by: RankBy;
  /** A county's code, or a development zone's name. */
  groupKey: string;
  judge: string;
  /** Item key → points, one for every item of the quarter's tour sheet. */
  scores: Record<string, number>;
  note?: string | null | undefined;
}

export interface TourRegion {
  region: { code: string; name: string };
  judges: Array<{ judge: string; scores: Record<string, number>; total: number | null }>;
  result: TourResult;
}

export interface TourSheetView {
  year: number;
  quarter: number;
  by: RankBy;
  rubric: { id: string; version: number; bound: boolean };
  state: 'open' | 'closed';
  sheet: TourSheet;
  regions: TourRegion[];
}

/**
 * The inspection tour's scoring sheet (观摩评分): each judge scores every item of the sheet of the
 * quarter's rubric for each county or zone; the region's tour score is the trimmed mean of the judges'
 * totals (tourScore in the domain), which the quarter's ranking reads as the rubric's `tourScore` input.
 * The first score entered binds the quarter to the current rubric; a closed quarter takes no more scores.
 */
export class TourScoreService {
  constructor(private readonly ctx: ServiceContext) {}

  /** Tour results per region key (county code or zone name), on the given rubric's sheet. */
  async results(
    year: number,
    quarter: number,
    by: RankBy,
    rubric: Rubric,
    repos: Repositories = this.ctx.repos,
  ): Promise<Map<string, TourResult>> {
    const sheet = tourSheetOf(rubric);
    const out = new Map<string, TourResult>();
    for (const [key, marks] of marksByRegion(await repos.tourScores.list(year, quarter, by))) {
      out.set(key, tourScore(sheet, marks));
    }
    return out;
  }

  async sheet(year: number, quarter: number, by: RankBy, cityCode?: string): Promise<TourSheetView> {
    const quarters = new QuarterService(this.ctx);
    const city = await quarters.city(cityCode);
    const bound = await quarters.rubricOf(year, quarter);
    const sheet = tourSheetOf(bound.rubric);
    const regions = await this.regions(by, city.code);
    const byRegion = marksByRegion(await this.ctx.repos.tourScores.list(year, quarter, by));
    const totalOf = (scores: Record<string, number>) =>
      sheet.items.every((i) => typeof scores[i.key] === 'number')
        ? sheet.items.reduce((s, i) => s + (scores[i.key] ?? 0), 0)
        : null;
    return {
      year,
      quarter,
      by,
      rubric: { id: bound.rubric.id, version: bound.rubric.version, bound: bound.bound },
      state: bound.state,
      sheet,
      regions: regions.map((region) => {
        const marks = byRegion.get(region.code) ?? [];
        return {
          region,
          judges: marks.map((m) => ({ judge: m.judge, scores: { ...m.scores }, total: totalOf({ ...m.scores }) })),
          result: tourScore(sheet, marks),
        };
      }),
    };
  }

  /** Saves one judge's sheet for one region (replacing what that judge gave it before). */
  async saveJudge(year: number, quarter: number, input: JudgeSheetInput, actor: string, cityCode?: string) {
    const judge = input.judge.trim();
    if (!judge) {
      throw new LantuError('TOUR_SCORE_INVALID', { zh: '请填写评委姓名', en: 'the judge’s name is missing' });
    }
    const quarters = new QuarterService(this.ctx);
    const city = await quarters.city(cityCode);
    const region = (await this.regions(input.by, city.code)).find((r) => r.code === input.groupKey);
    if (!region) {
      throw new LantuError('TOUR_SCORE_INVALID', {
        zh: `${input.by === 'county' ? '县（市、区）' : '开发区'}“${input.groupKey}”不在${city.name}`,
        en: `${input.by === 'county' ? 'county' : 'zone'} "${input.groupKey}" is not in ${city.name}`,
      });
    }
    return this.ctx.transaction(async (repos) => {
      const q = await quarters.bindQuarter(year, quarter, repos);
      if (q.state === 'closed') {
        throw quarterClosed(year, quarter);
      }
      const sheet = tourSheetOf(q.rubric);
      const problems = checkJudgeMarks(sheet, input.scores);
      for (const it of sheet.items) {
        if (typeof input.scores[it.key] !== 'number') {
          problems.push({ item: it.key, zh: `未填写“${it.label.zh}”的得分`, en: `${it.label.en} is not scored` });
        }
      }
      if (problems.length) {
        throw new LantuError(
          'TOUR_SCORE_INVALID',
          { zh: problems.map((p) => p.zh).join('；'), en: problems.map((p) => p.en).join('; ') },
          { problems },
        );
      }
      const key = { year, quarter, groupBy: input.by, groupKey: input.groupKey, judge };
      await repos.tourScores.replaceSheet(
        key,
        sheet.items.map((i) => ({ item: i.key, score: input.scores[i.key] as number, note: input.note ?? null })),
        actor,
      );
      await repos.audit.record({
        actor,
        action: 'tour_score.save',
        entity: 'tour_score',
        entityId: `${year}Q${quarter}/${input.by}/${input.groupKey}/${judge}`,
        after: { ...key, scores: input.scores, rubric: `${q.rubric.id}@${q.rubric.version}` },
      });
      const marks = marksByRegion(await repos.tourScores.list(year, quarter, input.by)).get(input.groupKey) ?? [];
      return { region, result: tourScore(sheet, marks) };
    });
  }

  async deleteJudge(
    year: number,
    quarter: number,
    key: { by: RankBy; groupKey: string; judge: string },
    actor: string,
  ): Promise<void> {
    await this.ctx.transaction(async (repos) => {
      const q = await repos.quarters.get(year, quarter);
      if (q?.state === 'closed') {
        throw quarterClosed(year, quarter);
      }
      const n = await repos.tourScores.deleteSheet({
        year,
        quarter,
        groupBy: key.by,
        groupKey: key.groupKey,
        judge: key.judge,
      });
      if (n === 0) {
        throw new LantuError('NOT_FOUND', {
          zh: `评委“${key.judge}”对“${key.groupKey}”的评分`,
          en: `scores of judge "${key.judge}" for "${key.groupKey}"`,
        });
      }
      await repos.audit.record({
        actor,
        action: 'tour_score.delete',
        entity: 'tour_score',
        entityId: `${year}Q${quarter}/${key.by}/${key.groupKey}/${key.judge}`,
      });
    });
  }

  private regions(by: RankBy, cityCode: string): Promise<Array<{ code: string; name: string }>> {
    return assessedRegions(this.ctx.repos, by, cityCode);
  }
}

/** The regions a quarter assesses: the city's counties, or the zones its projects name. */
export async function assessedRegions(
  repos: Repositories,
  by: RankBy,
  cityCode: string,
): Promise<Array<{ code: string; name: string }>> {
  if (by === 'county') {
    return (await repos.regions.list({ parentCode: cityCode })).map((r) => ({ code: r.code, name: r.name }));
  }
  return (await repos.quarters.zones(cityCode)).map((z) => ({ code: z, name: z }));
}

function marksByRegion(rows: TourScoreRow[]): Map<string, JudgeMarks[]> {
  const out = new Map<string, Map<string, Record<string, number>>>();
  for (const r of rows) {
    let judges = out.get(r.groupKey);
    if (!judges) {
      judges = new Map();
      out.set(r.groupKey, judges);
    }
    let scores = judges.get(r.judge);
    if (!scores) {
      scores = {};
      judges.set(r.judge, scores);
    }
    scores[r.item] = r.score;
  }
  return new Map([...out].map(([k, judges]) => [k, [...judges].map(([judge, scores]) => ({ judge, scores }))]));
}
