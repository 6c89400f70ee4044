import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LantuError } from '../errors.ts';
import { CadenceService } from '../services/cadence.service.ts';
import { ProjectExchangeService } from '../services/project-exchange.service.ts';
import { QuarterService, type RankBy } from '../services/quarter.service.ts';
import { printJson } from './output.ts';
import { withServices } from './services.ts';

const CLI_ACTOR = 'cli';

/** `lantu projects import FILE --plan ID`: the project list as Excel (the template) or CSV; all or nothing. */
export async function projectsImportCommand(file: string, opts: { plan: number }): Promise<void> {
  const bytes = new Uint8Array(await readFile(file));
  await withServices(
    async ({ ctx }) => {
      const r = await new ProjectExchangeService(ctx).importFile(opts.plan, bytes, path.basename(file), CLI_ACTOR);
      process.stdout.write(
        `新增 ${r.created} 个、修改 ${r.updated} 个、未变 ${r.unchanged} 个项目 / created ${r.created}, updated ${r.updated}, unchanged ${r.unchanged}\n`,
      );
    },
    { demo: true },
  );
}

/**
 * `lantu quarter rank --year 2023 --quarter 3 [--by county|zone] [--city 140800] --json`: every
 * county and (unless --by narrows it) every development zone, scored and ranked, with the previous
 * quarter's rank: `[{region:{code,name}, score, rank, previousRank, kpis:{…}}]`.
 */
export async function quarterRankCommand(opts: {
  year: number;
  quarter: number;
  by?: RankBy;
  city?: string;
  json?: boolean;
}): Promise<void> {
  if (opts.by !== undefined && opts.by !== 'county' && opts.by !== 'zone') {
    throw new LantuError('VALIDATION_FAILED', { zh: '--by 应为 county 或 zone', en: '--by must be county or zone' });
  }
  await withServices(
    async ({ ctx }) => {
      const service = new QuarterService(ctx);
      const groupings: RankBy[] = opts.by ? [opts.by] : ['county', 'zone'];
      const rows = [];
      const heads: string[] = [];
      for (const by of groupings) {
        const r = await service.ranking(opts.year, opts.quarter, by, opts.city);
        heads.push(
          `# ${by === 'county' ? '县' : '区'}：考核细则 ${r.rubric.id} 第${r.rubric.version}版${r.rubric.bound ? '' : '（当前版本，未锁定）'}；${r.tourScores ? '含观摩评分' : '观摩评分暂缺'}`,
        );
        for (const e of r.entries) {
          rows.push({
            region: e.region,
            by,
            score: e.score,
            rank: e.rank,
            previousRank: e.previousRank,
            tourScore: e.tour?.score ?? null,
            kpis: {
              landingRate: e.kpis.landingRate,
              startRate: e.kpis.startRate,
              investmentCompletionRate: e.kpis.investmentCompletionRate,
              productionRate: e.kpis.productionRate,
            },
          });
        }
      }
      // the stable contract: counties first, then zones (a zone's code is its name)
      // (the tour score is in the text output only: the JSON keys are a published contract)
      if (opts.json) return printJson(rows.map(({ by: _by, tourScore: _t, ...r }) => r));
      process.stdout.write(`${heads.join('\n')}\n`);
      const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
      for (const r of rows) {
        process.stdout.write(
          `${r.by === 'county' ? '县' : '区'}\t${r.rank}\t${r.previousRank ?? '—'}\t${r.score.toFixed(2)}\t${r.region.name}\t观摩${r.tourScore ?? '—'}\t签约落地${pct(r.kpis.landingRate)}\t开工${pct(r.kpis.startRate)}\t投资完成${pct(r.kpis.investmentCompletionRate)}\t投产${pct(r.kpis.productionRate)}\n`,
        );
      }
    },
    { demo: true },
  );
}

/**
 * `lantu quarter schedule --year 2024 --quarter 4 [--json]`: the 五个一 events due in the quarter under the
 * configured cadence, each with `status` (`done`, `in_progress`, `missing`) and what it was judged on:
 * `[{event, month, cycle, status, detail:{zh,en}}]`.
 */
export async function quarterScheduleCommand(opts: { year: number; quarter: number; json?: boolean }): Promise<void> {
  await withServices(
    async ({ ctx }) => {
      const s = await new CadenceService(ctx).schedule(opts.year, opts.quarter);
      const rows = s.events.map((e) => ({
        event: e.event,
        month: e.month,
        cycle: e.cycle,
        status: e.status,
        detail: { zh: e.detailZh, en: e.detailEn },
      }));
      if (opts.json) return printJson(rows);
      const mark = { done: '✓', in_progress: '…', missing: '✗' } as const;
      process.stdout.write(
        `# ${opts.year}年第${opts.quarter}季度“五个一”日程${s.cadence.isDefault ? '（缺省周期）' : ''}\n`,
      );
      for (const e of s.events) process.stdout.write(`${mark[e.status]}\t${e.zh}\t${e.detailZh}\n`);
    },
    { demo: true },
  );
}
