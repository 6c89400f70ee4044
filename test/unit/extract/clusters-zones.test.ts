import { describe, expect, it } from 'vitest';
import { extractPlan } from '../../../src/extract/index.ts';
import { seedExtraction, seedText } from './seed.ts';

describe('clusters and value chains of the seed plan', () => {
  const clusters = seedExtraction().clusters;
  const chainsOf = (name: string) => clusters.find((c) => c.name === name)?.chains.map((c) => c.segments);

  it('lists the ten industry clusters of chapter 4 once each', () => {
    expect(clusters.filter((c) => c.listed).map((c) => c.name)).toEqual([
      '先进装备制造产业集群',
      '精品钢产业集群',
      '新材料产业集群',
      '特色农副产品加工产业集群',
      '绿色焦化产业集群',
      '数字经济产业集群',
      '节能环保产业集群',
      '新能源产业集群',
      '现代医药和大健康产业群',
      '绿色建材产业集群',
    ]);
  });

  it('finds every dash-written value chain with its segments in order', () => {
    expect(chainsOf('先进装备制造产业集群')).toEqual([
      [['铸造'], ['机加工'], ['零配件'], ['总成件'], ['整车'], ['汽车后市场']],
    ]);
    expect(chainsOf('精品钢产业集群')).toEqual([
      [['高炉炼铁'], ['转炉炼钢'], ['连铸', '热轧'], ['线材', '棒材', '板材'], ['建筑钢', '金属制品']],
    ]);
    expect(chainsOf('新材料产业集群')).toEqual([[['铝镁铜合金冶炼'], ['高精度加工'], ['高端合金制品']]]);
    expect(chainsOf('数字经济产业集群')).toEqual([
      [['存储'], ['计算'], ['标注'], ['分析'], ['应用'], ['安全大数据服务']],
      [['光材料'], ['光元器件'], ['终端']],
    ]);
    expect(chainsOf('现代医药和大健康产业群')).toEqual([
      [['发酵基原料'], ['原料药'], ['化学制剂']],
      [['中药材'], ['饮片'], ['中成药']],
    ]);
    expect(chainsOf('煤化工产业')).toEqual([[['煤炭'], ['焦油深加工'], ['精细化产品'], ['碳材料']]]);
    expect(chainsOf('中药材产业基地')).toEqual([[['中药材种植'], ['精深加工'], ['中药提取'], ['生物制药']]]);
    const valueChains = clusters.flatMap((c) => c.chains).filter((c) => c.kind === 'value');
    expect(valueChains).toHaveLength(9);
  });

  it('tells a chain of places (spatial) from a value chain', () => {
    const car = clusters.find((c) => c.name === '汽车产业集群');
    expect(car).toMatchObject({ listed: false });
    expect(car?.chains).toEqual([
      expect.objectContaining({ kind: 'spatial', segments: [['运城开发区'], ['夏县开发区'], ['楚侯工业园']] }),
    ]);
    const valueKinds = clusters.filter((c) => c.listed).flatMap((c) => c.chains.map((ch) => ch.kind));
    expect(new Set(valueKinds)).toEqual(new Set(['value']));
  });

  it('points each chain at its text', () => {
    for (const ch of clusters.flatMap((c) => c.chains)) {
      expect(seedText.slice(ch.source.start, ch.source.end)).toBe(ch.source.text);
      expect(ch.source.text).toContain(ch.segments[0]?.[0]);
    }
  });

  it('ignores the prose em-dash —— and takes no chain from a damaged span', () => {
    const text = '第一章 总则\n\n甲产业集群。构建“甲—乙—丙”产业链，推动发展——这是关键。\n';
    expect(extractPlan({ text }).clusters[0]?.chains.map((c) => c.segments)).toEqual([[['甲'], ['乙'], ['丙']]]);
    const at = text.indexOf('甲—');
    const damaged = extractPlan({ text, damaged: [{ start: at, end: at + 3 }] });
    expect(damaged.clusters[0]?.chains).toEqual([]);
  });
});

describe('development zones of the seed plan', () => {
  const zones = seedExtraction().zones;

  it('finds all 12 zones of 专栏5', () => {
    expect(zones).toHaveLength(12);
    expect(new Set(zones.map((z) => z.box))).toEqual(new Set(['专栏5']));
    expect(zones.map((z) => z.name)).toContain('风陵渡开发区');
  });

  it('reads industries with their lead firms', () => {
    expect(zones[0]).toMatchObject({
      name: '运城开发区',
      industries: [
        { industry: '新能源产业', leadFirms: ['大运集团'] },
        { industry: '新材料产业', leadFirms: ['正威新材料', '北方铜业', '中圣恒磁科技'] },
        { industry: '装配式建筑产业', leadFirms: ['华兆东南'] },
      ],
    });
    const yongji = zones.find((z) => z.name === '永济开发区');
    expect(yongji?.industries[2]).toEqual({ industry: '工业机器人产业', leadFirms: ['和谐机电', '条山机电'] });
    expect(zones.every((z) => z.industries.length > 0 && z.industries.every((i) => i.leadFirms.length > 0))).toBe(true);
  });
});
