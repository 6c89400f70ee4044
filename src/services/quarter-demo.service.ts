import type { ProjectRow } from '../db/schema.ts';
import { tourSheetOf } from '../domain/projects/rubric.ts';
import type { ServiceContext } from './context.ts';
import { QuarterService } from './quarter.service.ts';
import { QuarterEventService } from './quarter-event.service.ts';

const DEMO_ACTOR = 'demo';
const DEMO = '（示例数据）';
/** The Xi'an signing as samples/news/002 states it (after normalisation to simplified characters). */
const XIAN_SENTENCE =
  /8月8日[，,]我市在[陕陜]西省西安市召开招商引资暨[^。]*?共签约项目23个[，,]总投资134\.66亿元[^。]*。/;
const XIAN_DAY = '2023-08-08';
/** Quarters whose inspection tour is scored in the demo (the latest two): [year, quarter, judges, closed]. */
const TOURS: Array<[number, number, number, boolean]> = [
  [2024, 3, 5, true],
  [2024, 4, 7, false],
];
const JUDGES = ['评委一', '评委二', '评委三', '评委四', '评委五', '评委六', '评委七'];

/**
 * Demo quarter events and tour scores (示例数据, is_demo): the 8 August 2023 Xi'an signing of the 23
 * projects the project demo signed that day (134.66 亿元, with the news sentence as evidence), a
 * groundbreaking batch each quarter of 2023–2024 made of the projects that started in its first month,
 * and inspection-tour sheets from 5 and 7 judges for 2024 Q3 (closed) and Q4, so the ranking uses them.
 * Runs after the news documents are stored; loads once.
 */
export class QuarterDemo {
  constructor(private readonly ctx: ServiceContext) {}

  async load(): Promise<{ events: number; tourScores: number }> {
    if (await this.ctx.repos.quarterEvents.hasDemo()) return { events: 0, tourScores: 0 };
    const quarters = new QuarterService(this.ctx);
    const city = await quarters.city();
    const projects = await this.ctx.repos.projects.all({ regionCode: city.code });
    const events = new QuarterEventService(this.ctx);
    let n = 0;

    const xian = projects.filter((p) => p.isDemo && p.signedOn === XIAN_DAY);
    if (xian.length) {
      await events.create(
        2023,
        3,
        {
          kind: 'signing',
          title: `招商引资暨“运才兴运”座谈会集中签约${DEMO}`,
          heldOn: XIAN_DAY,
          place: '陕西省西安市',
          note: '示例数据：签约项目为示例项目库中 2023-08-08 签约的项目，合计与新闻所述一致',
          evidence: await this.xianEvidence(),
          projects: xian.map((p) => ({ projectId: p.id, amount: p.totalInvestment })),
        },
        DEMO_ACTOR,
        true,
      );
      n++;
    }

    for (const year of [2023, 2024]) {
      for (const quarter of [1, 2, 3, 4]) {
        const month = `${year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}`;
        const batch = projects.filter((p) => p.isDemo && p.startedOn?.startsWith(month));
        if (batch.length === 0) continue;
        await events.create(
          year,
          quarter,
          {
            kind: 'groundbreaking',
            title: `${year}年第${quarter}季度重点项目集中开工${DEMO}`,
            heldOn: `${month}-28`,
            place: city.name,
            note: `示例数据：${month} 开工的项目`,
            projects: batch.map((p) => ({ projectId: p.id, amount: p.totalInvestment })),
          },
          DEMO_ACTOR,
          true,
        );
        n++;
      }
    }

    let scores = 0;
    const counties = await this.ctx.repos.regions.list({ parentCode: city.code });
    const zones = await this.ctx.repos.quarters.zones(city.code);
    for (const [year, quarter, judges, closed] of TOURS) {
      const month = String(quarter * 3).padStart(2, '0');
      await events.create(
        year,
        quarter,
        {
          kind: 'tour',
          title: `${year}年第${quarter}季度项目观摩${DEMO}`,
          heldOn: `${year}-${month}-20`,
          place: '各县（市、区）及开发区',
          note: `示例数据：${judges}位评委现场打分`,
          projects: [],
        },
        DEMO_ACTOR,
        true,
      );
      n++;
      scores += await this.scoreTour(year, quarter, judges, counties, zones, projects);
      if (closed) await quarters.close(year, quarter, DEMO_ACTOR);
    }
    return { events: n, tourScores: scores };
  }

  private async xianEvidence() {
    const docs = await this.ctx.repos.documents.listMeta();
    const doc = docs.find((d) => d.fileName.startsWith('002-'));
    if (!doc) return null;
    const text = (await this.ctx.repos.documents.getText(doc.id)) ?? '';
    const m = XIAN_SENTENCE.exec(text);
    if (!m) return null;
    return { documentId: doc.id, start: m.index, end: m.index + m[0].length, text: m[0] };
  }

  /** Judges' sheets: each region's level follows its projects' share started on time, plus judge noise. */
  private async scoreTour(
    year: number,
    quarter: number,
    judges: number,
    counties: Array<{ code: string; name: string }>,
    zones: string[],
    projects: ProjectRow[],
  ): Promise<number> {
    return this.ctx.transaction(async (repos) => {
      const bound = await new QuarterService(this.ctx).bindQuarter(year, quarter, repos);
      const sheet = tourSheetOf(bound.rubric);
      const rows = [];
      const regions = [
        ...counties.map((c) => ({
          by: 'county' as const,
          key: c.code,
          of: (p: ProjectRow) => p.regionCode === c.code,
        })),
        ...zones.map((z) => ({ by: 'zone' as const, key: z, of: (p: ProjectRow) => p.zone === z })),
      ];
      for (const r of regions) {
        const mine = projects.filter(r.of);
        const started = mine.filter((p) => p.startedOn).length;
        const level = mine.length ? 0.6 + 0.35 * (started / mine.length) : 0.7;
        const rand = rng(hash(`${year}Q${quarter}:${r.by}:${r.key}`));
        for (const judge of JUDGES.slice(0, judges)) {
          // one judge in each region is markedly harsher or kinder: what the trimmed mean is for
          const bias = judge === JUDGES[Math.floor(rand() * judges)] ? (rand() < 0.5 ? -0.15 : 0.08) : 0;
          for (const it of sheet.items) {
            const x = Math.min(1, Math.max(0.3, level + bias + (rand() - 0.5) * 0.12));
            rows.push({
              year,
              quarter,
              groupBy: r.by,
              groupKey: r.key,
              judge,
              item: it.key,
              score: Math.round(x * it.max * 2) / 2,
              note: '示例数据',
              updatedBy: DEMO_ACTOR,
            });
          }
        }
      }
      await repos.tourScores.insertMany(rows);
      return rows.length;
    });
  }
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** mulberry32, as in the project demo: deterministic demo data. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
