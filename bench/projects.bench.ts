import { performance } from 'node:perf_hooks';
import { startServices } from '../src/services/bootstrap.ts';
import { ProjectService } from '../src/services/project.service.ts';
import { ProjectDemo } from '../src/services/project-demo.service.ts';
import { QuarterService } from '../src/services/quarter.service.ts';
import type { BenchResult } from './index.ts';

/**
 * The project pipeline on the embedded database: the demo's projects and progress (≈630 projects,
 * ≈14,000 investment months), one quarter's county ranking (two quarters scored: current and
 * previous), and the project detail with its warning light.
 */
export default async function bench(): Promise<BenchResult[]> {
  const t0 = performance.now();
  const started = await startServices({
    dataDir: 'memory://',
    databaseUrl: undefined,
    maxUploadBytes: 1e8,
    loadDemo: true,
  });
  const startup = performance.now() - t0;
  try {
    const { ctx } = started;
    const q = new QuarterService(ctx);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await q.ranking(2023, 3, 'county');
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const ranking = times[2]!;
    const [p] = await ctx.repos.projects.all({ library: 'construction' });
    const t1 = performance.now();
    await new ProjectService(ctx).detail(p!.id, '2024-06-30');
    const detail = performance.now() - t1;
    const t2 = performance.now();
    const again = await new ProjectDemo(ctx).load(1);
    const idempotent = performance.now() - t2;
    return [
      {
        name: 'startServices with the demo (plan, values, projects) on PGlite',
        value: Math.round(startup),
        unit: 'ms',
        target: '≤ 15000 ms',
        pass: startup <= 15000,
        note: 'the project demo itself is ≈1 s of this',
      },
      {
        name: 'quarter ranking, 13 counties (2 quarters scored)',
        value: Math.round(ranking),
        unit: 'ms',
        target: '≤ 500 ms',
        pass: ranking <= 500,
      },
      {
        name: 'project detail with warning light',
        value: Math.round(detail),
        unit: 'ms',
        target: '≤ 100 ms',
        pass: detail <= 100,
      },
      {
        name: 'project demo second load (no-op)',
        value: Math.round(idempotent),
        unit: 'ms',
        target: '≤ 500 ms and nothing added',
        pass: idempotent <= 500 && again.projects === 0,
      },
    ];
  } finally {
    await started.database.close();
  }
}
