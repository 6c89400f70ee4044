import iconv from 'iconv-lite';

/**
 * Character classes the decoder and the mojibake repair score text with. "Common" Chinese is the
 * union of GB2312 level 1 (3,755 everyday simplified characters) and Big5's frequently used block
 * (5,401 traditional characters): real text is almost all common, text decoded in the wrong
 * encoding is mostly rare characters. Built once from the code tables, so no word list is shipped.
 */
let commonTable: Uint8Array | null = null;

function buildCommon(): Uint8Array {
  const table = new Uint8Array(0x10000);
  const mark = (s: string) => {
    for (const ch of s) {
      const c = ch.charCodeAt(0);
      if (c >= 0x3400 && ch !== '\ufffd') table[c] = 1;
    }
  };
  const gb: number[] = [];
  for (let hi = 0xb0; hi <= 0xd7; hi++) for (let lo = 0xa1; lo <= 0xfe; lo++) gb.push(hi, lo);
  mark(iconv.decode(Buffer.from(gb), 'gbk'));
  const big5: number[] = [];
  for (let hi = 0xa4; hi <= 0xc6; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) if (lo <= 0x7e || lo >= 0xa1) big5.push(hi, lo);
  }
  mark(iconv.decode(Buffer.from(big5), 'big5'));
  return table;
}

export function isCommonHan(code: number): boolean {
  if (!commonTable) commonTable = buildCommon();
  return commonTable[code] === 1;
}

export function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff);
}

/** CJK and full-width punctuation that ordinary Chinese text is full of. */
export function isCjkPunct(code: number): boolean {
  return (code >= 0x3000 && code <= 0x303f) || (code >= 0xff01 && code <= 0xff5e) || (code >= 0x2010 && code <= 0x2027);
}

/**
 * Share (0..1) of characters that look like ordinary Chinese or ASCII text. Rare Han characters,
 * replacement characters, private-use and control characters count against it.
 */
export function plausibility(text: string, limit = 200_000): number {
  let good = 0;
  let total = 0;
  const n = Math.min(text.length, limit);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x3000) continue;
    total++;
    if ((c > 0x20 && c < 0x7f) || isCjkPunct(c) || (isHan(c) && isCommonHan(c))) good++;
    else if (isHan(c)) good += 0.25;
  }
  return total === 0 ? 1 : good / total;
}

/** Count of U+FFFD: bytes the decoder could not map. */
export function countReplacement(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\ufffd'); i !== -1; i = text.indexOf('\ufffd', i + 1)) n++;
  return n;
}
