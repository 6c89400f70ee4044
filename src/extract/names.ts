import { foldWidth } from '../text/numerals.ts';
import type { NamePart } from './schema.ts';
import { splitTopLevel } from './values.ts';

const MEASURE =
  '(?:元|美元|人民币|人|人次|户|个|件|岁|年|张|套|吨|亩|米|平方米|立方米|公里|千米|千瓦|千瓦时|瓦|标准煤|吨标准煤|次|所|家|项|座|床|辆|台|公顷|天|小时|兆瓦|册|株|头|只|篇|部|位|名|床位|分|度|倍|平方公里|立方米/秒)';
const UNIT_PART = new RegExp(`^(?:[\\d.]*\\s*[十百千万亿]*\\s*${MEASURE}|[\\d.]+\\s*[十百千万亿]*|%|‰|℃|dB)$`);

/** `%`, `户`, `人/亿元`, `1/10万`, `亿吨标准煤` are units; `新基建`, `国家级/省级`, `GDP` are not. */
export function isUnit(s: string): boolean {
  const t = foldWidth(s).trim();
  if (t === '' || t.length > 10) return false;
  if (/[%‰]/.test(t) && t.length <= 4) return true;
  const parts = t.split('/');
  if (!parts.every((p) => UNIT_PART.test(p.trim()))) return false;
  return parts.some((p) => new RegExp(MEASURE).test(p) || /[%‰]/.test(p)) || parts.length === 2;
}

const TRAILING_BRACKET = /[（(]([^（()）]*)[）)]\s*$/;

/**
 * Split an indicator name into name, unit and tags from its trailing brackets, read right to left:
 * `5G网络用户普及率（%）（新基建）` → `5G网络用户普及率`, `%`, [`新基建`]. Stops at the unit.
 */
export function parseIndicatorName(raw: string): { name: string; unit: string | null; tags: string[] } {
  let name = raw.replace(/\s+/g, ' ').trim();
  const tags: string[] = [];
  for (let i = 0; i < 3; i++) {
    const m = TRAILING_BRACKET.exec(name);
    if (!m) break;
    const inner = (m[1] as string).trim();
    if (isUnit(inner)) return { name: name.slice(0, m.index).trim(), unit: inner, tags };
    // A bracket right after a unit-less name is a tag only when more text precedes it.
    if (inner.includes('/') || m.index === 0) break;
    const before = name.slice(0, m.index);
    if (!TRAILING_BRACKET.test(before)) break;
    tags.unshift(inner);
    name = before.trim();
  }
  return { name, unit: null, tags };
}

/**
 * A composite name split on `/` outside brackets, each part split again on a bracketed `/`:
 * `国家实验室/省实验室` → 2 parts; `重点实验室（国家级/省级）/…` → parts with sub-parts.
 */
export function splitNameParts(name: string): NamePart[] {
  const top = splitTopLevel(name, '/').map((p) => p.trim());
  if (top.length < 2) return [];
  return top.map((p) => {
    const m = /^(.*?)[（(]([^（()）]*\/[^（()）]*)[）)]$/.exec(p);
    if (!m) return { name: p, parts: [] };
    const subs = (m[2] as string).split('/').map((s) => ({ name: s.trim(), parts: [] }));
    return { name: (m[1] as string).trim(), parts: subs };
  });
}
