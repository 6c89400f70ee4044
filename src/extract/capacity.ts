import { foldWidth } from '../text/numerals.ts';
import type { Capacity } from './schema.ts';

const CAP_UNIT =
  '(?:万千瓦|千瓦|兆瓦|MW|GW|万吨|吨|万台|台|万件|件|万套|套|万平方米|平方米|万平米|平米|万头|头|万只|只|万辆|辆|亿AH|AH|万张|张|万片|片)';
const CAP_RE = new RegExp(
  String.raw`(年(?:产|加工|处理|综合利用|吞吐量?|生产|出栏|屠宰)\s*)?(\d+(?:\.\d+)?(?:\s*[×x]\s*\d+(?:\.\d+)?)?)\s*(万|亿)?\s*(${CAP_UNIT})((?:（[^）]{1,3}）)?)(\s*\/\s*年)?`,
  'g',
);

/** Capacity figures in a project name: `年产 500 台（套）`, `15 万吨/年`, `2×100 万千瓦`. */
export function capacitiesOf(name: string): Capacity[] {
  const folded = foldWidth(name);
  const out: Capacity[] = [];
  for (const m of folded.matchAll(CAP_RE)) {
    const raw = (m[2] as string).replace(/\s+/g, '');
    const factors = raw.split(/[×x]/).map(Number);
    const base = factors.reduce((a, b) => a * b, 1);
    const mult = m[3] === '万' ? 1e4 : m[3] === '亿' ? 1e8 : 1;
    const unit = `${m[4] as string}${m[5] ?? ''}`;
    const start = m.index ?? 0;
    out.push({
      text: name.slice(start, start + m[0].length).trim(),
      value: Number((base * mult).toPrecision(12)),
      unit,
      perYear: Boolean(m[1] || m[6]),
    });
  }
  return out;
}
