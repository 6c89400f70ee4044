/**
 * County and zone names, learnt from the plan itself rather than listed: a county is a 1–2
 * character stem with 县/市/区 that starts project names or is listed with 、 in the text;
 * the plan's own city (the most frequent `X市` of the opening) is not a county.
 */
export interface Gazetteer {
  /** stem → full name, e.g. 临猗 → 临猗县. */
  counties: Map<string, string>;
}

const STOP_STEMS = new Set(
  '各 全 本 该 我 每 两 三 四 五 城 新城 城区 中心 景 园 社 山 地 库 矿 灌 片 市 县 区 省 示范 开发 高新 经济 功能 集聚 商 老城 主城 郊 辖 分 地级 沿黄 贫困 试点 重点 产业 工业 园区 城乡 县城 城市 小区 校区 街区 新区 保护 重要 生态 这 其 一 个 等'.split(
    ' ',
  ),
);

/** `是全市`, `为我市`, `在景区`: a function word before, or a noun like 全/我/景 before the suffix (芮城县 keeps 城). */
const NOT_A_NAME = /^[是为对在与以将让即举把被从向由和及或]|[全我本该各地景街矿治成费]$/;

/** The plan's own city or province: the most frequent `X市`/`X省` among the first lines. */
function ownRegion(text: string): string | null {
  const counts = new Map<string, number>();
  for (const m of text.slice(0, 3000).matchAll(/([\u4e00-\u9fa5]{2})(市|省)/g)) {
    const k = m[0];
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let best: string | null = null;
  let n = 0;
  for (const [k, v] of counts) if (v > n) [best, n] = [k, v];
  return best;
}

/** Learn counties from the starts of list items (`、临猗县…`, `。稷山县…`) seen at least twice. */
export function learnGazetteer(text: string): Gazetteer {
  const own = ownRegion(text);
  const counts = new Map<string, number>();
  // 县城, 县域, 市场, 市级 … are nouns, not a county followed by a project.
  const re =
    /(?:^|[、。；，：\n（])([\u4e00-\u9fa5]{1,2})(县|市|区)(?=[\u4e00-\u9fa5\d\s、])(?![城域级场民政委长直属内外区乡镇县])/g;
  for (const m of text.matchAll(re)) {
    const stem = m[1] as string;
    const full = `${stem}${m[2]}`;
    if (STOP_STEMS.has(stem) || full === own || NOT_A_NAME.test(stem)) continue;
    // One-character stems are real only with 县 (绛县, 夏县); 城市/地区 are nouns.
    if (stem.length === 1 && m[2] !== '县') continue;
    counts.set(full, (counts.get(full) ?? 0) + 1);
  }
  const counties = new Map<string, string>();
  for (const [full, n] of counts) if (n >= 2) counties.set(full.slice(0, -1), full);
  return { counties };
}

const ZONE_SUFFIX =
  '(?:经济技术开发区|高新技术产业开发区|高新技术开发区|开发区|高新区|示范区|工业园区|工业园|产业园区|经济区|新区)';
const ZONE_AT_START = new RegExp(`^([\\u4e00-\\u9fa5]{1,4}?${ZONE_SUFFIX})`);

/** County and zone a project name starts with: `临猗县…`, `稷山…`, `运城开发区…`. */
export function placeOf(name: string, g: Gazetteer): { county: string | null; zone: string | null } {
  let county: string | null = null;
  for (const [stem, full] of g.counties) {
    if (name.startsWith(full) || name.startsWith(stem)) {
      if (!county || full.length > county.length) county = full;
    }
  }
  // A zone may follow the county: `芮城县风陵渡开发区…`.
  const rest = county && name.startsWith(county) ? name.slice(county.length) : name;
  const zm = ZONE_AT_START.exec(rest) ?? ZONE_AT_START.exec(name);
  return { county, zone: zm ? (zm[1] as string) : null };
}
