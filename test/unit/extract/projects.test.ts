import { describe, expect, it } from 'vitest';
import { extractPlan } from '../../../src/extract/index.ts';
import type { PlanOutlineNode, ProjectBox, ProjectItem } from '../../../src/extract/schema.ts';
import { fixture, seedExtraction, seedText } from './seed.ts';

type ItemFixture = Record<string, Array<{ group: string | null; items: string[] }>>;

const items = (b: ProjectBox) => b.groups.flatMap((g) => g.items);
const findItem = (boxes: ProjectBox[], prefix: string): ProjectItem => {
  const found = boxes.flatMap(items).find((i) => i.name.startsWith(prefix));
  if (!found) throw new Error(`no item ${prefix}`);
  return found;
};

/** Share of the fixture's item names the extractor reproduces exactly (as a multiset). */
function itemNameAccuracy(boxes: ProjectBox[], want: ItemFixture): { hit: number; total: number } {
  let hit = 0;
  let total = 0;
  for (const [box, groups] of Object.entries(want)) {
    const got = boxes.find((b) => b.box === box);
    const pool = got ? items(got).map((i) => i.name) : [];
    for (const name of groups.flatMap((g) => g.items)) {
      total++;
      const k = pool.indexOf(name);
      if (k >= 0) {
        hit++;
        pool.splice(k, 1);
      }
    }
  }
  return { hit, total };
}

describe('project boxes of the seed plan', () => {
  const boxes = seedExtraction().projectBoxes;

  it('finds every project box 专栏3–23 with its title', () => {
    expect(boxes.map((b) => b.box)).toEqual(Array.from({ length: 21 }, (_, i) => `专栏${i + 3}`));
    expect(boxes.find((b) => b.box === '专栏4')?.title).toBe('十大产业集群培育重大工程');
  });

  it('names ≥ 95 % of the items of seven hand-checked boxes exactly', () => {
    const want = fixture<ItemFixture>('project-items.json');
    const { hit, total } = itemNameAccuracy(boxes, want);
    expect(total).toBeGreaterThan(250);
    expect(hit / total).toBeGreaterThanOrEqual(0.95);
  });

  it('takes group titles from the sentence before the first 。', () => {
    const box4 = boxes.find((b) => b.box === '专栏4');
    expect(box4?.groups.map((g) => g.title)).toEqual([
      '先进装备制造产业集群',
      '新材料产业集群',
      '数字经济产业集群',
      '现代医药和大健康集群',
      '节能环保产业集群',
      '新能源产业集群',
      '精品钢产业集群',
      '绿化焦化产业集群',
      '绿色建材产业集群',
      '特色农产品加工集群',
    ]);
    expect(boxes.find((b) => b.box === '专栏10')?.groups[0]?.title).toBeNull();
  });

  it('keeps lists inside one name together', () => {
    expect(findItem(boxes, '运城联通').name).toBe('运城联通、运城移动、运城电信的 5G 基站建设项目');
    expect(findItem(boxes, '山西建龙 200').name).toBe('山西建龙 200 万吨冷轧卷板、80 万吨冷轧带钢、100 万吨钢管项目');
    expect(findItem(boxes, '临猗县第一').name).toBe('临猗县第一（二、三）实验小学');
  });

  it('joins a name cut by a page break', () => {
    const item = findItem(boxes, '芮城县智慧能源中心');
    expect(item.name).toBe('芮城县智慧能源中心建设项目');
    expect(item.source.text).toContain('\n');
  });

  it('reads county, zone and capacity from the name', () => {
    const lathe = findItem(boxes, '临猗县年产 500');
    expect(lathe).toMatchObject({ county: '临猗县', zone: null });
    expect(lathe.capacity).toEqual([{ text: '年产 500 台（套）', value: 500, unit: '台（套）', perYear: true }]);
    expect(findItem(boxes, '稷山板栗')).toMatchObject({ county: '稷山县' });
    expect(findItem(boxes, '运城开发区铜基')).toMatchObject({ county: null, zone: '运城开发区' });
    expect(findItem(boxes, '新绛开发区智能监控')).toMatchObject({ county: '新绛县', zone: '新绛开发区' });
    expect(findItem(boxes, '稷山县山西恒巨').capacity[0]).toMatchObject({ value: 150000, unit: '吨', perYear: true });
  });

  it('links a project named again in another box', () => {
    const text = seedText.replace(
      '新型基础设施。5G 及物联网基站',
      '新型基础设施。稷山县融媒体中心智慧广电建设项目、5G 及物联网基站',
    );
    const again = extractPlan({ text }).projectBoxes;
    const item = again.find((b) => b.box === '专栏22')?.groups[0]?.items[1];
    expect(item?.name).toBe('稷山县融媒体中心智慧广电建设项目');
    expect(item?.alsoIn).toEqual(['专栏23']);
    expect(findItem(boxes, '稷山县融媒体').alsoIn).toEqual([]);
  });

  it('links the seed projects that two boxes name, one name inside the other', () => {
    expect(findItem(boxes, '蒲州故城国家考古遗址公园').alsoIn).toEqual(['专栏13']);
    expect(findItem(boxes, '永济市蒲津渡与蒲州故城国家考古遗址公园').alsoIn).toEqual(['专栏15']);
    expect(findItem(boxes, '永济华夏经典文化旅游区连片').alsoIn).toEqual(['专栏15']);
    expect(findItem(boxes, '夏县博物馆').alsoIn).toEqual([]);
  });

  it('finds boxes whether numbered 专栏 4 or 专栏4', () => {
    const spaced = extractPlan({ text: seedText.replace(/专栏(\d)/g, '专栏 $1') }).projectBoxes;
    const tight = extractPlan({ text: seedText.replace(/专栏 (\d)/g, '专栏$1') }).projectBoxes;
    for (const v of [spaced, tight]) {
      expect(v.map((b) => b.box)).toEqual(boxes.map((b) => b.box));
      expect(v.map((b) => items(b).length)).toEqual(boxes.map((b) => items(b).length));
    }
  });

  it('keeps each item source inside its box', () => {
    const walk = (n: PlanOutlineNode): PlanOutlineNode[] => [n, ...n.children.flatMap(walk)];
    const outline = seedExtraction().outline.flatMap(walk);
    for (const b of boxes) {
      const node = outline.find((n) => n.number === b.box);
      for (const i of items(b)) {
        expect(i.source.start).toBeGreaterThanOrEqual(node?.start ?? -1);
        expect(i.source.end).toBeLessThanOrEqual(node?.end ?? -1);
        expect(seedText.slice(i.source.start, i.source.end)).toBe(i.source.text);
      }
    }
  });
});
