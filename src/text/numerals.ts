const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
/** Large multipliers that may follow any number, Arabic or Chinese: `5万亿`, `两万`, `1.2亿`. */
const BIG: Record<string, number> = { 万: 1e4, 亿: 1e8, 万亿: 1e12 };

/**
 * Full-width digits, letters and the ASCII-like punctuation (`０-９`, `．`, `％`, `／`) folded to
 * ASCII. Every character maps to one character, so offsets stay valid after folding.
 */
export function foldWidth(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (ch) => {
    // Keep the Chinese brackets and punctuation that the extractors match on as written.
    if ('（），：；！？'.includes(ch)) return ch;
    return String.fromCharCode(ch.charCodeAt(0) - 0xfee0);
  });
}

/** `十二` → 12, `二十三` → 23, `一百零五` → 105, `12` / `１２` → 12; null when it is not a numeral. */
export function parseChineseInteger(s: string): number | null {
  const t = foldWidth(s.trim());
  if (/^\d+$/.test(t)) return Number(t);
  if (!/^[零〇一二两三四五六七八九十百千]+$/.test(t)) return null;
  let total = 0;
  let digit = -1;
  for (const ch of t) {
    if (ch in DIGITS) {
      digit = DIGITS[ch] as number;
    } else {
      const unit = UNITS[ch] as number;
      total += (digit === -1 ? 1 : digit) * unit;
      digit = -1;
    }
  }
  if (digit !== -1) total += digit;
  return total;
}

/**
 * A number as plans write it: `12`, `3.5`, `１２`, `三`, `二十三`, `两万` (20000), `5万亿`,
 * `1.2亿`. Returns null when the string is not one number.
 */
export function parseChineseNumber(s: string): number | null {
  const t = foldWidth(s).replace(/\s+/g, '').replace(/,/g, '');
  const m = /^(.+?)(万亿|万|亿)?$/.exec(t);
  if (!m) return null;
  const head = m[1] as string;
  const mult = m[2] ? (BIG[m[2]] as number) : 1;
  let base: number | null = null;
  if (/^\d+(?:\.\d+)?$/.test(head)) base = Number(head);
  else base = parseChineseInteger(head);
  if (base === null) return null;
  return round(base * mult);
}

function round(n: number): number {
  return Number(n.toPrecision(12));
}

export interface NumberRange {
  min: number;
  max: number;
}

/**
 * A number or a range, with a shared multiplier: `1—2 万` → 10000..20000, `3-5` → 3..5,
 * `两万` → 20000..20000, `三` → 3..3. Returns null when it is neither.
 */
export function parseNumberRange(s: string): NumberRange | null {
  const t = foldWidth(s).replace(/\s+/g, '');
  const m = /^(.+?)(?:[-—–~～至到](.+?))?(万亿|万|亿)?$/.exec(t);
  if (!m) return null;
  const mult = m[3] ?? '';
  const lo = parseChineseNumber(`${m[1]}${mult}`);
  const hi = m[2] === undefined ? lo : parseChineseNumber(`${m[2]}${mult}`);
  if (lo === null || hi === null) return null;
  return { min: lo, max: hi };
}

/** Source pattern of one number (Arabic, full-width or Chinese), for building larger patterns. */
export const NUMBER_PATTERN = '(?:[0-9０-９]+(?:[.．][0-9０-９]+)?|[零〇一二两三四五六七八九十百千]+)';
