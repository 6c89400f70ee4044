import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { startServices } from '../src/services/bootstrap.ts';
import { ProjectApprovalService } from '../src/services/project-approval.service.ts';
import { ProjectAttachmentService } from '../src/services/project-attachment.service.ts';
import { DEMO_TODAY } from '../src/services/project-demo.service.ts';
import { demoPhoto, loadDetailDemo } from '../src/services/project-detail-demo.service.ts';
import { ProjectInvestmentService } from '../src/services/project-investment.service.ts';
import type { BenchResult } from './index.ts';

/**
 * The project page's checklist, monthly reports and photos on the embedded database with the demo
 * (≈630 projects, ≈3,800 checklist items): what the demo load adds, the bulletin's factor-blocker list,
 * one project's monthly reports with figures and versions, and storing a 5 MB photo.
 */
const median = async (n: number, fn: () => Promise<unknown>) => {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(n / 2)]!;
};

export default async function bench(): Promise<BenchResult[]> {
  const started = await startServices({
    dataDir: 'memory://',
    databaseUrl: undefined,
    maxUploadBytes: 1e8,
    loadDemo: true,
  });
  try {
    const { ctx } = started;
    const projects = await ctx.repos.projects.all();
    // the demo's checklists and photos, timed inside a transaction that is then rolled back
    let demoMs = 0;
    await ctx
      .transaction(async (repos) => {
        const t = performance.now();
        await loadDetailDemo(repos, projects, DEMO_TODAY);
        demoMs = performance.now() - t;
        throw new Error('rollback');
      })
      .catch(() => {});
    const approvals = new ProjectApprovalService(ctx);
    const blockers = await median(5, () => approvals.listFactorBlockers({ year: 2024, quarter: 4 }));
    const count = (await approvals.listFactorBlockers({ year: 2024, quarter: 4 })).projects.length;
    const rows = (await started.database.db.execute(
      sql`select project_id from project_investments group by project_id order by count(*) desc, project_id limit 1`,
    )) as unknown as { rows: Array<{ project_id: number }> };
    const busiest = rows.rows[0]!.project_id;
    const investments = new ProjectInvestmentService(ctx);
    const months = (await investments.reports(busiest)).length;
    const reports = await median(5, () => investments.reports(busiest));
    const checklist = await median(5, () => approvals.list(busiest));
    // a 5 MB photo: a real PNG header followed by filler, as a phone photo's size
    const png = demoPhoto('BENCH', 0.5, 1);
    const big = new Uint8Array(5 * 1024 * 1024);
    big.set(png);
    const attachments = new ProjectAttachmentService(ctx);
    const upload = await median(3, () =>
      attachments.uploadPhoto(busiest, 2024, 6, { bytes: big, fileName: 'b.png' }, 'bench'),
    );
    const stored = (await attachments.list(busiest, { year: 2024, month: 6 })).at(-1)!;
    const read = await median(3, () => attachments.get(stored.id));
    return [
      {
        name: 'demo checklists (≈3,800 items) and 6 generated photos',
        value: Math.round(demoMs),
        unit: 'ms',
        target: '≤ 1500 ms',
        pass: demoMs <= 1500,
      },
      {
        name: `factor blockers for 2024 Q4, all demo projects (${count} projects listed)`,
        value: Math.round(blockers),
        unit: 'ms',
        target: '≤ 200 ms',
        pass: blockers <= 200,
      },
      {
        name: `monthly reports of one project (${months} months, figures and versions)`,
        value: Math.round(reports),
        unit: 'ms',
        target: '≤ 100 ms',
        pass: reports <= 100,
      },
      {
        name: 'one project’s checklist',
        value: Math.round(checklist),
        unit: 'ms',
        target: '≤ 50 ms',
        pass: checklist <= 50,
      },
      {
        name: 'store a 5 MB photo (sniff, hash, insert)',
        value: Math.round(upload),
        unit: 'ms',
        target: '≤ 1000 ms',
        pass: upload <= 1000,
        note: 'PGlite; the bytes travel as hex text',
      },
      {
        name: 'read a 5 MB photo back (GET …/content)',
        value: Math.round(read),
        unit: 'ms',
        target: '≤ 300 ms',
        pass: read <= 300,
      },
    ];
  } finally {
    await started.database.close();
  }
}
