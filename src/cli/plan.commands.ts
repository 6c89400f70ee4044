import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SingleBar } from 'cli-progress';
import { presentDocument, presentPlan } from '../api/presenters.ts';
import { PlanService } from '../services/plan.service.ts';
import { printJson } from './output.ts';
import { withServices } from './services.ts';

export async function importCommand(
  file: string,
  opts: { region: string; period: { periodStart: number; periodEnd: number }; title?: string; json?: boolean },
): Promise<void> {
  const bar = new SingleBar({ format: '导入 import [{bar}] {step}', stream: process.stderr, hideCursor: true });
  bar.start(3, 0, { step: '读取文件 reading' });
  const bytes = await readFile(file);
  await withServices(
    async ({ ctx }) => {
      bar.update(1, { step: '规范化与抽取 normalising and extracting' });
      const result = await new PlanService(ctx).importFile(
        { bytes: new Uint8Array(bytes), fileName: path.basename(file) },
        { regionCode: opts.region, ...opts.period, title: opts.title },
      );
      bar.update(3, { step: '完成 done' });
      bar.stop();
      const plan = presentPlan(result.plan);
      if (opts.json) return printJson({ plan, document: presentDocument(result.document.meta) });
      process.stdout.write(
        `已导入规划 #${plan.id}「${plan.title}」${plan.region.name} ${plan.periodStart}—${plan.periodEnd}，${plan.chapterCount} 章\n` +
          `Imported plan #${plan.id}: ${plan.chapterCount} chapters\n`,
      );
    },
    { demo: false },
  ).catch((e) => {
    bar.stop();
    throw e;
  });
}

export async function plansCommand(opts: { json?: boolean }): Promise<void> {
  await withServices(
    async ({ ctx }) => {
      const plans = (await new PlanService(ctx).list()).map(presentPlan);
      if (opts.json) {
        return printJson(
          plans.map((p) => ({ id: p.id, region: p.region, period: `${p.periodStart}-${p.periodEnd}`, title: p.title })),
        );
      }
      for (const p of plans) {
        process.stdout.write(
          `#${p.id}\t${p.region.name}(${p.region.code})\t${p.periodStart}-${p.periodEnd}\t${p.title}\n`,
        );
      }
    },
    { demo: false },
  );
}
