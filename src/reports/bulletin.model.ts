/**
 * The quarterly bulletin (季度通报) of the 五个一 cycle as data: drafted from the quarter (figures, the
 * ranking of counties and zones, the red and yellow lists of projects), stored as a draft people edit,
 * then issued and frozen. Pure: data in, content out; "today" and the ranking are handed in.
 *
 * Every computed figure keeps its provenance (the KPI rule, its numerator and denominator, the project ids
 * behind it); every list entry keeps the basis it was listed on (warning light, factor blocker, overdue problem).
 */
import {
  computeKpisByGroupings,
  type IsoDate,
  type KpiPeriod,
  type KpiProject,
  MILESTONE_NAMES,
  type Milestone,
  type Milestones,
  problemStatus,
  round,
  warningLight,
} from '../domain/projects/index.ts';
import { chineseNumber } from './annual-report.model.ts';

export const BULLETIN_FORMAT = 'lantu.bulletin/1';

export interface BulletinProjectInput {
  id: number;
  name: string;
  county: { code: string; name: string } | null;
  zone: string | null;
  library: string;
  responsibleUnit: string | null;
  isDemo: boolean;
  milestones: Milestones;
  planned: { started: IsoDate | null; in_production: IsoDate | null; at_capacity: IsoDate | null };
  /** 总投资, 万元. */
  totalInvestment: number | null;
  /** Sum of the year's monthly planned figures, 万元. */
  plannedAnnualInvestment: number;
  /** Completed in the year through the quarter's last month, 万元. */
  completedInvestmentYtd: number;
}

/** A factor-support or approval item (要素保障) that is blocked or past its due date and not done. */
export interface BulletinBlockerInput {
  id: number;
  projectId: number;
  kind: string;
  title: string;
  status: string;
  department: string | null;
  dueOn: IsoDate | null;
  doneOn: IsoDate | null;
}

export interface BulletinProblemInput {
  id: number;
  projectId: number;
  title: string;
  deadline: IsoDate | null;
  raisedOn: IsoDate;
  closedOn: IsoDate | null;
}

export interface BulletinRankRow {
  region: { code: string; name: string };
  score: number;
  rank: number;
  previousRank: number | null;
  vetoed: boolean;
  /** Why it was vetoed, as the rubric words it (发生重大安全生产事故 …); absent or empty when not vetoed. */
  vetoReasons?: string[];
  kpis: {
    landingRate: number | null;
    startRate: number | null;
    investmentCompletionRate: number | null;
    productionRate: number | null;
  };
}

export interface BulletinRankingInput {
  rubric: { id: string; version: number };
  tourScores: boolean;
  entries: BulletinRankRow[];
}

export interface BulletinInput {
  city: { code: string; name: string };
  year: number;
  quarter: number;
  period: KpiPeriod;
  draftedOn: IsoDate;
  projects: BulletinProjectInput[];
  blockers: BulletinBlockerInput[];
  problems: BulletinProblemInput[];
  rankings: { county: BulletinRankingInput; zone: BulletinRankingInput };
}

/** A figure the opening paragraph prints, with the rule and inputs it came from. */
export interface BulletinFigure {
  key: string;
  label: string;
  value: number | null;
  unit: string;
  rule: string;
  inputs: Record<string, number | string | null>;
  projectIds: number[];
}

export interface BulletinBasis {
  code: 'LIGHT_RED' | 'LIGHT_YELLOW' | 'FACTOR_BLOCKED' | 'FACTOR_OVERDUE' | 'PROBLEM_OVERDUE';
  text: string;
}

export interface BulletinListEntry {
  /** Stable within the bulletin: `p<projectId>` for system entries, `m…` for entries a person added. */
  key: string;
  projectId: number | null;
  project: string;
  county: string;
  responsibleUnit: string;
  reason: string;
  source: 'system' | 'manual';
  basis: BulletinBasis[];
}

export type BulletinParagraphId = 'opening' | 'overview' | 'ranking' | 'red' | 'yellow' | 'requirements';
export const PARAGRAPH_IDS: BulletinParagraphId[] = ['opening', 'overview', 'ranking', 'red', 'yellow', 'requirements'];

export interface BulletinParagraph {
  id: BulletinParagraphId;
  /** 一级标题 before the text, or null (the opening has none). */
  heading: string | null;
  /** Editable text; `\n` separates paragraphs, 【…】 marks a place a person must fill in. */
  text: string;
}

/** What is stored in bulletins.content and edited until the bulletin is issued. */
export interface BulletinContent {
  format: typeof BULLETIN_FORMAT;
  year: number;
  quarter: number;
  city: { code: string; name: string };
  period: { from: IsoDate; to: IsoDate; throughMonth: number };
  /** 发文机关标志 of the 红头, e.g. 运城市重点项目建设领导小组办公室文件. */
  issuerMark: string;
  /** 发文机关署名. */
  issuer: string;
  /** 发文字号; 【 】 where the number is still to be given. */
  docNumber: string;
  title: string;
  /** 主送机关. */
  recipients: string;
  paragraphs: BulletinParagraph[];
  figures: BulletinFigure[];
  rankings: {
    rubric: { id: string; version: number };
    tourScores: boolean;
    county: BulletinRankRow[];
    zone: BulletinRankRow[];
  };
  redList: BulletinListEntry[];
  yellowList: BulletinListEntry[];
  hasDemoData: boolean;
  /** 成文日期: the draft date, replaced by the issue date when the bulletin is issued. */
  signedOn: IsoDate;
  draftedOn: IsoDate;
}

const FACTOR_KINDS: Record<string, string> = {
  land: '用地',
  energy: '能耗',
  environment: '环评',
  funding: '资金',
  planning: '规划',
};

export const QUARTER_NAMES = ['第一季度', '第二季度', '第三季度', '第四季度'];

export function bulletinTitle(year: number, quarter: number): string {
  return `关于${year}年${QUARTER_NAMES[quarter - 1]}全市重点项目“五个一”推进情况的通报`;
}

/** The title in the lines it is set in: broken before the quoted 五个一 when it is too long for one line. */
export function titleLines(title: string): string[] {
  if ([...title].length <= 20) return [title];
  const i = title.indexOf('“五个一”');
  if (i > 0) return [title.slice(0, i), title.slice(i)];
  const mid = Math.ceil(title.length / 2);
  return [title.slice(0, mid), title.slice(mid)];
}

const yi = (wan: number) => round(wan / 10000, 2);
const pctText = (r: number | null) => (r === null ? '—' : `${round(r * 100, 1)}%`);

/** The ranking's rows as the bulletin prints them (name, score, ranks, KPIs as percentages). */
export function rankTableRows(rows: BulletinRankRow[]): string[][] {
  return rows.map((r) => [
    String(r.rank),
    r.region.name,
    r.vetoed ? `${r.score.toFixed(2)}（否决）` : r.score.toFixed(2),
    r.previousRank === null ? '—' : String(r.previousRank),
    pctText(r.kpis.landingRate),
    pctText(r.kpis.startRate),
    pctText(r.kpis.investmentCompletionRate),
    pctText(r.kpis.productionRate),
  ]);
}

export const RANK_HEADER = [
  '名次',
  '县（市、区）',
  '得分',
  '上季度名次',
  '签约落地率',
  '开工率',
  '投资完成率',
  '投产率',
];
export const ZONE_RANK_HEADER = [
  '名次',
  '开发区',
  '得分',
  '上季度名次',
  '签约落地率',
  '开工率',
  '投资完成率',
  '投产率',
];
export const LIST_HEADER = ['序号', '项目名称', '县（市、区）', '责任单位', '原因'];

export function listTableRows(list: BulletinListEntry[]): string[][] {
  return list.map((e, i) => [String(i + 1), e.project, e.county, e.responsibleUnit, e.reason]);
}

/**
 * Red and yellow lists at the quarter's end. Red: the warning light is red (investment ≥ 10 points behind
 * time-proportional progress or a planned milestone ≥ 90 days late, see domain/projects/warning.ts), or a
 * factor-support item is blocked or past its due date undone, or an open problem is past its deadline.
 * Yellow: the light is yellow and nothing makes it red. Ordered by county code, then project id.
 */
export function classifyProjects(input: Pick<BulletinInput, 'projects' | 'blockers' | 'problems' | 'period'>): {
  red: BulletinListEntry[];
  yellow: BulletinListEntry[];
} {
  const to = input.period.to;
  const blockersOf = group(input.blockers, (b) => b.projectId);
  const problemsOf = group(input.problems, (p) => p.projectId);
  const red: BulletinListEntry[] = [];
  const yellow: BulletinListEntry[] = [];
  const projects = [...input.projects].sort(
    (a, b) => (a.county?.code ?? '').localeCompare(b.county?.code ?? '') || a.id - b.id,
  );
  for (const p of projects) {
    const basis: BulletinBasis[] = [];
    const plannedPairs: Array<[Milestone, IsoDate | null]> = [
      ['started', p.planned.started],
      ['in_production', p.planned.in_production],
      ['at_capacity', p.planned.at_capacity],
    ];
    const milestones = plannedPairs.flatMap(([k, d]) => {
      if (d === null || d > to) return [];
      const actual = p.milestones[k];
      // a milestone reached after the quarter's end still lagged at the quarter's end
      return [{ name: MILESTONE_NAMES[k], planned: d, actual: actual && actual <= to ? actual : null }];
    });
    const light = warningLight(
      {
        plannedAnnualInvestment: p.plannedAnnualInvestment,
        completedInvestmentYtd: p.completedInvestmentYtd,
        monthsElapsed: input.period.throughMonth,
        milestones,
      },
      to,
    );
    for (const r of light.reasons) {
      if (r.light === 'red') basis.push({ code: 'LIGHT_RED', text: r.zh });
      else if (r.light === 'yellow') basis.push({ code: 'LIGHT_YELLOW', text: r.zh });
    }
    for (const b of blockersOf.get(p.id) ?? []) {
      if (b.status === 'done' || b.status === 'not_needed') continue;
      if (b.doneOn && b.doneOn <= to) continue;
      const what = `${FACTOR_KINDS[b.kind] ?? ''}${b.title}${b.department ? `（${b.department}）` : ''}`;
      if (b.status === 'blocked') basis.push({ code: 'FACTOR_BLOCKED', text: `要素保障受阻：${what}` });
      else if (b.dueOn && b.dueOn < to) {
        basis.push({ code: 'FACTOR_OVERDUE', text: `要素保障逾期：${what}应于${b.dueOn}前办结` });
      }
    }
    for (const pr of problemsOf.get(p.id) ?? []) {
      if (!pr.deadline || pr.raisedOn > to) continue;
      const s = problemStatus(
        { id: String(pr.id), projectId: String(p.id), deadline: pr.deadline, closedOn: pr.closedOn },
        to,
      );
      if (s.overdue) basis.push({ code: 'PROBLEM_OVERDUE', text: `问题超期：${pr.title}，${s.zh}` });
    }
    if (basis.length === 0) continue;
    const isRed = basis.some((b) => b.code !== 'LIGHT_YELLOW');
    const shown = isRed ? basis.filter((b) => b.code !== 'LIGHT_YELLOW') : basis;
    const entry: BulletinListEntry = {
      key: `p${p.id}`,
      projectId: p.id,
      project: p.name,
      county: p.county?.name ?? '市本级',
      responsibleUnit: p.responsibleUnit ?? '【待补充】',
      reason: shown.map((b) => b.text).join('；'),
      source: 'system',
      basis: shown,
    };
    (isRed ? red : yellow).push(entry);
  }
  return { red, yellow };
}

function group<T>(list: T[], key: (t: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const t of list) {
    const k = key(t);
    const l = out.get(k);
    if (l) l.push(t);
    else out.set(k, [t]);
  }
  return out;
}

/** The quarter's figures, city-wide: the KPIs of every project of the city as one group. */
export function quarterFigures(
  input: Pick<BulletinInput, 'projects' | 'period' | 'year' | 'quarter'>,
): BulletinFigure[] {
  const { period } = input;
  const qFrom = `${input.year}-${String((input.quarter - 1) * 3 + 1).padStart(2, '0')}-01`;
  const kpiProjects: KpiProject[] = input.projects.map((p) => ({
    id: String(p.id),
    county: 'city',
    milestones: p.milestones,
    planned: p.planned,
    plannedAnnualInvestment: p.plannedAnnualInvestment,
  }));
  const ytd = new Map(input.projects.map((p) => [String(p.id), p.completedInvestmentYtd]));
  const g = computeKpisByGroupings(kpiProjects, ytd, period, ['county']).county?.[0];
  const ids = (xs: string[]) => xs.map(Number);
  const within = (d: IsoDate | undefined) => d !== undefined && d >= qFrom && d <= period.to;
  const signed = input.projects.filter((p) => within(p.milestones.signed));
  const started = input.projects.filter((p) => within(p.milestones.started));
  const signedInvestment = signed.reduce((s, p) => s + (p.totalInvestment ?? 0), 0);
  const range = { from: qFrom, to: period.to };
  const ratio = (key: 'landingRate' | 'startRate' | 'investmentCompletionRate', label: string, rule: string) => {
    const r = g?.[key];
    return {
      key,
      label,
      value: r?.rate ?? null,
      unit: 'ratio',
      rule,
      inputs: { numerator: r?.numerator ?? 0, denominator: r?.denominator ?? 0, from: period.from, to: period.to },
      projectIds: ids(r?.numeratorIds ?? []),
    };
  };
  const inv = g?.investmentCompletionRate;
  return [
    {
      key: 'signedCount',
      label: '本季度新签约项目',
      value: signed.length,
      unit: '个',
      rule: 'count(签约日期 in quarter)',
      inputs: range,
      projectIds: signed.map((p) => p.id),
    },
    {
      key: 'signedInvestment',
      label: '本季度新签约项目总投资',
      value: yi(signedInvestment),
      unit: '亿元',
      rule: 'sum(总投资 of projects signed in quarter) / 10000',
      inputs: { ...range, totalWan: round(signedInvestment, 1) },
      projectIds: signed.map((p) => p.id),
    },
    {
      key: 'startedCount',
      label: '本季度新开工项目',
      value: started.length,
      unit: '个',
      rule: 'count(开工日期 in quarter)',
      inputs: range,
      projectIds: started.map((p) => p.id),
    },
    ratio('landingRate', '签约落地率', 'kpi.landingRate: signed in period and started by its end ÷ signed in period'),
    ratio('startRate', '开工率', 'kpi.startRate: planned to start in period and started ÷ planned to start'),
    ratio(
      'investmentCompletionRate',
      '投资完成率',
      'kpi.investmentCompletionRate: completed in the year to date ÷ planned annual investment',
    ),
    {
      key: 'investmentCompleted',
      label: '完成投资',
      value: yi(inv?.numerator ?? 0),
      unit: '亿元',
      rule: `sum(completed investment, ${input.year}-01 … month ${period.throughMonth}) / 10000`,
      inputs: { year: input.year, throughMonth: period.throughMonth, totalWan: round(inv?.numerator ?? 0, 1) },
      projectIds: ids(inv?.numeratorIds ?? []),
    },
    {
      key: 'investmentPlanned',
      label: '年度计划投资',
      value: yi(inv?.denominator ?? 0),
      unit: '亿元',
      rule: `sum(planned monthly investment, ${input.year}) / 10000`,
      inputs: { year: input.year, totalWan: round(inv?.denominator ?? 0, 1) },
      projectIds: ids(inv?.denominatorIds ?? []),
    },
    {
      key: 'timeProgress',
      label: '时序进度',
      value: period.throughMonth / 12,
      unit: 'ratio',
      rule: 'months elapsed ÷ 12',
      inputs: { throughMonth: period.throughMonth },
      projectIds: [],
    },
  ];
}

const figure = (fs: BulletinFigure[], key: string) => fs.find((f) => f.key === key)?.value ?? null;

function names(rows: BulletinRankRow[]): string {
  return rows.map((r) => r.region.name).join('、');
}

/** Drafts the bulletin from the quarter. */
export function draftBulletin(input: BulletinInput): BulletinContent {
  const { city, year, quarter, period } = input;
  const q = QUARTER_NAMES[quarter - 1] as string;
  const figures = quarterFigures(input);
  const f = (k: string) => figure(figures, k);
  const { red, yellow } = classifyProjects(input);
  const county = input.rankings.county.entries;
  const zone = input.rankings.zone.entries;
  const issuer = `${city.name}重点项目建设领导小组办公室`;
  const abbreviation = `${city.name.slice(0, 1)}重项办`;
  const months = period.throughMonth === 3 ? '1—3月' : `1—${period.throughMonth}月`;
  const investRate = f('investmentCompletionRate');
  const time = period.throughMonth / 12;
  const gap = investRate === null ? null : round((investRate - time) * 100, 1);

  const landing = f('landingRate');
  const start = f('startRate');
  const rates = [
    landing === null ? null : `全市签约项目落地率${pctText(landing)}`,
    start === null ? null : `计划开工项目开工率${pctText(start)}`,
  ].filter((x) => x !== null);
  const overview = [
    `${year}年${q}，全市新签约项目${f('signedCount')}个，总投资${f('signedInvestment')}亿元；新开工项目${f('startedCount')}个。`,
    `${months}，`,
    rates.length > 0 ? `${rates.join('，')}；` : '',
    investRate === null
      ? '本年度尚无计划投资。'
      : `完成投资${f('investmentCompleted')}亿元，占年度计划${f('investmentPlanned')}亿元的${pctText(investRate)}，${
          gap === 0 || gap === null
            ? `与时序进度（${pctText(time)}）持平。`
            : `${gap > 0 ? '高于' : '低于'}时序进度（${pctText(time)}）${Math.abs(gap)}个百分点。`
        }`,
    '【待补充：本季度项目推进的主要成效和亮点】',
  ].join('');

  const top = county.filter((r) => !r.vetoed).slice(0, 3);
  const bottom = county.length > 6 ? county.slice(-3) : [];
  const ranking = [
    `按照“五个一”季度考核评分办法（${input.rankings.county.rubric.id} 第${input.rankings.county.rubric.version}版），`,
    `从签约落地率、开工率、投资完成率、投产率和观摩评分等方面，对${county.length}个县（市、区）`,
    zone.length > 0 ? `和${zone.length}个开发区` : '',
    '进行了考核。',
    input.rankings.county.tourScores ? '' : '本季度观摩评分暂缺，按0分计。',
    top.length === 1 ? `${names(top)}位列第一名` : '',
    top.length > 1 ? `${names(top)}位列前${top.length === 2 ? '两' : chineseNumber(top.length)}名` : '',
    bottom.length > 0 ? `，${names(bottom)}排名靠后` : '',
    top.length > 0 ? '。' : '',
    ...[...county, ...zone]
      .filter((r) => r.vetoed)
      .map(
        (r) =>
          `${r.region.name}因${(r.vetoReasons ?? []).join('、') || '触发否决事项'}，实行一票否决，考核得分计为${r.score}分、排名末位。`,
      ),
    '具体排名如下：',
  ].join('');

  const redText =
    red.length > 0
      ? `截至${chineseDate(period.to)}，以下${red.length}个项目投资或节点严重滞后、要素保障受阻或问题超期未解决，列为红色预警（红榜），请所在县（市、区）和责任单位限期整改：`
      : `截至${chineseDate(period.to)}，全市无红色预警项目。`;
  const yellowText =
    yellow.length > 0
      ? `以下${yellow.length}个项目投资进度或建设节点滞后，列为黄色预警（黄榜），请加快推进，防止转为红色预警：`
      : '本季度无黄色预警项目。';
  const requirements = [
    '各县（市、区）、各开发区和市直各有关单位要对照本通报，逐项制定整改措施，明确责任人和完成时限。',
    '红色预警项目由包联市领导牵头协调，于下季度考核前整改销号；黄色预警项目由属地政府加快推进；',
    '要素保障受阻的项目，由市直有关部门会同属地在15个工作日内提出解决方案。',
    '【待补充：下季度签约、开工和观摩的具体安排】',
  ].join('');

  return {
    format: BULLETIN_FORMAT,
    year,
    quarter,
    city,
    period: { from: period.from, to: period.to, throughMonth: period.throughMonth },
    issuerMark: `${issuer}文件`,
    issuer,
    docNumber: `${abbreviation}〔${input.draftedOn.slice(0, 4)}〕【 】号`,
    title: bulletinTitle(year, quarter),
    recipients: '各县（市、区）人民政府，各开发区管委会，市直各有关单位：',
    paragraphs: [
      {
        id: 'opening',
        heading: null,
        text: `按照全市重点项目“五个一”工作机制，市重点项目建设领导小组办公室对${year}年${q}各县（市、区）和开发区项目签约、开工、投资完成等情况进行了考核。现将有关情况通报如下。`,
      },
      { id: 'overview', heading: '一、总体情况', text: overview },
      { id: 'ranking', heading: '二、考核排名', text: ranking },
      { id: 'red', heading: '三、红色预警项目', text: redText },
      { id: 'yellow', heading: '四、黄色预警项目', text: yellowText },
      { id: 'requirements', heading: '五、下步工作要求', text: requirements },
    ],
    figures,
    rankings: {
      rubric: input.rankings.county.rubric,
      tourScores: input.rankings.county.tourScores,
      county,
      zone,
    },
    redList: red,
    yellowList: yellow,
    hasDemoData: input.projects.some((p) => p.isDemo),
    signedOn: input.draftedOn,
    draftedOn: input.draftedOn,
  };
}

/** Splits text on 【…】 so a renderer can highlight the places a person must fill in. */
export function splitFills(text: string): { text: string; fill: boolean }[] {
  const out: { text: string; fill: boolean }[] = [];
  const re = /【[^】]*】/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index), fill: false });
    out.push({ text: m[0], fill: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), fill: false });
  return out;
}

/** 成文日期 as printed: 2024年10月15日 (GB/T 9704-2012 uses Arabic numerals). */
export function chineseDate(d: IsoDate): string {
  return `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
}
