import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { extractOutline, flattenOutline } from '../../../src/extract/outline.ts';
import { mapToOriginal } from '../../../src/text/traced.ts';
import type { NormalizedDocument } from '../../../src/text/types.ts';
import { normalizedSeed, SEEDS } from './seeds.ts';

const t2s = OpenCC.Converter({ from: 'tw', to: 'cn' });
const orig = (doc: NormalizedDocument, i: number) => doc.originalText[mapToOriginal(doc.offsetMap, i)];

/** A normalised character and its source agree: the same, converted, or folded from full width. */
function agrees(normalised: string, source: string | undefined): boolean {
  if (source === undefined) return false;
  if (normalised === source || t2s(source) === normalised) return true;
  const c = source.charCodeAt(0);
  return c >= 0xff01 && c <= 0xff5e && String.fromCharCode(c - 0xfee0) === normalised;
}

describe('offset map from normalised text back to the original', () => {
  it('is sorted and stays inside both texts', async () => {
    for (const seed of Object.values(SEEDS)) {
      const doc = await normalizedSeed(seed);
      let prev: [number, number] = [-1, -1];
      for (const pair of doc.offsetMap) {
        expect(pair[0]).toBeGreaterThan(prev[0]);
        expect(pair[1]).toBeGreaterThanOrEqual(prev[1]);
        expect(pair[0]).toBeLessThanOrEqual(doc.text.length);
        expect(pair[1]).toBeLessThanOrEqual(doc.originalText.length);
        prev = pair;
      }
    }
  });

  it('maps every 37th character of every seed to the character it came from', async () => {
    for (const seed of Object.values(SEEDS)) {
      const doc = await normalizedSeed(seed);
      const damaged = (i: number) => doc.damaged.some((s) => s.start <= i && i < s.end);
      let checked = 0;
      for (let i = 0; i < doc.text.length; i += 37) {
        const ch = doc.text[i] as string;
        if (/\s/.test(ch) || damaged(i)) continue;
        expect(agrees(ch, orig(doc, i)), `${seed} @${i}: ${ch} ← ${orig(doc, i)}`).toBe(true);
        checked++;
      }
      expect(checked).toBeGreaterThan(50);
    }
  });

  it('traces `创新` in seed 002 to `創` and `新` around the removed pinyin `(chuàng)`', async () => {
    const doc = await normalizedSeed(SEEDS.news002);
    const i = doc.text.indexOf('奋力赶超创新');
    expect(i).toBeGreaterThanOrEqual(0);
    const o = mapToOriginal(doc.offsetMap, i);
    expect(doc.originalText.slice(o, o + 4)).toBe('奮力趕超');
    expect(orig(doc, i + 4)).toBe('創');
    expect(orig(doc, i + 5)).toBe('新');
    expect(doc.originalText.slice(mapToOriginal(doc.offsetMap, i + 4), mapToOriginal(doc.offsetMap, i + 5))).toBe(
      '創(chuàng)',
    );
  });

  it('traces a sentence after the dropped repeat in seed 000 to its first copy', async () => {
    const doc = await normalizedSeed(SEEDS.news000);
    const sentence = '“化茧成蝶”，新兴产业地标初步形成趋势';
    const i = doc.text.indexOf(sentence);
    const o = mapToOriginal(doc.offsetMap, i);
    expect(doc.originalText.slice(o, o + sentence.length)).toBe(sentence);
  });

  it('traces every heading of the plan to the same heading in the original', async () => {
    const doc = await normalizedSeed(SEEDS.plan);
    const nodes = flattenOutline(extractOutline(doc.text));
    expect(nodes.length).toBeGreaterThan(80);
    for (const n of nodes) {
      const o = mapToOriginal(doc.offsetMap, n.start);
      const heading = doc.text.slice(n.start, n.bodyStart);
      expect(doc.originalText.slice(o, o + heading.length)).toBe(heading);
    }
  });
});
