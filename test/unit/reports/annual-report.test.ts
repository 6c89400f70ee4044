import { describe, expect, it } from 'vitest';
import { FONTS, LAYOUT, renderAnnualReportDocx, SIZES } from '../../../src/reports/annual-report.docx.ts';
import {
  type AnnualReportInput,
  buildAnnualReport,
  chineseNumber,
  formatNumber,
  type ReportIndicatorInput,
} from '../../../src/reports/annual-report.model.ts';
import type { RenderedChart } from '../../../src/reports/charts.ts';
import { attrs, paragraphs, readDocx, tables, textOf } from './docx-xml.ts';

function indicator(id: number, over: Partial<ReportIndicatorInput>): ReportIndicatorInput {
  return {
    id,
    code: `专栏2-${id}`,
    name: `指标${id}`,
    unit: '%',
    category: '经济发展',
    attribute: 'expected',
    leadUnit: null,
    targetText: '10',
    baseline: { year: 2020, value: 5 },
    status: 'on_track',
    expected: 8,
    actual: 8.1,
    reason: `指标${id}的理由。`,
    rule: 'level.linear',
    inputs: { baselineValue: 5, target: 10, direction: 'higher' },
    requiredRate: null,
    requiredPerYear: null,
    latest: { period: '2024', value: 8.1 },
    sources: [{ period: '2024', value: 8.1, isDemo: false, by: 'tongji', at: '2025-01-20', evidence: null }],
    ...over,
  };
}

const input: AnnualReportInput = {
  plan: {
    id: 1,
    title: '运城市国民经济和社会发展第十四个五年规划纲要',
    periodStart: 2021,
    periodEnd: 2025,
    region: { code: '140800', name: '运城市' },
  },
  region: { code: '140800', name: '运城市' },
  year: 2024,
  draftedOn: '2025-02-01',
  indicators: [
    indicator(1, {
      name: '地区生产总值（GDP）增长率',
      status: 'behind',
      expected: 10,
      actual: 8.962443,
      requiredRate: 14.3333,
      leadUnit: '市统计局',
      sources: [{ period: '2024', value: 9, isDemo: true, by: 'demo', at: '2025-01-01', evidence: null }],
    }),
    indicator(2, { status: 'ahead', actual: 12.5 }),
    indicator(3, { category: '绿色生态', name: '森林覆盖率', attribute: 'binding', status: 'failed', actual: 29.1 }),
    indicator(4, { category: '绿色生态', status: 'no_data', actual: null, expected: null, sources: [], latest: null }),
  ],
  paths: {
    1: [
      { period: '2021', expected: 10, actual: 8.9 },
      { period: '2022', expected: 10, actual: 9 },
    ],
    // no path to draw: left out of the charts
    2: [
      { period: '2021', expected: null, actual: 11 },
      { period: '2022', expected: null, actual: 12 },
    ],
  },
};

const svg = (id: string) =>
  Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><title>${id}</title><rect width="4" height="4"/></svg>`,
  );
// 1 × 1 white PNG
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==',
  'base64',
);
const fakeCharts = (ids: string[]): RenderedChart[] =>
  ids.map((id) => ({ id, svg: svg(id), png: PNG, width: 640, height: 360 }));

describe('annual report model', () => {
  const report = buildAnnualReport(input);

  it('titles the report for the region, the five-year plan and the year', () => {
    expect(report.title).toBe('运城市“十四五”规划纲要实施情况2024年度监测评估报告');
    expect(report.blocks[0]).toEqual({
      kind: 'title',
      lines: ['运城市“十四五”规划纲要实施情况', '2024年度监测评估报告'],
    });
  });

  it('names the county when the report is about one', () => {
    const county = buildAnnualReport({ ...input, region: { code: '140802', name: '盐湖区' } });
    expect(county.title).toBe('运城市“十四五”规划纲要实施情况2024年度监测评估报告（盐湖区）');
    expect(JSON.stringify(county.blocks)).toContain('盐湖区落实运城市规划纲要');
  });

  it('counts indicators by status and lists the ones behind with the rate now required', () => {
    expect(report.total).toBe(4);
    expect(Object.fromEntries(report.counts.map((c) => [c.status, c.count]))).toMatchObject({
      behind: 1,
      ahead: 1,
      failed: 1,
      no_data: 1,
      on_track: 0,
    });
    expect(report.behind.map((b) => b.name)).toEqual(['地区生产总值（GDP）增长率', '森林覆盖率']);
    expect(report.behind[0]?.required).toBe('剩余年份需年均增长 14.33%');
  });

  it('labels demo values and marks where a person must write', () => {
    expect(report.hasDemoData).toBe(true);
    const all = JSON.stringify(report.blocks);
    expect(all).toContain('示例数据');
    const fills = report.blocks.flatMap((b) => ('runs' in b ? b.runs.filter((r) => r.fill) : []));
    expect(fills.length).toBeGreaterThanOrEqual(4);
    expect(fills.every((r) => r.text.startsWith('【'))).toBe(true);
  });

  it('has one section per category, a status chart and a path chart for headline indicators with a path', () => {
    const h2 = report.blocks.filter((b) => b.kind === 'heading2').map((b) => (b as { text: string }).text);
    expect(h2).toEqual(['（一）经济发展', '（二）绿色生态']);
    expect(report.charts.map((c) => c.id)).toEqual(['status', 'path-1']);
  });

  it('formats numbers as printed', () => {
    expect(formatNumber(8.962443)).toBe('8.96');
    expect(formatNumber(0.061579)).toBe('0.0616');
    expect(formatNumber(null)).toBe('—');
    expect(chineseNumber(4)).toBe('四');
    expect(chineseNumber(12)).toBe('十二');
  });
});

describe('annual report .docx (GB/T 9704-2012 layout)', async () => {
  const report = buildAnnualReport(input);
  const docx = await renderAnnualReportDocx(report, fakeCharts(report.charts.map((c) => c.id)));
  const parts = await readDocx(docx);

  it('is A4 with 天头 37 mm, 订口 28 mm and a 156 × 225 mm type area', () => {
    expect(attrs(parts.document, 'w:pgSz')).toMatchObject({ 'w:w': '11906', 'w:h': '16838' });
    const m = attrs(parts.document, 'w:pgMar');
    expect(Number(m['w:top'])).toBe(2098);
    expect(Number(m['w:left'])).toBe(1587);
    // type area: 11906 − 1587 − 1474 = 8845 twips ≈ 156 mm; 16838 − 2098 − 1984 = 12756 ≈ 225 mm
    expect((11906 - Number(m['w:left']) - Number(m['w:right'])) / (1440 / 25.4)).toBeCloseTo(156, 0);
    expect((16838 - Number(m['w:top']) - Number(m['w:bottom'])) / (1440 / 25.4)).toBeCloseTo(225, 0);
  });

  it('sets 22 lines of exact 28.95 pt spacing and condenses 3号 text to 28 characters a line', () => {
    expect(attrs(parts.document, 'w:docGrid')).toMatchObject({ 'w:linePitch': String(LAYOUT.linePitch) });
    expect(LAYOUT.linePitch * 22).toBeLessThanOrEqual(12756);
    expect(parts.document).toContain(`w:line="${LAYOUT.linePitch}" w:lineRule="exact"`);
    expect((16 + LAYOUT.condense / 20) * 28).toBeLessThanOrEqual(442.2);
  });

  it('uses 方正小标宋简体 2号 for the title, 仿宋_GB2312 3号 for the body, 黑体 and 楷体_GB2312 for headings', () => {
    const ps = paragraphs(parts.document);
    const title = ps.find((p) => p.text.startsWith('运城市“十四五”'));
    expect(title).toMatchObject({ eastAsia: FONTS.title, size: String(SIZES.title) });
    expect(ps.find((p) => p.text.startsWith('根据《'))).toMatchObject({ eastAsia: '仿宋_GB2312', size: '32' });
    expect(ps.find((p) => p.text === '一、总体情况')).toMatchObject({ eastAsia: '黑体', size: '32' });
    expect(ps.find((p) => p.text === '（一）经济发展')).toMatchObject({ eastAsia: '楷体_GB2312', size: '32' });
    expect(parts.document).toContain('w:highlight w:val="yellow"');
  });

  it('numbers pages — 1 — in 宋体 4号 on the outer side: odd right, even left', () => {
    expect(parts.settings).toContain('w:evenAndOddHeaders');
    expect(parts.footers).toHaveLength(2);
    const sides = parts.footers.map((f) => attrs(f, 'w:jc')['w:val']).sort();
    expect(sides).toEqual(['left', 'right']);
    for (const f of parts.footers) {
      expect(f).toContain('PAGE');
      expect(attrs(f, 'w:rFonts')['w:eastAsia']).toBe('宋体');
      expect(attrs(f, 'w:sz')['w:val']).toBe('28');
      expect(textOf(f)).toContain('—');
    }
  });

  it('has the behind table, the annex of all indicators and the source appendix, with the evaluation numbers', () => {
    const ts = tables(parts.document);
    expect(ts).toHaveLength(3);
    const [behind, annex, sources] = ts as [string[][], string[][], string[][]];
    expect(behind[1]).toEqual([
      '1',
      '地区生产总值（GDP）增长率',
      '滞后',
      '8.96%',
      '10%',
      '剩余年份需年均增长 14.33%',
      '市统计局',
    ]);
    expect(annex).toHaveLength(5);
    expect(annex[1]?.slice(5)).toEqual(['10', '8.96*', '滞后']);
    expect(annex[4]?.slice(5)).toEqual(['—', '—', '无数据']);
    expect(sources[1]?.[2]).toBe('2024年 9：示例数据');
    expect(sources[2]?.[2]).toBe('2024年 8.1：tongji 审核通过（2025-01-20）');
    expect(sources[1]?.[3]).toBe('level.linear：基期值 5，目标值 10');
  });

  it('embeds each chart as SVG with a PNG fallback', () => {
    expect(parts.media.filter((m) => m.endsWith('.svg'))).toHaveLength(2);
    // identical fallbacks are stored once
    expect(parts.media.filter((m) => m.endsWith('.png')).length).toBeGreaterThanOrEqual(1);
    expect(parts.document.match(/svgBlip/g)?.length).toBe(2);
  });
});
