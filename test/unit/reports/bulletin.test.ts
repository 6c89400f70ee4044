import { describe, expect, it } from 'vitest';
import { renderBulletinDocx } from '../../../src/reports/bulletin.docx.ts';
import {
  type BulletinInput,
  type BulletinProjectInput,
  classifyProjects,
  draftBulletin,
  splitFills,
  titleLines,
} from '../../../src/reports/bulletin.model.ts';
import { FONTS, LAYOUT, RED, SIZES } from '../../../src/reports/official-docx.ts';
import { attrs, paragraphs, readDocx, tables, textOf } from './docx-xml.ts';

const YANHU = { code: '140802', name: '盐湖区' };
const LINYI = { code: '140821', name: '临猗县' };

function project(id: number, over: Partial<BulletinProjectInput>): BulletinProjectInput {
  return {
    id,
    name: `项目${id}`,
    county: YANHU,
    zone: null,
    library: 'construction',
    responsibleUnit: `责任单位${id}`,
    isDemo: false,
    milestones: { signed: '2023-03-01', started: '2023-06-01' },
    planned: { started: '2023-06-01', in_production: null, at_capacity: null },
    totalInvestment: 10000,
    plannedAnnualInvestment: 1200,
    completedInvestmentYtd: 900, // 75 % = time-proportional progress after Q3: green
    ...over,
  };
}

/** A fixture quarter, 2024 Q3: one project for each way onto (or off) the lists. */
const input: BulletinInput = {
  city: { code: '140800', name: '运城市' },
  year: 2024,
  quarter: 3,
  period: { from: '2024-01-01', to: '2024-09-30', year: 2024, throughMonth: 9 },
  draftedOn: '2024-10-12',
  projects: [
    project(1, { name: '按期项目' }),
    project(2, { name: '投资严重滞后项目', completedInvestmentYtd: 600 }), // 50 %: 25 points behind → red
    project(3, { name: '投资稍慢项目', county: LINYI, completedInvestmentYtd: 816 }), // 68 %: 7 points → yellow
    project(4, { name: '用地受阻项目' }),
    project(5, { name: '问题超期项目', completedInvestmentYtd: 816 }), // yellow light + overdue problem → red
    project(6, { name: '问题已解决项目' }),
    project(7, {
      name: '开工延误项目',
      milestones: { signed: '2024-02-01', started: '2024-10-15' }, // started after the quarter's end
      planned: { started: '2024-05-01', in_production: null, at_capacity: null },
      plannedAnnualInvestment: 0,
      completedInvestmentYtd: 0,
    }),
    project(8, { name: '审批逾期项目', responsibleUnit: null }),
    project(9, {
      name: '新签约项目',
      county: LINYI,
      milestones: { signed: '2024-08-08' },
      planned: { started: '2024-08-15', in_production: null, at_capacity: null }, // 46 days late → yellow
      totalInvestment: 58500,
      plannedAnnualInvestment: 0,
      completedInvestmentYtd: 0,
    }),
  ],
  blockers: [
    {
      id: 1,
      projectId: 4,
      kind: 'land',
      title: '建设用地指标',
      status: 'blocked',
      department: '市自然资源局',
      dueOn: null,
      doneOn: null,
    },
    {
      id: 2,
      projectId: 6,
      kind: 'energy',
      title: '能评',
      status: 'done',
      department: null,
      dueOn: '2024-03-01',
      doneOn: '2024-04-01',
    },
    {
      id: 3,
      projectId: 8,
      kind: 'environment',
      title: '环评批复',
      status: 'in_progress',
      department: '市生态环境局',
      dueOn: '2024-08-01',
      doneOn: null,
    },
  ],
  problems: [
    { id: 1, projectId: 5, title: '水电气配套未接入', deadline: '2024-08-31', raisedOn: '2024-07-01', closedOn: null },
    {
      id: 2,
      projectId: 6,
      title: '征地拆迁未完成',
      deadline: '2024-05-31',
      raisedOn: '2024-04-01',
      closedOn: '2024-06-10',
    },
    // raised after the quarter: not this bulletin's business
    { id: 3, projectId: 1, title: '融资到位不足', deadline: '2024-10-20', raisedOn: '2024-10-05', closedOn: null },
  ],
  rankings: {
    county: {
      rubric: { id: 'wugeyi-quarterly', version: 1 },
      tourScores: false,
      entries: [
        {
          region: LINYI,
          score: 71.25,
          rank: 1,
          previousRank: 2,
          vetoed: false,
          kpis: { landingRate: 1, startRate: 0.5, investmentCompletionRate: 0.68, productionRate: null },
        },
        {
          region: YANHU,
          score: 60.5,
          rank: 2,
          previousRank: 1,
          vetoed: false,
          kpis: { landingRate: 0.5, startRate: 1, investmentCompletionRate: 0.72, productionRate: 0.8 },
        },
      ],
    },
    zone: {
      rubric: { id: 'wugeyi-quarterly', version: 1 },
      tourScores: false,
      entries: [
        {
          region: { code: '运城开发区', name: '运城开发区' },
          score: 55,
          rank: 1,
          previousRank: null,
          vetoed: false,
          kpis: { landingRate: null, startRate: null, investmentCompletionRate: 0.7, productionRate: null },
        },
      ],
    },
  },
};

describe('bulletin red and yellow lists', () => {
  const { red, yellow } = classifyProjects(input);

  it('puts red lights, blocked or overdue factor support and overdue problems on the red list', () => {
    expect(red.map((e) => e.projectId)).toEqual([2, 4, 5, 7, 8]);
    const byId = new Map(red.map((e) => [e.projectId, e]));
    expect(byId.get(2)?.basis.map((b) => b.code)).toEqual(['LIGHT_RED']);
    expect(byId.get(2)?.reason).toBe('投资完成50%，时序进度75%，落后25个百分点');
    expect(byId.get(4)?.reason).toBe('要素保障受阻：用地建设用地指标（市自然资源局）');
    // the yellow light is not repeated once the project is red for another reason
    expect(byId.get(5)?.basis.map((b) => b.code)).toEqual(['PROBLEM_OVERDUE']);
    expect(byId.get(5)?.reason).toContain('水电气配套未接入，办理时限2024-08-31，已超期30天');
    // a milestone reached after the quarter still lagged at its end: 152 days
    expect(byId.get(7)?.reason).toBe('计划2024-05-01开工，尚未完成，滞后152天');
    expect(byId.get(8)?.reason).toBe('要素保障逾期：环评环评批复（市生态环境局）应于2024-08-01前办结');
    expect(byId.get(8)?.responsibleUnit).toBe('【待补充】');
  });

  it('puts yellow lights on the yellow list, with county and responsible unit', () => {
    expect(yellow.map((e) => e.projectId)).toEqual([3, 9]);
    expect(yellow[0]).toMatchObject({
      key: 'p3',
      county: '临猗县',
      responsibleUnit: '责任单位3',
      source: 'system',
      reason: '投资完成68%，时序进度75%，落后7个百分点',
    });
    expect(yellow[1]?.reason).toBe('计划2024-08-15开工，尚未完成，滞后46天');
  });

  it('leaves projects on schedule, with closed problems and done approvals, off both lists', () => {
    const listed = [...red, ...yellow].map((e) => e.projectId);
    expect(listed).not.toContain(1);
    expect(listed).not.toContain(6);
  });
});

describe('bulletin draft', () => {
  const b = draftBulletin(input);

  it('titles the bulletin for the quarter and sets it in two lines', () => {
    expect(b.title).toBe('关于2024年第三季度全市重点项目“五个一”推进情况的通报');
    expect(titleLines(b.title)).toEqual(['关于2024年第三季度全市重点项目', '“五个一”推进情况的通报']);
    expect(b.issuerMark).toBe('运城市重点项目建设领导小组办公室文件');
    expect(b.docNumber).toBe('运重项办〔2024〕【 】号');
  });

  it('prints the quarter’s figures with their provenance', () => {
    const f = Object.fromEntries(b.figures.map((x) => [x.key, x]));
    expect(f.signedCount).toMatchObject({ value: 1, projectIds: [9] });
    expect(f.signedInvestment?.value).toBe(5.85);
    expect(f.startedCount?.value).toBe(0); // project 7 started on 2024-10-15, after the quarter
    expect(f.startRate).toMatchObject({ value: 0, inputs: { numerator: 0, denominator: 2 } });
    expect(f.startRate?.rule).toMatch(/^kpi\.startRate/);
    // 7 projects × 1200 planned; completed 900×4 + 600 + 816×2 = 5832
    expect(f.investmentPlanned?.value).toBe(0.84);
    expect(f.investmentCompleted?.value).toBe(0.58);
    expect(f.investmentCompletionRate?.value).toBeCloseTo(5832 / 8400, 6);
    const overview = b.paragraphs.find((p) => p.id === 'overview')?.text ?? '';
    expect(overview).toContain('全市新签约项目1个，总投资5.85亿元；新开工项目0个');
    expect(overview).toContain('占年度计划0.84亿元的69.4%，低于时序进度（75%）5.6个百分点');
    expect(overview).toContain('【待补充');
    expect(overview).toContain('1—9月，全市签约项目落地率0%，计划开工项目开工率0%；');
    // a quarter with nothing signed or planned says nothing about those rates, rather than printing "—"
    const quiet = draftBulletin({ ...input, projects: [project(1, {})] });
    const text = quiet.paragraphs.find((p) => p.id === 'overview')?.text ?? '';
    expect(text).toContain('1—9月，完成投资0.09亿元，占年度计划0.12亿元的75%，与时序进度（75%）持平。');
  });

  it('carries the ranking, says the tour scores are missing and counts the lists in the text', () => {
    expect(b.rankings.county.map((r) => r.region.name)).toEqual(['临猗县', '盐湖区']);
    expect(b.paragraphs.find((p) => p.id === 'ranking')?.text).toContain('本季度观摩评分暂缺');
    expect(b.paragraphs.find((p) => p.id === 'ranking')?.text).toContain(
      '对2个县（市、区）和1个开发区进行了考核。本季度观摩评分暂缺，按0分计。临猗县、盐湖区位列前两名。',
    );
    expect(b.paragraphs.find((p) => p.id === 'red')?.text).toContain('截至2024年9月30日，以下5个项目');
    expect(b.paragraphs.find((p) => p.id === 'yellow')?.text).toContain('以下2个项目');
    expect(b.hasDemoData).toBe(false);
    expect(draftBulletin({ ...input, projects: input.projects.map((p) => ({ ...p, isDemo: true })) }).hasDemoData).toBe(
      true,
    );
  });

  it('names a vetoed county and why, and leaves it out of the leaders', () => {
    const [linyi, yanhu] = input.rankings.county.entries;
    const vetoed = draftBulletin({
      ...input,
      rankings: {
        ...input.rankings,
        county: {
          ...input.rankings.county,
          entries: [
            { ...yanhu!, rank: 1 },
            { ...linyi!, rank: 2, score: 0, vetoed: true, vetoReasons: ['发生重大安全生产事故'] },
          ],
        },
      },
    });
    const text = vetoed.paragraphs.find((p) => p.id === 'ranking')?.text;
    expect(text).toContain('盐湖区位列第一名');
    expect(text).toContain('临猗县因发生重大安全生产事故，实行一票否决，考核得分计为0分、排名末位。具体排名如下：');
  });

  it('splits the places to fill in', () => {
    expect(splitFills('运重项办〔2024〕【 】号')).toEqual([
      { text: '运重项办〔2024〕', fill: false },
      { text: '【 】', fill: true },
      { text: '号', fill: false },
    ]);
  });
});

describe('bulletin .docx (GB/T 9704 layout)', async () => {
  const content = draftBulletin({ ...input, projects: input.projects.map((p) => ({ ...p, isDemo: p.id === 1 })) });
  const parts = await readDocx(await renderBulletinDocx(content, false));
  const ps = paragraphs(parts.document);

  it('opens with the red 发文机关标志, the 发文字号 over a red line, then the 小标宋 title', () => {
    const mark =
      parts.document.match(/<w:p>(?:(?!<\/w:p>)[\s\S])*?运城市重点项目建设领导小组办公室文件[\s\S]*?<\/w:p>/)?.[0] ??
      '';
    expect(mark).toContain(`w:color w:val="${RED}"`);
    expect(attrs(mark, 'w:rFonts')['w:eastAsia']).toBe(FONTS.title);
    const number = ps.findIndex((p) => p.text === '运重项办〔2024〕【 】号');
    expect(number).toBeGreaterThan(0);
    const numberXml = [...parts.document.matchAll(/<w:p>[\s\S]*?<\/w:p>/g)].map((m) => m[0])[number] ?? '';
    expect(numberXml).toMatch(new RegExp(`<w:bottom [^>]*w:color="${RED}"`));
    const title = ps.find((p) => p.text.startsWith('关于2024年第三季度'));
    expect(title).toMatchObject({ eastAsia: FONTS.title, size: String(SIZES.title) });
    expect(title?.text).toBe('关于2024年第三季度全市重点项目“五个一”推进情况的通报');
    expect(ps.findIndex((p) => p.text.startsWith('关于2024年'))).toBeGreaterThan(number);
  });

  it('keeps the page, body type and page numbers of the annual report', () => {
    expect(attrs(parts.document, 'w:pgSz')).toMatchObject({ 'w:w': '11906', 'w:h': '16838' });
    expect(attrs(parts.document, 'w:pgMar')['w:top']).toBe(String(LAYOUT.marginTop));
    expect(ps.find((p) => p.text.startsWith('按照全市重点项目'))).toMatchObject({ eastAsia: FONTS.body, size: '32' });
    expect(ps.find((p) => p.text === '三、红色预警项目')).toMatchObject({ eastAsia: FONTS.heading1 });
    expect(parts.footers).toHaveLength(2);
    for (const f of parts.footers) expect(f).toContain('PAGE');
    expect(textOf(parts.document)).toContain('示例数据');
    expect(parts.document).toContain('w:highlight w:val="yellow"');
  });

  it('has the county and zone rankings and the red and yellow lists as tables', () => {
    const ts = tables(parts.document);
    expect(ts).toHaveLength(4);
    const [counties, zones, red, yellow] = ts as [string[][], string[][], string[][], string[][]];
    expect(counties[0]).toEqual([
      '名次',
      '县（市、区）',
      '得分',
      '上季度名次',
      '签约落地率',
      '开工率',
      '投资完成率',
      '投产率',
    ]);
    expect(counties[1]).toEqual(['1', '临猗县', '71.25', '2', '100%', '50%', '68%', '—']);
    expect(zones[1]?.slice(0, 4)).toEqual(['1', '运城开发区', '55.00', '—']);
    expect(red).toHaveLength(6);
    expect(red[1]).toEqual([
      '1',
      '投资严重滞后项目',
      '盐湖区',
      '责任单位2',
      '投资完成50%，时序进度75%，落后25个百分点',
    ]);
    expect(yellow.map((r) => r[1])).toEqual(['项目名称', '投资稍慢项目', '新签约项目']);
  });

  it('ends with the issuing office and the date', () => {
    const last = ps.filter((p) => p.text !== '').slice(-2);
    expect(last.map((p) => p.text)).toEqual(['运城市重点项目建设领导小组办公室', '2024年10月12日']);
  });
});
