import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '../config.ts';
import { LantuError } from '../errors.ts';
import { startServices } from '../services/bootstrap.ts';
import { ReportService } from '../services/report.service.ts';

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('应为正整数 / must be a positive integer');
  return n;
}

interface AnnualOptions {
  plan: number;
  year: number;
  out: string;
  region?: string;
  unit?: string;
}

/** `lantu report annual --plan 1 --year 2024 --out report.docx` (.pdf → PDF, .xlsx → ledger, .json → the model). */
export async function reportAnnualCommand(opts: AnnualOptions): Promise<void> {
  const ext = path.extname(opts.out).toLowerCase();
  if (!['.docx', '.pdf', '.xlsx', '.json'].includes(ext)) {
    throw new LantuError('UNSUPPORTED_FORMAT', {
      zh: `输出文件应以 .docx、.pdf、.xlsx 或 .json 结尾：${opts.out}`,
      en: `the output file must end in .docx, .pdf, .xlsx or .json: ${opts.out}`,
    });
  }
  // Like `serve`: a fresh data directory gets the demo plan (LANTU_DEMO=off skips it), so plan 1 has a report.
  const started = await startServices(loadConfig());
  try {
    const reports = new ReportService(started.ctx);
    const t0 = performance.now();
    let bytes: Buffer;
    let title: string;
    if (ext === '.xlsx') {
      bytes = await reports.ledger(opts.plan, opts.year, opts.region, opts.unit);
      title = `指标台账 ${opts.year}${opts.unit ? ` ${opts.unit}` : ''}`;
    } else if (ext === '.json') {
      const report = await reports.annual(opts.plan, opts.year, opts.region);
      bytes = Buffer.from(`${JSON.stringify(report, null, 2)}\n`);
      title = report.title;
    } else if (ext === '.pdf') {
      const r = await reports.annualPdf(opts.plan, opts.year, opts.region);
      bytes = r.pdf;
      title = r.report.title;
    } else {
      const r = await reports.annualDocx(opts.plan, opts.year, opts.region);
      bytes = r.docx;
      title = r.report.title;
    }
    await writeFile(opts.out, bytes);
    const ms = Math.round(performance.now() - t0);
    process.stdout.write(`已生成 ${title} → ${opts.out}（${bytes.length} 字节，${ms} ms） / written\n`);
  } finally {
    await started.database.close();
  }
}

export function reportCommand(): Command {
  const report = new Command('report').description('报告与台账 Reports and ledgers');
  report
    .command('annual')
    .description('年度监测评估报告 Annual monitoring report: .docx (Word, GB/T 9704), .pdf, .xlsx (ledger), .json')
    .requiredOption('--plan <id>', '规划编号 plan id', positive)
    .requiredOption('--year <year>', '年度 year, e.g. 2024', positive)
    .requiredOption('-o, --out <file>', '输出文件 output file: report.docx | report.pdf | ledger.xlsx | report.json')
    .option('--region <code>', "行政区划代码 region code (default: the plan's region)")
    .option('--unit <name>', '仅该牵头单位的指标（台账） only this lead unit (ledger)')
    .action(reportAnnualCommand);
  return report;
}
