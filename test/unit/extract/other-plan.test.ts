import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractPlan } from '../../../src/extract/index.ts';
import { learnGazetteer } from '../../../src/extract/places.ts';
import { seedText } from './seed.ts';

/** A hand-written plan of another (fictional) city: other numbering, column order, wording. */
const text = readFileSync(new URL('../../fixtures/extract/other-plan.txt', import.meta.url), 'utf8');
const out = extractPlan({ text });

describe('a plan other than the seed', () => {
  it('reads the outline with 专栏 1：, 专栏２ (full-width) and 专栏 3', () => {
    const boxes = out.outline.flatMap((c) => c.children.flatMap((s) => s.children));
    expect(boxes.map((b) => [b.number, b.title])).toEqual([
      ['专栏1', '“十四五”时期经济社会发展主要指标'],
      ['专栏2', '重点产业项目'],
      ['专栏3', '园区提质重大工程'],
    ]);
  });

  it('reads an indicator table with a category and a unit column, attribute first among values', () => {
    const [t] = out.indicatorTables;
    expect(t?.columns.map((c) => c.role)).toEqual([
      'category',
      'name',
      'unit',
      'attribute',
      'target',
      'baseline',
      'growth',
    ]);
    expect(t?.rows.map((r) => [r.category, r.name, r.unit, r.attribute])).toEqual([
      ['经济发展', '地区生产总值增长率', '%', 'expected'],
      ['经济发展', '全员劳动生产率', '万元/人', 'expected'],
      ['创新驱动', '研发经费投入强度', '%', 'expected'],
      ['民生福祉', '城镇调查失业率', '%', 'binding'],
    ]);
    expect(t?.rows[3]?.cells.target).toMatchObject({ kind: 'bound', comparator: '<', value: 5.5, year: 2025 });
    expect(t?.rows[2]?.cells.growth).toMatchObject({ kind: 'cumulative', value: 0.9 });
  });

  it('reads project boxes, counties learnt from the text, and stops at the prose after a box', () => {
    const [p2, p3] = out.projectBoxes;
    expect(p2?.groups.map((g) => g.title)).toEqual(['电子信息', '生物医药']);
    expect(p2?.groups[0]?.items.map((i) => [i.name, i.county, i.zone])).toEqual([
      ['东湖区年产 300 万片显示面板项目', '东湖区', null],
      ['南江县智能终端产业园', '南江县', null],
      ['江北开发区 5G 模组项目', null, '江北开发区'],
      ['临川高新区光电产业园二期工程', null, '临川高新区'],
    ]);
    expect(p2?.groups[1]?.items[1]).toMatchObject({ name: '南江生物医药孵化基地', county: '南江县' });
    expect(p3?.groups.map((g) => g.title)).toEqual(['临川高新区', '江北开发区']);
  });

  it('reads clusters, chains, zones and commitments', () => {
    expect(out.clusters.map((c) => [c.name, c.chains.map((ch) => ch.segments)])).toEqual([
      ['电子信息产业集群', [[['玻璃基板'], ['面板'], ['模组'], ['整机']]]],
      ['生物医药产业集群', [[['原料药'], ['制剂'], ['医疗器械', '康养服务']]]],
    ]);
    expect(out.zones.map((z) => [z.name, z.industries.map((i) => i.leadFirms)])).toEqual([
      ['临川高新区', [['华光电子', '江天科技'], ['康泰医药']]],
      ['江北开发区', [['北辰汽车']]],
    ]);
    expect(out.commitments.map((c) => [c.subject, c.value, c.unit, c.frequency, c.deadline])).toEqual([
      ['标准厂房', 500000, '平方米', 'annual', null],
      ['园区营业收入', 3e11, '元', null, 2025],
      ['百亿级产业集群', 2, '个', 'per:县（区）', 2025],
    ]);
  });
});

describe('learnGazetteer', () => {
  it('learns the 13 counties of the seed from the text alone', () => {
    const counties = [...learnGazetteer(seedText).counties.values()].sort();
    expect(counties).toEqual(
      [
        '盐湖区',
        '永济市',
        '河津市',
        '临猗县',
        '万荣县',
        '闻喜县',
        '稷山县',
        '新绛县',
        '绛县',
        '垣曲县',
        '夏县',
        '平陆县',
        '芮城县',
      ].sort(),
    );
  });
});

describe('the seed written with full-width digits throughout', () => {
  const wide = seedText.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
  const a = extractPlan({ text: seedText });
  const b = extractPlan({ text: wide });

  it('extracts the same structure and values', () => {
    const count = (x: typeof a) => [
      x.indicatorTables.map((t) => t.rows.length),
      x.projectBoxes.map((p) => p.groups.flatMap((g) => g.items).length),
      x.clusters.map((c) => c.chains.length),
      x.zones.length,
    ];
    expect(count(b)).toEqual(count(a));
    const values = (x: typeof a) => x.indicatorTables.flatMap((t) => t.rows.map((r) => r.cells.target?.value ?? null));
    expect(values(b)).toEqual(values(a));
    expect(b.commitments.map((c) => c.value)).toEqual(a.commitments.map((c) => c.value));
    const caps = (x: typeof a) =>
      x.projectBoxes.flatMap((p) => p.groups.flatMap((g) => g.items.flatMap((i) => i.capacity.map((c) => c.value))));
    expect(caps(b)).toEqual(caps(a));
  });
});

describe('a project box written with numbered groups', () => {
  it('strips 1. / （3） and takes titles ending in 。 or ：', () => {
    const text = [
      '第一章 总则',
      '',
      '专栏 5 先进制造业重点工程',
      '',
      '1.集成电路。建设甲公司12英寸晶圆项目、乙公司封测基地。',
      '2.新能源汽车：推进丙汽车年产 30 万辆整车项目、丁电池产业园。',
      '（3）生物医药。戊医药产业园。',
      '',
    ].join('\n');
    const groups = extractPlan({ text }).projectBoxes[0]?.groups ?? [];
    expect(groups.map((g) => [g.title, g.items.map((i) => i.name)])).toEqual([
      ['集成电路', ['甲公司12英寸晶圆项目', '乙公司封测基地']],
      ['新能源汽车', ['丙汽车年产 30 万辆整车项目', '丁电池产业园']],
      ['生物医药', ['戊医药产业园']],
    ]);
    expect(groups[1]?.items[0]?.capacity).toEqual([{ text: '年产 30 万辆', value: 300000, unit: '辆', perYear: true }]);
  });
});
