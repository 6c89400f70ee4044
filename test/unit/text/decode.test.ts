import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { LantuError } from '../../../src/errors.ts';
import { decodeText } from '../../../src/text/decode.ts';
import { sniffFormat } from '../../../src/text/sniff.ts';

const simplified = '关于印发运城市国民经济和社会发展第十四个五年规划的通知。各县（市、区）人民政府';
const traditional = '運城市國民經濟和社會發展第十四個五年規劃和二〇三五年遠景目標綱要';

describe('decodeText: short snippets, where guessing is hardest', () => {
  it('GBK snippet → gb18030 with a confidence', () => {
    const d = decodeText(iconv.encode(simplified, 'gbk'));
    expect(d).toMatchObject({ text: simplified, encoding: 'gb18030' });
    expect(d.confidence).toBeGreaterThan(0.9);
  });

  it('Big5 snippet → big5, not GBK garbage', () => {
    const d = decodeText(iconv.encode(traditional, 'big5'));
    expect(d).toMatchObject({ text: traditional, encoding: 'big5' });
  });

  it('UTF-16 without BOM and without ASCII (no zero bytes) is still recognised', () => {
    for (const enc of ['utf-16le', 'utf-16be'] as const) {
      const d = decodeText(iconv.encode(traditional, enc));
      expect(d).toMatchObject({ text: traditional, encoding: enc });
      expect(d.confidence).toBeLessThan(1);
    }
  });

  it('pure ASCII is UTF-8 with full confidence; a short date in GBK gets a lower one', () => {
    expect(decodeText(new Uint8Array(Buffer.from('2021-04-28 plan\n')))).toMatchObject({
      encoding: 'utf-8',
      confidence: 1,
    });
    const d = decodeText(iconv.encode('2021年4月28日', 'gbk'));
    expect(d.encoding).toBe('gb18030');
    expect(d.confidence).toBeLessThan(0.9);
  });

  it('a UTF-8 file cut in the middle of a character is still UTF-8, the broken end marked', () => {
    const bytes = Buffer.from(`${simplified}${simplified}`, 'utf8');
    const d = decodeText(new Uint8Array(bytes.subarray(0, bytes.length - 1)));
    expect(d.encoding).toBe('utf-8');
    expect(d.confidence).toBeLessThan(0.99);
    expect(d.text.endsWith('\ufffd')).toBe(true);
  });

  it('refuses rather than guesses', () => {
    const noise = new Uint8Array(3000).map((_, i) => [0xfe, 0x81, 0x7f, 0xa0][i % 4] as number);
    expect(() => decodeText(noise)).toThrow(LantuError);
  });
});

describe('sniffFormat: content decides, the name is a hint', () => {
  const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
  it('recognises PDF, HTML and text whatever the name says', () => {
    expect(sniffFormat(bytes('%PDF-1.7\n...'), 'a.txt')).toBe('pdf');
    expect(sniffFormat(bytes('<!DOCTYPE html><html><body><p>x</p>'), 'a.txt')).toBe('html');
    expect(sniffFormat(bytes('  <html lang="zh"><p>x</p>'), 'a')).toBe('html');
    expect(sniffFormat(bytes('第一章 总则'), 'a.html')).toBe('txt');
    expect(sniffFormat(bytes('<p>第一章</p>'), 'a.html')).toBe('html');
    expect(sniffFormat(bytes('正文 <p> 不是网页'), 'a.txt')).toBe('txt');
  });
});
