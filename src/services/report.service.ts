import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { IndicatorValueRow } from '../db/schema.ts';
import { LantuError } from '../errors.ts';
import { renderAnnualReportDocx } from '../reports/annual-report.docx.ts';
import {
  type AnnualReport,
  buildAnnualReport,
  formatNumber,
  type PathPoint,
  pickHeadline,
  REPORT_STATUS_LABELS,
  type ReportIndicatorInput,
  type ValueSource,
} from '../reports/annual-report.model.ts';
import { renderCharts } from '../reports/charts.ts';
import { buildIndicatorLedger } from '../reports/indicator-ledger.ts';
import type { ServiceContext } from './context.ts';
import { EvaluationService } from './evaluation.service.ts';

const run = promisify(execFile);

function evidenceText(e: Record<string, unknown> | null): string | null {
  if (!e) return null;
  if (typeof e.text === 'string' && e.text) {
    const t = e.text.replace(/\s+/g, ' ');
    return `文档${e.documentId ?? ''}“${t.length > 40 ? `${t.slice(0, 40)}…` : t}”`;
  }
  if (typeof e.upload === 'string') return `上传文件 ${e.upload}`;
  return null;
}

function sourceOf(v: IndicatorValueRow): ValueSource {
  return {
    period: v.period,
    value: v.value,
    isDemo: v.isDemo,
    by: v.updatedBy,
    at: v.updatedAt.toISOString().slice(0, 10),
    evidence: evidenceText(v.evidence ?? null),
  };
}

/** Gathers the evaluation, the values behind it and the paths, and hands them to the report builders. */
export class ReportService {
  constructor(private readonly ctx: ServiceContext) {}

  private async planAndRegion(planId: number, year: number, regionCode?: string) {
    const plan = await this.ctx.repos.plans.get(planId);
    if (!plan) throw new LantuError('NOT_FOUND', { zh: `规划 ${planId}`, en: `plan ${planId}` });
    if (!Number.isInteger(year) || year < plan.periodStart || year > plan.periodEnd) {
      throw new LantuError('VALIDATION_FAILED', {
        zh: `年度 ${year} 不在规划期 ${plan.periodStart}—${plan.periodEnd} 内`,
        en: `year ${year} is outside the plan period ${plan.periodStart}–${plan.periodEnd}`,
      });
    }
    const code = regionCode ?? plan.regionCode;
    const region = await this.ctx.repos.regions.get(code);
    if (!region) throw new LantuError('REGION_NOT_FOUND', { zh: code, en: code });
    return { plan, region };
  }

  /** The report as data: what the JSON route returns and what the Word and PDF versions are made from. */
  async annual(planId: number, year: number, regionCode?: string): Promise<AnnualReport> {
    const { plan, region } = await this.planAndRegion(planId, year, regionCode);
    const planRegion = region.code === plan.regionCode ? region : await this.ctx.repos.regions.get(plan.regionCode);
    const evaluation = new EvaluationService(this.ctx);
    const evaluated = await evaluation.evaluate(planId, String(year), region.code);
    const values = await this.ctx.repos.values.listByPlan(planId, { regionCode: region.code, states: ['approved'] });
    const byIndicator = new Map<number, IndicatorValueRow[]>();
    for (const v of values) {
      if (Number(v.period.slice(0, 4)) > year) continue;
      const list = byIndicator.get(v.indicatorId) ?? [];
      list.push(v);
      byIndicator.set(v.indicatorId, list);
    }
    const indicators: ReportIndicatorInput[] = evaluated.map(({ indicator: i, result: r, latest }) => ({
      id: i.id,
      code: i.code,
      name: i.name,
      unit: i.unit,
      category: i.category,
      attribute: i.attribute,
      leadUnit: i.leadUnit,
      targetText: i.targetText,
      baseline: i.baseline ?? null,
      status: r.status,
      expected: r.expected,
      actual: r.actual,
      reason: r.reason.zh,
      rule: r.rule,
      inputs: r.inputs,
      requiredRate: r.requiredRate,
      requiredPerYear: r.requiredPerYear,
      latest,
      sources: (byIndicator.get(i.id) ?? []).map(sourceOf),
    }));
    const paths: Record<number, PathPoint[]> = {};
    for (const h of pickHeadline(indicators)) {
      const t = await evaluation.trajectory(h.id, region.code);
      paths[h.id] = t.map((p) => ({
        period: p.period,
        expected: p.expected,
        // The chart compares like with like: the judged value (running total, average rate) against the path.
        actual: Number(p.period.slice(0, 4)) > year ? null : p.judged,
      }));
    }
    return buildAnnualReport({
      plan: {
        id: plan.id,
        title: plan.title,
        periodStart: plan.periodStart,
        periodEnd: plan.periodEnd,
        region: { code: plan.regionCode, name: planRegion?.name ?? plan.regionCode },
      },
      region: { code: region.code, name: region.name },
      year,
      draftedOn: new Date().toISOString().slice(0, 10),
      indicators,
      paths,
    });
  }

  async annualDocx(planId: number, year: number, regionCode?: string): Promise<{ report: AnnualReport; docx: Buffer }> {
    const report = await this.annual(planId, year, regionCode);
    const charts = await renderCharts(report.charts);
    return { report, docx: await renderAnnualReportDocx(report, charts) };
  }

  async annualPdf(planId: number, year: number, regionCode?: string): Promise<{ report: AnnualReport; pdf: Buffer }> {
    const { report, docx } = await this.annualDocx(planId, year, regionCode);
    return { report, pdf: await docxToPdf(docx) };
  }

  /** 指标台账 for a year; with `unit`, only the indicators that unit leads (a per-unit ledger). */
  async ledger(planId: number, year: number, regionCode?: string, unit?: string): Promise<Buffer> {
    const { plan, region } = await this.planAndRegion(planId, year, regionCode);
    const evaluated = await new EvaluationService(this.ctx).evaluate(planId, String(year), region.code);
    const rows = evaluated
      .filter((e) => !unit || e.indicator.leadUnit === unit)
      .map(({ indicator: i, result: r }) => ({
        code: i.code,
        name: i.name,
        unit: i.unit,
        category: i.category ?? '',
        attribute: i.attribute === 'binding' ? '约束性' : '预期性',
        baseline: i.baseline ? `${i.baseline.value}（${i.baseline.year}年）` : '',
        target: i.targetText,
        actual: r.actual === null ? null : Number(formatNumber(r.actual)),
        expected: r.expected === null ? null : Number(formatNumber(r.expected)),
        status: REPORT_STATUS_LABELS[r.status],
        reason: r.reason.zh,
        leadUnit: i.leadUnit ?? '',
      }));
    const title = unit ? `${plan.title}（${region.name}，${unit}）` : `${plan.title}（${region.name}）`;
    return buildIndicatorLedger(title, String(year), rows);
  }
}

/**
 * The official-document fonts are rarely installed on a server: fontconfig is told which installed CJK face
 * stands in for each (serif for 仿宋/楷体/宋体, sans for 黑体, bold serif for 方正小标宋), so the PDF keeps
 * the contrast between title, headings and body. The Word file still names the real fonts.
 */
const FONT_SUBSTITUTES: [string[], string, 'bold' | 'regular'][] = [
  [['方正小标宋简体', '方正小标宋_GBK', '小标宋'], 'Noto Serif CJK SC', 'bold'],
  [
    ['仿宋_GB2312', '仿宋', 'FangSong', '楷体_GB2312', '楷体', 'KaiTi', '宋体', 'SimSun'],
    'Noto Serif CJK SC',
    'regular',
  ],
  [['黑体', 'SimHei'], 'Noto Sans CJK SC', 'regular'],
];

function fontconfig(): string {
  const matches = FONT_SUBSTITUTES.flatMap(([names, face, weight]) =>
    names.map(
      (n) =>
        `<match target="pattern"><test name="family"><string>${n}</string></test>` +
        `<edit name="family" mode="prepend" binding="strong"><string>${face}</string></edit>` +
        (weight === 'bold' ? '<edit name="weight" mode="assign"><const>bold</const></edit>' : '') +
        '</match>',
    ),
  );
  return `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n<include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n${matches.join('\n')}\n</fontconfig>\n`;
}

/** Word → PDF with LibreOffice in a temporary directory (own profile, so conversions may run side by side). */
export async function docxToPdf(docx: Buffer): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'lantu-pdf-'));
  try {
    const input = path.join(dir, 'report.docx');
    await writeFile(input, docx);
    const fonts = path.join(dir, 'fonts.conf');
    await writeFile(fonts, fontconfig());
    const profile = pathToFileURL(path.join(dir, 'profile')).href;
    let converted = false;
    for (const bin of ['libreoffice', 'soffice']) {
      try {
        // `env` adds FONTCONFIG_FILE to the inherited environment for LibreOffice alone.
        await run(
          'env',
          [
            `FONTCONFIG_FILE=${fonts}`,
            bin,
            `-env:UserInstallation=${profile}`,
            '--headless',
            '--convert-to',
            'pdf',
            '--outdir',
            dir,
            input,
          ],
          { timeout: 180_000 },
        );
        converted = true;
        break;
      } catch (e) {
        // env exits 127 when the program is not installed
        if ((e as { code?: unknown }).code === 127 || (e as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw new LantuError('REPORT_PDF_FAILED', { zh: String(e), en: String(e) });
      }
    }
    if (!converted) throw new LantuError('REPORT_PDF_UNAVAILABLE');
    try {
      return await readFile(path.join(dir, 'report.pdf'));
    } catch {
      throw new LantuError('REPORT_PDF_FAILED', { zh: 'LibreOffice 没有生成 PDF', en: 'LibreOffice made no PDF' });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Whether this machine can make PDFs (for the API's description and the tests). */
export async function pdfAvailable(): Promise<boolean> {
  for (const bin of ['libreoffice', 'soffice']) {
    try {
      await run(bin, ['--version'], { timeout: 30_000 });
      return true;
    } catch {}
  }
  return false;
}
