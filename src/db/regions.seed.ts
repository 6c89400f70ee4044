/** GB/T 2260 codes of the regions Lantu ships with (Shanxi, 运城市 and 晋中市 with their counties). */
export interface RegionSeed {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county';
  parentCode: string | null;
}

const county = (code: string, name: string, parentCode: string): RegionSeed => ({
  code,
  name,
  level: 'county',
  parentCode,
});

export const REGION_SEED: RegionSeed[] = [
  { code: '140000', name: '山西省', level: 'province', parentCode: null },
  { code: '140800', name: '运城市', level: 'city', parentCode: '140000' },
  county('140802', '盐湖区', '140800'),
  county('140821', '临猗县', '140800'),
  county('140822', '万荣县', '140800'),
  county('140823', '闻喜县', '140800'),
  county('140824', '稷山县', '140800'),
  county('140825', '新绛县', '140800'),
  county('140826', '绛县', '140800'),
  county('140827', '垣曲县', '140800'),
  county('140828', '夏县', '140800'),
  county('140829', '平陆县', '140800'),
  county('140830', '芮城县', '140800'),
  county('140881', '永济市', '140800'),
  county('140882', '河津市', '140800'),
  { code: '140700', name: '晋中市', level: 'city', parentCode: '140000' },
  county('140702', '榆次区', '140700'),
  county('140703', '太谷区', '140700'),
  county('140721', '榆社县', '140700'),
  county('140722', '左权县', '140700'),
  county('140723', '和顺县', '140700'),
  county('140724', '昔阳县', '140700'),
  county('140725', '寿阳县', '140700'),
  county('140727', '祁县', '140700'),
  county('140728', '平遥县', '140700'),
  county('140729', '灵石县', '140700'),
  county('140781', '介休市', '140700'),
];
