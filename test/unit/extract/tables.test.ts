import { describe, expect, it } from 'vitest';
import { extractPlan } from '../../../src/extract/index.ts';
import type { Cell, IndicatorRow, IndicatorTable } from '../../../src/extract/schema.ts';
import { foldWidth } from '../../../src/text/numerals.ts';
import { fixture, seedExtraction, seedText } from './seed.ts';

interface FixtureTable {
  box: string;
  columns: Array<{ role: string; year: number | null }>;
  rows: Array<Record<string, unknown>>;
}

/** The comparable part of a cell: what a reviewer checks, without provenance. */
function cellSpec(c: Cell): Record<string, unknown> {
  const o: Record<string, unknown> = { text: c.text, kind: c.kind, value: c.value, year: c.year };
  if (c.comparator) o.comparator = c.comparator;
  if (c.change) o.change = c.change;
  if (c.unit) o.unit = c.unit;
  if (c.reference) o.reference = c.reference;
  if (c.parts.length) o.parts = c.parts.map((p) => ({ label: p.label, ...cellSpec(p) }));
  return o;
}

function rowSpec(row: IndicatorRow): Record<string, unknown> {
  return {
    category: row.category,
    seq: row.seq,
    parent: row.parent,
    name: row.name,
    unit: row.unit,
    tags: row.tags,
    attribute: row.attribute,
    ...(row.nameParts.length ? { nameParts: row.nameParts } : {}),
    cells: Object.fromEntries(Object.entries(row.cells).map(([k, c]) => [k, cellSpec(c as Cell)])),
  };
}

const table = (tables: IndicatorTable[], box: string) => {
  const t = tables.find((x) => x.box === box);
  if (!t) throw new Error(`${box} not found`);
  return t;
};

/** Rewrite the tab-separated lines between two markers of the seed, leaving the rest as is. */
function rewriteTable(text: string, from: string, to: string, fn: (cells: string[]) => string[]): string {
  const a = text.indexOf(from);
  const b = text.indexOf(to, a);
  const body = text
    .slice(a, b)
    .split('\n')
    .map((line) => (line.includes('\t') && !/^注/.test(line) ? fn(line.split('\t')).join('\t') : line))
    .join('\n');
  return text.slice(0, a) + body + text.slice(b);
}

const BOX2_FROM = '专栏2 运城市';
const BOX2_TO = '第三章 实施';

describe('indicator tables of the seed plan', () => {
  const tables = seedExtraction().indicatorTables;

  it('finds exactly the two indicator boxes, each merged from its two printed parts', () => {
    expect(tables.map((t) => t.box)).toEqual(['专栏1', '专栏2']);
    expect(table(tables, '专栏2').rows).toHaveLength(37);
    expect(table(tables, '专栏1').rows).toHaveLength(46);
  });

  it.each(['专栏1', '专栏2'])('%s: every row equals the hand-checked fixture', (box) => {
    const want = fixture<FixtureTable>(`indicators-box${box.slice(2)}.json`);
    const got = table(tables, box);
    expect(got.columns.map((c) => ({ role: c.role, year: c.year }))).toEqual(want.columns);
    got.rows.forEach((row, i) => {
      expect(rowSpec(row), `${box} row ${i + 1} ${row.name}`).toEqual(want.rows[i]);
    });
  });

  it('keeps the table notes, where the year of starred values comes from', () => {
    expect(table(tables, '专栏1').notes).toHaveLength(4);
    expect(table(tables, '专栏1').notes[0]).toMatch(/^注：1\./);
    expect(table(tables, '专栏2').notes).toEqual(['注：[]为累计完成数，*为2019年数据。']);
  });

  it('checks the stated category counts and reports a mismatch', () => {
    expect(table(tables, '专栏2').issues).toEqual([]);
    const text = seedText.replace('二、创新驱动（5个）', '二、创新驱动（6个）');
    const issues = table(extractPlan({ text }).indicatorTables, '专栏2').issues;
    expect(issues).toEqual([expect.objectContaining({ category: '创新驱动', stated: 6, found: 5 })]);
  });

  it('gives each row the exact table row as its source', () => {
    for (const row of table(tables, '专栏2').rows) {
      expect(seedText.slice(row.source.start, row.source.end)).toBe(row.source.text);
      expect(row.source.text).toContain(row.name.slice(0, 4));
    }
  });
});

describe('indicator tables written differently', () => {
  const want = fixture<FixtureTable>('indicators-box2.json');

  it('reads 专栏2 with columns reordered and headers reworded', () => {
    const renamed: Record<string, string> = {
      '2020年完成': '2020年基数',
      '2025年目标': '2025年目标值',
      '年均增长/累计': '年均增速',
    };
    const text = rewriteTable(seedText, BOX2_FROM, BOX2_TO, (c) =>
      [5, 0, 1, 4, 3, 2].map((i) => renamed[c[i] ?? ''] ?? c[i] ?? ''),
    );
    const got = table(extractPlan({ text }).indicatorTables, '专栏2');
    const byRole = Object.fromEntries(got.columns.map((c) => [c.role, c.header]));
    expect(byRole).toMatchObject({
      attribute: '属性',
      baseline: '2020年基数',
      target: '2025年目标值',
      growth: '年均增速',
    });
    expect(got.rows.map(rowSpec)).toEqual(want.rows);
  });

  it('reads 专栏2 written with full-width digits', () => {
    const wide = (s: string) => s.replace(/[0-9.]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    const text = rewriteTable(seedText, BOX2_FROM, BOX2_TO, (c) => c.map(wide));
    const got = table(extractPlan({ text }).indicatorTables, '专栏2');
    const folded = JSON.parse(foldWidth(JSON.stringify(got.rows.map(rowSpec))));
    expect(folded).toEqual(want.rows);
  });

  it('reads a category column whose merged cells are blank below their first row', () => {
    const text = [
      '专栏1 主要指标',
      '',
      '类别\t指标\t单位\t2020年\t2025年\t属性',
      '经济发展\t地区生产总值增速\t%\t3.6\t6.5左右\t预期性',
      '\t常住人口城镇化率\t%\t-\t≥60\t预期性',
      '绿色生态\t森林覆盖率\t%\t29.2*\t31.77\t约束性',
      '注：*为2019年数据。',
    ].join('\n');
    const rows = extractPlan({ text: `第一章 总则\n\n${text}\n` }).indicatorTables[0]?.rows ?? [];
    expect(rows.map((r) => [r.category, r.name, r.unit, r.attribute])).toEqual([
      ['经济发展', '地区生产总值增速', '%', 'expected'],
      ['经济发展', '常住人口城镇化率', '%', 'expected'],
      ['绿色生态', '森林覆盖率', '%', 'binding'],
    ]);
    expect(rows[0]?.cells.target).toMatchObject({ kind: 'bound', value: 6.5, comparator: 'approx', year: 2025 });
    expect(rows[2]?.cells.baseline).toMatchObject({ kind: 'otherYear', value: 29.2, year: 2019 });
  });
});

describe('headers whose colspans were lost (HTML or Word tables)', () => {
  it('reads 专栏1 when its two header rows come without the spanned blanks', () => {
    const text = seedText
      .replaceAll(
        '类别\t序号\t指标内容\t2015年\t规划目标\t\t进展情况\t\t属性',
        '类别\t序号\t指标内容\t2015年\t规划目标\t进展情况\t属性',
      )
      .replaceAll(
        '\t\t\t\t2020年目标\t年均或累计增长目标(%)\t完成\t年均或累计增长(%)\t',
        '2020年目标\t年均或累计增长目标(%)\t完成\t年均或累计增长(%)',
      );
    expect(text).not.toBe(seedText);
    const want = fixture<FixtureTable>('indicators-box1.json');
    const got = table(extractPlan({ text }).indicatorTables, '专栏1');
    expect(got.columns.map((c) => ({ role: c.role, year: c.year }))).toEqual(want.columns);
    expect(got.rows.map(rowSpec)).toEqual(want.rows);
  });
});

describe('rows that lost the cell of a merged category (HTML rowspan)', () => {
  it('aligns a short row to the right columns', () => {
    const text = [
      '第一章 总则',
      '',
      '专栏1 主要指标',
      '',
      '类别\t指标\t单位\t属性\t2025年目标值\t2020年基数\t年均增速',
      '经济发展\t地区生产总值增长率\t%\t预期性\t-\t3.9\t6左右',
      '全员劳动生产率\t万元/人\t预期性\t16\t12.1\t>6',
      '',
    ].join('\n');
    const rows = extractPlan({ text }).indicatorTables[0]?.rows ?? [];
    expect(rows[1]).toMatchObject({
      category: '经济发展',
      name: '全员劳动生产率',
      unit: '万元/人',
      attribute: 'expected',
    });
    expect(rows[1]?.cells.growth).toMatchObject({ kind: 'bound', comparator: '>', value: 6 });
  });
});

describe('damaged spans', () => {
  it('takes no value from a row inside a damaged span', () => {
    const at = seedText.indexOf('22\t森林覆盖率');
    const damaged = [{ start: at, end: at + 10 }];
    const rows = table(extractPlan({ text: seedText, damaged }).indicatorTables, '专栏2').rows;
    const forest = rows.find((r) => r.seq === '22');
    expect(forest?.cells.baseline).toMatchObject({ kind: 'damaged', value: null });
    expect(forest?.cells.target).toMatchObject({ kind: 'damaged', value: null });
    expect(rows.find((r) => r.seq === '21')?.cells.baseline?.value).toBe(54.54);
  });
});
