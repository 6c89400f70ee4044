import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { REGION_SEED } from '../db/regions.seed.ts';
import { extractFacts } from '../extract/facts.ts';
import type { DocumentFacts } from '../services/fact.service.ts';
import { FactService } from '../services/fact.service.ts';
import { normalizeDocument } from '../text/normalize.ts';
import { printJson } from './output.ts';
import { withServices } from './services.ts';

interface FactsOptions {
  plan?: number;
  date?: string;
  json?: boolean;
}

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('应为正整数 / must be a positive integer');
  return n;
}

function documentDate(value: string): string {
  if (!/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(value)) {
    throw new InvalidArgumentError('日期格式应为 2024、2024-01 或 2024-01-05 / date like 2024, 2024-01 or 2024-01-05');
  }
  return value;
}

/**
 * `lantu facts FILE [--plan ID] [--date 2024] --json`: the figures a news piece or report states, with
 * offsets into its normalised text; with `--plan`, each fact's best indicator, confidence, reasons and
 * what keeps it from being a value. Nothing is stored.
 */
export async function factsCommand(file: string, opts: FactsOptions): Promise<void> {
  const bytes = new Uint8Array(await readFile(file));
  const doc = await normalizeDocument({ bytes, fileName: path.basename(file) });
  const source = { text: doc.text, damaged: doc.damaged, furniture: doc.furniture, documentDate: opts.date ?? null };
  let result: DocumentFacts;
  if (opts.plan !== undefined) {
    const planId = opts.plan;
    // Like `report`: a fresh data directory gets the demo, so plan 1 can be matched against.
    result = await withServices((s) => new FactService(s.ctx).ofText(source, planId), { demo: true });
  } else {
    // Without a plan no database is needed: the regions Lantu ships with resolve 全市 and county names.
    const r = extractFacts(source.text, { ...source, regions: REGION_SEED });
    result = { ...r, documentId: null, planId: null, facts: r.facts.map((f) => ({ ...f, match: null })) };
  }
  const out = {
    document: { fileName: path.basename(file), encoding: doc.encoding, format: doc.format, chars: doc.text.length },
    ...result,
  };
  if (opts.json) return printJson(out);
  const lines = result.facts.map((f) => {
    const m = f.match;
    const head = `[${f.kind === 'target' ? '目标' : '实际'}] ${f.period?.code ?? '—'} ${f.region?.name ?? '—'} ${f.subject} ${f.valueText}`;
    if (!m) return head;
    const verdict = m.usable
      ? '可采用 usable'
      : `不可直接采用：${m.blockers.map((b) => b.zh).join('；') || '置信度不足'}`;
    return `${head}\n    → ${m.indicatorName}（置信度 ${m.confidence.toFixed(2)}）${verdict}`;
  });
  process.stdout.write(`${out.document.fileName}：${result.facts.length} 条事实 / facts\n${lines.join('\n')}\n`);
}

export function factsCommandDefinition(): Command {
  return new Command('facts')
    .description('新闻、讲话、报告中的量化事实及对应指标（不入库） Facts a document states, matched to a plan')
    .argument('<file>', '文件 file (.txt/.docx/.pdf/.html)')
    .option('--plan <id>', '规划编号：匹配其指标 plan id: match its indicators', positive)
    .option('--date <date>', '文档日期，用于“去年”“8月8日” the document date: 2024, 2024-01, 2024-01-05', documentDate)
    .option('--json', '输出 JSON output JSON')
    .action(factsCommand);
}
