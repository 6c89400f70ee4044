import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { LantuError } from '../errors.ts';
import { BulletinService, contentOf } from '../services/bulletin.service.ts';
import { withServices } from './services.ts';

const CLI_ACTOR = 'cli';

function parseYear(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 2000 || n > 2100) throw new InvalidArgumentError('年份无效 / invalid year');
  return n;
}

function parseQuarter(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 4) throw new InvalidArgumentError('季度应为 1–4 / quarter must be 1–4');
  return n;
}

interface BulletinOptions {
  year: number;
  quarter: number;
  out: string;
  regenerate?: boolean;
  issue?: boolean;
}

/**
 * `lantu bulletin --year 2024 --quarter 3 --out b.docx`: writes the quarter's bulletin (.docx, .pdf or the
 * stored .json). The stored bulletin is used as it is (a person's edits and an issued bulletin are kept);
 * when there is none, a draft is made and stored first. `--regenerate` redrafts a draft from the current
 * data, `--issue` issues it (then it is frozen).
 */
export async function bulletinCommand(opts: BulletinOptions): Promise<void> {
  const ext = path.extname(opts.out).toLowerCase();
  if (!['.docx', '.pdf', '.json'].includes(ext)) {
    throw new LantuError('UNSUPPORTED_FORMAT', {
      zh: `输出文件应以 .docx、.pdf 或 .json 结尾：${opts.out}`,
      en: `the output file must end in .docx, .pdf or .json: ${opts.out}`,
    });
  }
  await withServices(
    async ({ ctx }) => {
      const service = new BulletinService(ctx);
      const t0 = performance.now();
      let row = await ctx.repos.bulletins.get(opts.year, opts.quarter);
      if (!row) row = (await service.draft(opts.year, opts.quarter, CLI_ACTOR)).row;
      else if (opts.regenerate) row = (await service.draft(opts.year, opts.quarter, CLI_ACTOR, row.version)).row;
      if (opts.issue) row = await service.issue(opts.year, opts.quarter, row.version, CLI_ACTOR);
      let bytes: Buffer;
      if (ext === '.json') {
        bytes = Buffer.from(
          `${JSON.stringify({ state: row.state, version: row.version, content: row.content }, null, 2)}\n`,
        );
      } else if (ext === '.pdf') bytes = (await service.pdf(opts.year, opts.quarter)).pdf;
      else bytes = (await service.docx(opts.year, opts.quarter)).docx;
      await writeFile(opts.out, bytes);
      const c = contentOf(row);
      const ms = Math.round(performance.now() - t0);
      process.stdout.write(
        `已生成 ${c.title}（${row.state === 'issued' ? '已印发' : '草稿'} v${row.version}，红榜 ${c.redList.length} 个、黄榜 ${c.yellowList.length} 个项目）→ ${opts.out}（${bytes.length} 字节，${ms} ms） / written\n`,
      );
    },
    { demo: true },
  );
}

export function bulletinCommands(): Command {
  return new Command('bulletin')
    .description('季度“五个一”通报 Quarterly bulletin: .docx (Word, GB/T 9704 with 红头), .pdf, .json')
    .requiredOption('--year <year>', '年份 year', parseYear)
    .requiredOption('--quarter <q>', '季度 quarter 1–4', parseQuarter)
    .requiredOption('-o, --out <file>', '输出文件 output file: b.docx | b.pdf | b.json')
    .option('--regenerate', '按当前数据重新生成草稿（覆盖修改） redraft from the current data (replaces edits)')
    .option('--issue', '印发（此后不能修改） issue the bulletin (frozen afterwards)')
    .action(bulletinCommand);
}
