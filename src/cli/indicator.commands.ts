import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { EvaluationService } from '../services/evaluation.service.ts';
import { ValueExchangeService } from '../services/value-exchange.service.ts';
import { printJson } from './output.ts';
import { withServices } from './services.ts';

const CLI_ACTOR = 'cli';

/** `lantu values import FILE --plan ID`: CSV or Excel; the planning office's own tool, so values land approved. */
export async function valuesImportCommand(file: string, opts: { plan: number }): Promise<void> {
  const bytes = new Uint8Array(await readFile(file));
  await withServices(
    async ({ ctx }) => {
      const { imported } = await new ValueExchangeService(ctx).importFile(
        opts.plan,
        bytes,
        path.basename(file),
        CLI_ACTOR,
      );
      process.stdout.write(`已导入 ${imported} 个数值（已审核） / imported ${imported} values (approved)\n`);
    },
    { demo: false },
  );
}

/** `lantu evaluate --plan ID --period 2023 [--region CODE] --json` */
export async function evaluateCommand(opts: {
  plan: number;
  period: string;
  region?: string;
  json?: boolean;
}): Promise<void> {
  await withServices(
    async ({ ctx }) => {
      const results = await new EvaluationService(ctx).evaluate(opts.plan, opts.period, opts.region);
      const rows = results.map(({ indicator, result }) => ({
        indicator: { id: indicator.id, name: indicator.name },
        status: result.status,
        expected: result.expected,
        actual: result.actual,
        reason: result.reason.zh,
        reasonEn: result.reason.en,
        requiredRate: result.requiredRate,
        rule: result.rule,
      }));
      if (opts.json) return printJson(rows);
      for (const r of rows) process.stdout.write(`${r.indicator.id}\t${r.status}\t${r.indicator.name}\t${r.reason}\n`);
    },
    { demo: false },
  );
}
