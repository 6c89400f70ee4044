/**
 * The annual monitoring and evaluation report (年度监测评估报告) as data: a list of blocks a renderer turns
 * into Word (annual-report.docx.ts) or a web page, plus the facts behind them. Pure: data in, model out.
 * Every number printed comes from the evaluation handed in; places a person must write are `fill` runs.
 */

export type ReportStatus =
  | 'failed'
  | 'warning'
  | 'seriously_behind'
  | 'behind'
  | 'no_data'
  | 'not_assessable'
  | 'on_track'
  | 'ahead'
  | 'achieved'
  | 'achieved_early';

/** Same labels as the evaluation engine (src/domain/evaluation/types.ts STATUS_LABELS). */
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  failed: '未达标',
  warning: '预警',
  seriously_behind: '严重滞后',
  behind: '滞后',
  no_data: '无数据',
  not_assessable: '无法评估',
  on_track: '基本符合预期',
  ahead: '快于预期',
  achieved: '已实现',
  achieved_early: '提前实现',
};

/** Best first: the order statuses are counted and shown in. */
export const STATUS_ORDER: ReportStatus[] = [
  'achieved_early',
  'achieved',
  'ahead',
  'on_track',
  'behind',
  'seriously_behind',
  'warning',
  'failed',
  'no_data',
  'not_assessable',
];

export const BEHIND_STATUSES: ReportStatus[] = ['behind', 'seriously_behind', 'warning', 'failed'];

/** Where one value came from. */
export interface ValueSource {
  period: string;
  value: number;
  isDemo: boolean;
  /** Who entered/approved it and when (ISO date), for a person's value. */
  by: string;
  at: string;
  /** A document excerpt or an upload name, when the value has evidence. */
  evidence: string | null;
}

export interface ReportIndicatorInput {
  id: number;
  code: string;
  name: string;
  unit: string;
  category: string | null;
  attribute: 'expected' | 'binding';
  leadUnit: string | null;
  targetText: string;
  baseline: { year: number; value: number } | null;
  status: ReportStatus;
  expected: number | null;
  actual: number | null;
  reason: string;
  rule: string;
  inputs: Record<string, number | string | boolean | null>;
  requiredRate: number | null;
  requiredPerYear: number | null;
  latest: { period: string; value: number } | null;
  /** Approved values up to the report's year, oldest first. */
  sources: ValueSource[];
}

export interface PathPoint {
  period: string;
  expected: number | null;
  actual: number | null;
}

export interface AnnualReportInput {
  /** `region` is the plan's own region (运城市 for its plan). */
  plan: { id: number; title: string; periodStart: number; periodEnd: number; region: { code: string; name: string } };
  /** The region reported on: the plan's, or one of its counties. */
  region: { code: string; name: string };
  year: number;
  /** Date the draft is made (YYYY-MM-DD), passed in so the builder stays pure. */
  draftedOn: string;
  indicators: ReportIndicatorInput[];
  /** Yearly path and actual values of the headline indicators, by indicator id. */
  paths: Record<number, PathPoint[]>;
}

export interface Run {
  text: string;
  /** A place a person must add judgement: rendered highlighted. */
  fill?: boolean;
  bold?: boolean;
}

export interface ChartSpec {
  id: string;
  kind: 'status' | 'path';
  title: string;
  /** status: one bar per status; path: expected path and actual values by year. */
  categories: string[];
  series: { name: string; values: (number | null)[] }[];
  unit: string;
}

export type Block =
  /** The title in the lines it is set in (broken where the meaning breaks, not where the line is full). */
  | { kind: 'title'; lines: string[] }
  | { kind: 'subtitle'; runs: Run[] }
  | { kind: 'heading1'; text: string }
  | { kind: 'heading2'; text: string }
  | { kind: 'paragraph'; runs: Run[]; indent?: boolean }
  | { kind: 'chart'; chart: ChartSpec; caption: string }
  | {
      kind: 'table';
      caption: string;
      header: string[];
      rows: string[][];
      widths: number[];
      align: ('left' | 'center')[];
    }
  | { kind: 'pageBreak' }
  /** 发文机关署名 and 成文日期: right-aligned, 右空四字. */
  | { kind: 'signature'; lines: Run[][] }
  | { kind: 'annexTitle'; label: string; text: string };

export interface HeadlineFact {
  id: number;
  name: string;
  unit: string;
  actual: number | null;
  expected: number | null;
  target: string;
  status: ReportStatus;
}

export interface AnnualReport {
  title: string;
  planId: number;
  region: { code: string; name: string };
  year: number;
  draftedOn: string;
  /** True when any value printed is demo data: the report says so on its first page. */
  hasDemoData: boolean;
  total: number;
  counts: { status: ReportStatus; label: string; count: number }[];
  headline: HeadlineFact[];
  behind: { id: number; name: string; leadUnit: string | null; status: ReportStatus; required: string }[];
  charts: ChartSpec[];
  blocks: Block[];
}

const CN_NUM = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 1 → 一, 12 → 十二, 21 → 二十一 (enough for headings and plan numbers). */
export function chineseNumber(n: number): string {
  if (n <= 10) return CN_NUM[n] ?? String(n);
  if (n < 20) return `十${n % 10 === 0 ? '' : CN_NUM[n % 10]}`;
  if (n < 100) return `${CN_NUM[Math.floor(n / 10)]}十${n % 10 === 0 ? '' : CN_NUM[n % 10]}`;
  return String(n);
}

/** Numbers as the report prints them: at most two decimals for ordinary values, four below 0.1. */
export function formatNumber(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const digits = Math.abs(v) < 0.1 && v !== 0 ? 4 : 2;
  const f = 10 ** digits;
  return String(Math.round(v * f) / f);
}

/** The value with its unit, e.g. `8.96%`, `935.03户`. */
export function withUnit(v: number | null | undefined, unit: string): string {
  const s = formatNumber(v);
  return s === '—' ? s : `${s}${unit}`;
}

/** 14 for a plan starting 2021, 15 for 2026: the name people use ("十四五"). */
export function fiveYearPlanName(start: number, end: number): string | null {
  if (end - start !== 4 || (start - 2021) % 5 !== 0 || start < 1996) return null;
  return `“${chineseNumber(14 + (start - 2021) / 5)}五”`;
}

/** e.g. [运城市“十四五”规划纲要实施情况, 2024年度监测评估报告]; joined, the report's title. */
export function reportTitleLines(region: string, plan: AnnualReportInput['plan'], year: number): string[] {
  const name = fiveYearPlanName(plan.periodStart, plan.periodEnd) ?? `${plan.periodStart}—${plan.periodEnd}年`;
  return [`${region}${name}规划纲要实施情况`, `${year}年度监测评估报告`];
}

const HEADLINE_NAMES = ['地区生产总值', '城镇居民人均可支配收入', '森林覆盖率', '规上工业企业数量', '粮食综合生产能力'];

/** Headline indicators: the named ones the plan leads with when present, otherwise the first with numbers. */
export function pickHeadline(indicators: ReportIndicatorInput[], max = 4): ReportIndicatorInput[] {
  const numeric = indicators.filter((i) => i.actual !== null && i.expected !== null);
  const named = HEADLINE_NAMES.map((n) => numeric.find((i) => i.name.includes(n))).filter(
    (i): i is ReportIndicatorInput => i !== undefined,
  );
  const rest = numeric.filter((i) => !named.includes(i));
  return [...named, ...rest].slice(0, max);
}

function requiredText(i: ReportIndicatorInput): string {
  if (i.requiredRate !== null) return `剩余年份需年均增长 ${formatNumber(i.requiredRate)}%`;
  if (i.requiredPerYear !== null) return `剩余年份每年需完成 ${withUnit(i.requiredPerYear, i.unit)}`;
  if (i.expected !== null) return `需达到 ${withUnit(i.expected, i.unit)}`;
  return '—';
}

/** Values of one provenance together: `2021年 8.91、2022年 9.2：示例数据`. */
function sourcesText(sources: ValueSource[]): string {
  if (sources.length === 0) return '无审核通过的数值';
  const groups: { who: string; items: string[] }[] = [];
  for (const s of sources) {
    const who = `${s.isDemo ? '示例数据' : `${s.by} 审核通过（${s.at}）`}${s.evidence ? `，依据：${s.evidence}` : ''}`;
    const item = `${s.period}年 ${formatNumber(s.value)}`;
    const last = groups.at(-1);
    if (last && last.who === who) last.items.push(item);
    else groups.push({ who, items: [item] });
  }
  return groups.map((g) => `${g.items.join('、')}：${g.who}`).join('；');
}

/** Evaluation inputs worth printing, in Chinese; engine settings (thresholds, kinds, directions) are left out. */
const INPUT_LABELS: Record<string, string> = {
  baselineYear: '基期年',
  baselineValue: '基期值',
  target: '目标值',
  targetRatePct: '目标年均增速%',
  targetTotal: '累计目标',
  bound: '限值',
  op: '要求',
  elapsedYears: '已过年数',
  fractionElapsed: '时间进度',
  remainingYears: '剩余年数',
  yearsObserved: '有数据年数',
  actual: '实际值',
  averageRatePct: '年均增速%',
  totalToDate: '累计完成',
  expected: '预期值',
  ratio: '完成进度比',
  periodsMissing: '缺报期数',
  firstBreach: '首次突破',
};

function inputsText(inputs: ReportIndicatorInput['inputs']): string {
  return Object.entries(INPUT_LABELS)
    .filter(([k]) => inputs[k] !== undefined && inputs[k] !== null && inputs[k] !== '')
    .map(([k, label]) => {
      const v = inputs[k];
      return `${label} ${typeof v === 'number' ? formatNumber(v) : String(v)}`;
    })
    .join('，');
}

const fill = (text: string): Run => ({ text: `【待补充：${text}】`, fill: true });

/** Builds the report model from the evaluation of every indicator at the report's year. */
export function buildAnnualReport(input: AnnualReportInput): AnnualReport {
  const { plan, region, year, indicators } = input;
  const county = region.code !== plan.region.code;
  const titleLines = reportTitleLines(plan.region.name, plan, year);
  if (county) titleLines.push(`（${region.name}）`);
  const title = titleLines.join('');
  const hasDemoData = indicators.some((i) => i.sources.some((s) => s.isDemo));
  const counts = STATUS_ORDER.map((status) => ({
    status,
    label: REPORT_STATUS_LABELS[status],
    count: indicators.filter((i) => i.status === status).length,
  }));
  const headlineRows = pickHeadline(indicators);
  const headline: HeadlineFact[] = headlineRows.map((i) => ({
    id: i.id,
    name: i.name,
    unit: i.unit,
    actual: i.actual,
    expected: i.expected,
    target: i.targetText,
    status: i.status,
  }));
  const behindRows = indicators.filter((i) => BEHIND_STATUSES.includes(i.status));
  const behind = behindRows.map((i) => ({
    id: i.id,
    name: i.name,
    leadUnit: i.leadUnit,
    status: i.status,
    required: requiredText(i),
  }));

  const charts: ChartSpec[] = [
    {
      id: 'status',
      kind: 'status',
      title: `${year}年主要指标监测状态分布`,
      categories: counts.filter((c) => c.count > 0).map((c) => c.label),
      series: [{ name: '指标数（项）', values: counts.filter((c) => c.count > 0).map((c) => c.count) }],
      unit: '项',
    },
    ...headlineRows
      // a path chart needs a path: at least two years with an expected value
      .filter((i) => (input.paths[i.id] ?? []).filter((p) => p.expected !== null).length >= 2)
      .slice(0, 3)
      .map(
        (i): ChartSpec => ({
          id: `path-${i.id}`,
          kind: 'path',
          title: `${i.name}：实际值与规划路径`,
          categories: (input.paths[i.id] ?? []).map((p) => p.period),
          series: [
            { name: '规划路径（预期值）', values: (input.paths[i.id] ?? []).map((p) => p.expected) },
            { name: '实际值', values: (input.paths[i.id] ?? []).map((p) => p.actual) },
          ],
          unit: i.unit,
        }),
      ),
  ];

  const blocks: Block[] = [];
  const p = (...runs: Run[]): Block => ({ kind: 'paragraph', runs, indent: true });
  const t = (text: string): Run => ({ text });

  blocks.push({ kind: 'title', lines: titleLines });
  if (hasDemoData) {
    blocks.push({
      kind: 'subtitle',
      runs: [{ text: '【示例数据：本稿中标注“示例数据”的数值由系统生成，仅供演示，不代表实际统计结果】', fill: true }],
    });
  }
  blocks.push({ kind: 'subtitle', runs: [t(`（讨论稿 ${input.draftedOn}）`)] });
  blocks.push({ kind: 'paragraph', runs: [] });

  const yearNo = year - plan.periodStart + 1;
  const span = plan.periodEnd - plan.periodStart + 1;
  blocks.push(
    p(
      t(
        `根据《${plan.title}》关于“建立规划实施年度监测评估和报告制度”的要求，现将${year}年（规划实施第${chineseNumber(Math.max(1, yearNo))}年，共${chineseNumber(span)}年）${county ? `${region.name}落实` : ''}${plan.region.name}规划纲要主要指标实施情况报告如下。`,
      ),
      fill('本年度经济社会发展总体情况、评估工作组织方式'),
    ),
  );

  // 一、总体情况
  const total = indicators.length;
  const countText = counts
    .filter((c) => c.count > 0)
    .map((c) => `${c.label}${c.count}项`)
    .join('，');
  const done = counts
    .filter((c) => ['achieved_early', 'achieved', 'ahead', 'on_track'].includes(c.status))
    .reduce((a, c) => a + c.count, 0);
  blocks.push({ kind: 'heading1', text: '一、总体情况' });
  blocks.push(
    p(
      t(
        `纲要确定的${total}项主要指标中，${countText}。总体看，${done}项指标进度符合或好于预期，${behind.length}项指标滞后、预警或未达标，需要加快推进。`,
      ),
    ),
  );
  if (headline.length > 0) {
    const parts = headlineRows.map(
      (i) =>
        `${i.name}${withUnit(i.actual, i.unit)}（预期值${withUnit(i.expected, i.unit)}，目标${i.targetText || '—'}，${REPORT_STATUS_LABELS[i.status]}）`,
    );
    blocks.push(p(t(`从标志性指标看，${parts.join('；')}。`)));
  }
  blocks.push(p(fill('对总体实施情况的判断和主要成效')));
  blocks.push({ kind: 'chart', chart: charts[0] as ChartSpec, caption: `图1　${charts[0]?.title}` });

  // 二、分领域
  blocks.push({ kind: 'heading1', text: '二、各领域指标完成情况' });
  const categories = [...new Set(indicators.map((i) => i.category ?? '其他'))];
  categories.forEach((cat, ci) => {
    const own = indicators.filter((i) => (i.category ?? '其他') === cat);
    blocks.push({ kind: 'heading2', text: `（${chineseNumber(ci + 1)}）${cat}` });
    const catCounts = STATUS_ORDER.map((s) => [s, own.filter((i) => i.status === s).length] as const)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${REPORT_STATUS_LABELS[s]}${n}项`)
      .join('，');
    blocks.push(p(t(`本领域${own.length}项指标，${catCounts}。`)));
    own.forEach((i, k) => {
      const demo = i.sources.some((s) => s.isDemo) ? '（示例数据）' : '';
      const actual = i.actual !== null ? `实际值${withUnit(i.actual, i.unit)}${demo}` : `${year}年尚无实际值`;
      const expected = i.expected !== null ? `，预期值${withUnit(i.expected, i.unit)}` : '';
      blocks.push(
        p(
          { text: `${k + 1}. ${i.name}。`, bold: true },
          t(`${actual}${expected}，评估为“${REPORT_STATUS_LABELS[i.status]}”。${i.reason}`),
        ),
      );
    });
    blocks.push(p(fill(`${cat}领域主要工作、成效和存在的问题`)));
    for (const chart of charts.slice(1)) {
      const hid = Number(chart.id.slice(5));
      if (own.some((i) => i.id === hid)) {
        const n = charts.indexOf(chart) + 1;
        blocks.push({ kind: 'chart', chart, caption: `图${n}　${chart.title}` });
      }
    }
  });

  // 三、滞后
  blocks.push({ kind: 'heading1', text: '三、滞后指标及需要加快推进的工作' });
  if (behindRows.length === 0) {
    blocks.push(p(t('本年度没有滞后、预警或未达标的指标。')));
  } else {
    blocks.push(
      p(
        t(
          `共有${behindRows.length}项指标滞后、预警或未达标，按规划目标倒推，剩余年份需达到的进度如下，请牵头单位逐项分析原因、提出措施。`,
        ),
      ),
    );
    blocks.push({
      kind: 'table',
      caption: `表1　${year}年滞后、预警和未达标指标`,
      header: ['序号', '指标', '状态', '实际值', '预期值', '今后需达到', '牵头单位'],
      widths: [6, 24, 11, 11, 11, 21, 16],
      align: ['center', 'left', 'center', 'center', 'center', 'left', 'center'],
      rows: behindRows.map((i, k) => [
        String(k + 1),
        i.name,
        REPORT_STATUS_LABELS[i.status],
        withUnit(i.actual, i.unit),
        withUnit(i.expected, i.unit),
        requiredText(i),
        i.leadUnit ?? '【待补充】',
      ]),
    });
    blocks.push(p(fill('滞后原因分析（逐项）和牵头单位提出的措施')));
  }

  // 四、下一步
  blocks.push({ kind: 'heading1', text: '四、下一步工作建议' });
  blocks.push(p(fill(`${year + 1}年推进规划实施的主要措施和对滞后指标的攻坚安排`)));
  blocks.push({ kind: 'paragraph', runs: [] });
  blocks.push({
    kind: 'signature',
    lines: [[fill(`${region.name}人民政府（署名机关）`)], [fill('成文日期')]],
  });

  // 附件
  blocks.push({ kind: 'pageBreak' });
  blocks.push({ kind: 'annexTitle', label: '附件1', text: `${year}年主要指标监测评估表` });
  blocks.push({
    kind: 'table',
    caption: '',
    header: ['序号', '指标', '单位', '属性', '规划目标', '预期值', '实际值', '状态'],
    widths: [6, 28, 8, 9, 13, 10, 10, 16],
    align: ['center', 'left', 'center', 'center', 'center', 'center', 'center', 'center'],
    rows: indicators.map((i, k) => [
      String(k + 1),
      i.name,
      i.unit,
      i.attribute === 'binding' ? '约束性' : '预期性',
      i.targetText || '—',
      formatNumber(i.expected),
      formatNumber(i.actual) + (i.actual !== null && i.sources.some((s) => s.isDemo) ? '*' : ''),
      REPORT_STATUS_LABELS[i.status],
    ]),
  });
  if (hasDemoData) blocks.push(p(t('注：标“*”的实际值含示例数据。')));

  blocks.push({ kind: 'pageBreak' });
  blocks.push({ kind: 'annexTitle', label: '附件2', text: '数据来源与评估依据' });
  blocks.push(
    p(
      t(
        '本表列出报告中每个数值的来源：经审核通过的填报值注明审核人和时间，示例数据注明“示例数据”；评估结果注明所用规则和输入。',
      ),
    ),
  );
  blocks.push({
    kind: 'table',
    caption: '',
    header: ['序号', '指标', '数值来源', '评估规则与输入'],
    widths: [6, 22, 36, 36],
    align: ['center', 'left', 'left', 'left'],
    rows: indicators.map((i, k) => [
      String(k + 1),
      i.name,
      sourcesText(i.sources),
      `${i.rule}${Object.keys(i.inputs).length > 0 ? `：${inputsText(i.inputs)}` : ''}`,
    ]),
  });

  return {
    title,
    planId: plan.id,
    region,
    year,
    draftedOn: input.draftedOn,
    hasDemoData,
    total,
    counts,
    headline,
    behind,
    charts,
    blocks,
  };
}
