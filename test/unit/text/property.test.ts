import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LantuError } from '../../../src/errors.ts';
import { normalizeDocument } from '../../../src/text/normalize.ts';
import { mapToOriginal } from '../../../src/text/traced.ts';
import { SEEDS, seedText } from './seeds.ts';

/** Either a document or a LantuError; anything else thrown is a failure of the property. */
async function outcome(bytes: Uint8Array, fileName: string): Promise<'ok' | 'refused'> {
  try {
    const doc = await normalizeDocument({ bytes, fileName });
    // Whatever came out, its offsets must stay inside the original.
    for (const [n, o] of doc.offsetMap) {
      if (n > doc.text.length || o > doc.originalText.length) throw new Error(`offset pair out of range: ${n},${o}`);
    }
    return 'ok';
  } catch (e) {
    if (e instanceof LantuError) return 'refused';
    throw e;
  }
}

/** Pieces the repair passes react to, so random text hits their edge cases, not only plain letters. */
const PIECES = [
  '?',
  '??',
  '!',
  '(chuàng)',
  '(',
  ')',
  'shù)',
  '\t',
  '\n',
  '\n\n',
  ' ',
  '１２',
  '．',
  '5 万亿',
  '第一章 ',
  '专栏1',
  '一、',
  '锟斤拷',
  '\ufffd',
  '鞂W',
  '疾',
  'å\u009d',
  '運城',
  '规划纲',
  '。',
  '，',
  '本版责编 某某',
  '- 3 -',
  '\u200b',
  '\r\n',
];
const textArb = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'grapheme', maxLength: 8 })), { maxLength: 200 })
  .map((parts) => parts.join(''));
const names = fc.constantFrom('a.txt', 'a.html', 'a.docx', 'a.pdf', 'a', 'a.htm');

describe('the whole pipeline on random input', () => {
  it('random strings: a document or a LantuError, never another exception', async () => {
    await fc.assert(
      fc.asyncProperty(textArb, names, async (s, name) => {
        expect(['ok', 'refused']).toContain(await outcome(new Uint8Array(Buffer.from(s, 'utf8')), name));
      }),
      { numRuns: 300 },
    );
  });

  it('random bytes: a document or a LantuError, never another exception', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), names, async (bytes, name) => {
        expect(['ok', 'refused']).toContain(await outcome(bytes, name));
      }),
      { numRuns: 300 },
    );
  });

  it('random bytes behind a PDF or ZIP signature are refused with a code', async () => {
    const heads = fc.constantFrom('%PDF-1.4\n', 'PK\u0003\u0004word/', '\u00d0\u00cf\u0011\u00e0');
    await fc.assert(
      fc.asyncProperty(heads, fc.uint8Array({ maxLength: 2000 }), async (head, tail) => {
        const bytes = new Uint8Array(Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from(tail)]));
        expect(await outcome(bytes, 'x.bin')).toBe('refused');
      }),
      { numRuns: 60 },
    );
  });

  it('normalised offsets of random text map to characters of the original', async () => {
    await fc.assert(
      fc.asyncProperty(textArb, async (s) => {
        try {
          const doc = await normalizeDocument({ bytes: new Uint8Array(Buffer.from(s, 'utf8')), fileName: 'a.txt' });
          for (let i = 0; i < doc.text.length; i++) {
            const o = mapToOriginal(doc.offsetMap, i);
            expect(o).toBeGreaterThanOrEqual(0);
            expect(o).toBeLessThan(Math.max(1, doc.originalText.length));
          }
        } catch (e) {
          if (!(e instanceof LantuError)) throw e;
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('no runaway regular expressions', () => {
  // Each input is ~100 KB of a pathological pattern for one pass; the budget is one second each.
  const han = seedText(SEEDS.plan).slice(5000, 5200);
  const cases: Array<[string, string]> = [
    ['question marks after Han', '局??'.repeat(34_000)],
    ['open brackets with pinyin letters', `创(${'chuang'.repeat(17_000)}`],
    ['rare characters without end', '鞂鞎髽'.repeat(34_000)],
    ['Latin-1 runs', 'Ã¤Ã¶'.repeat(25_000)],
    ['one huge line without punctuation', han.replace(/[，。；：、]/g, '').repeat(500)],
    ['blank lines only', '\n \n'.repeat(33_000)],
    ['tabs and digits', '1\t2 万\t'.repeat(20_000)],
    ['short repeated paragraphs', '（作者单位：市委党校）\n\n'.repeat(8_000)],
    ['page numbers everywhere', '- 3 -\n\n规划纲\n\n'.repeat(7_000)],
    ['a long line of quantities', '经济总量5 万亿元，'.repeat(5_000)],
  ];
  for (const [name, text] of cases) {
    it(`${name}: under a second per 100 KB`, async () => {
      const bytes = new Uint8Array(Buffer.from(text, 'utf8'));
      const started = performance.now();
      await outcome(bytes, 'a.txt');
      const ms = performance.now() - started;
      expect(ms / (bytes.length / 100_000)).toBeLessThan(1000);
    });
  }
});
