/** Prefilling a value from a quoted sentence (pure; the reader's selection is in selection.ts). */

/**
 * The first number of a quote that is not a date (thousands separators dropped), to prefill a value:
 * "2023年，全市地区生产总值增长5.6%" → "5.6".
 */
export function firstNumber(quote: string): string {
  for (const m of quote.matchAll(/-?\d[\d,]*(?:\.\d+)?/g)) {
    const after = quote.slice((m.index ?? 0) + m[0].length).trimStart();
    if (/^[年月日号]/.test(after)) continue;
    return m[0].replace(/,/g, '');
  }
  return '';
}

/** The year a quote speaks of ("2023年" → "2023"), if it names one. */
export function yearIn(quote: string): string | null {
  return /(20\d\d)\s*年/.exec(quote)?.[1] ?? null;
}
