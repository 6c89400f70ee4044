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

/** `十二` → 12, `二十三` → 23, `一百零五` → 105, `12` → 12; null when it is not a numeral. */
export function parseChineseInteger(s: string): number | null {
  const t = s.trim();
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
