import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { NormalizedDocument } from '../../../src/text/types.ts';
import { normalize, repair, SEEDS, seedText } from './seeds.ts';

const txt = (s: string) => normalize(new Uint8Array(Buffer.from(s, 'utf8')), 'a.txt');

/** Sentences from the seeds, to garble the way converters do. */
const plan = seedText(SEEDS.plan);
const sentence = plan.slice(plan.indexOf('全市地区生产总值'), plan.indexOf('全市地区生产总值') + 40);
const news = '坚持以建设黄河流域生态保护和高质量发展示范区为总牵引';

function damagedText(doc: NormalizedDocument): string[] {
  return doc.damaged.map((s) => doc.text.slice(s.start, s.end));
}

/** Seed phrases whose garbling loses no byte (so a reversal can restore them exactly). */
function lossless(garble: (s: string) => string, unGarble: (s: string) => Buffer, original: (s: string) => Buffer) {
  const phrases = plan
    .split(/[，。；、\n\s\d%.（）“”]+/)
    .filter((p) => p.length >= 8 && p.length <= 30 && /^[\u4e00-\u9fff]+$/.test(p));
  return phrases.find((p) => unGarble(garble(p)).equals(original(p))) as string;
}

describe('mojibake relatives: a reversal that reads as Chinese is applied', () => {
  const utf8 = (s: string) => Buffer.from(s, 'utf8');
  const gbk = (s: string) => iconv.encode(s, 'gbk');
  const cases: Array<[string, (s: string) => string, (s: string) => Buffer, (s: string) => Buffer]> = [
    ['UTF-8 read as GBK', (s) => iconv.decode(utf8(s), 'gbk'), gbk, utf8],
    ['UTF-8 read as Latin-1', (s) => iconv.decode(utf8(s), 'latin1'), (s) => iconv.encode(s, 'latin1'), utf8],
    ['GBK read as Latin-1', (s) => iconv.decode(gbk(s), 'latin1'), (s) => iconv.encode(s, 'latin1'), gbk],
    ['GBK read as Big5', (s) => iconv.decode(gbk(s), 'big5'), (s) => iconv.encode(s, 'big5'), gbk],
  ];
  for (const [name, garble, unGarble, original] of cases) {
    it(name, async () => {
      const clean = lossless(garble, unGarble, original);
      expect(clean, 'a seed phrase that garbles without loss').toBeDefined();
      const garbled = garble(clean);
      expect(garbled).not.toBe(clean);
      const doc = await txt(`第一段，没有问题。\n\n报道称：${garbled}。\n`);
      expect(doc.text).toContain(`报道称：${clean}。`);
      expect(repair(doc, 'mojibake')?.count).toBe(1);
      expect(repair(doc, 'mojibake')?.examples[0]).toContain(clean);
      expect(doc.damaged).toEqual([]);
    });
  }

  it('a lossy garbling is restored where bytes survive; the lost character is marked damaged', async () => {
    const clean = '坚持以建设黄河流域生态保护和高质量发展示范区为总牵引';
    const doc = await txt(`报道称：${iconv.decode(Buffer.from(clean, 'utf8'), 'gbk')}。\n`);
    expect(doc.text).toContain('报道称：坚持以建设黄河流域生态保护和高质量发展示范区为总牵\ufffd。');
    expect(damagedText(doc)).toEqual(['坚持以建设黄河流域生态保护和高质量发展示范区为总牵\ufffd']);
  });

  it('a run of rare characters nothing reverses is marked damaged, not passed as text', async () => {
    const doc = await txt('项目进展：鍖椾含鐨勯”锟斤拷烫烫烫屯屯。\n');
    expect(damagedText(doc).join('')).toContain('锟斤拷');
  });

  it('a half-width question mark is punctuation, `??` inside a sentence is lost bytes', async () => {
    const q = await txt('这是为什么?我们要对标先进。\n');
    expect(q.text).toBe('这是为什么?我们要对标先进。\n');
    expect(q.damaged).toEqual([]);
    const lost = await txt('学习考察??我们要对标先进。\n');
    expect(lost.text).toBe('学习考察\ufffd我们要对标先进。\n');
    expect(damagedText(lost)).toEqual(['\ufffd']);
  });

  it('ordinary text with a few rare characters (names, places) is left alone', async () => {
    const doc = await txt('芮城县、垣曲县和稷山县的黄河流域生态保护，涑水河、峨嵋岭治理。鹳雀楼景区提质。\n');
    expect(doc.repairs).toEqual([]);
    expect(doc.damaged).toEqual([]);
  });

  it('the whole plan has no false mojibake', async () => {
    const doc = await txt(plan);
    expect(repair(doc, 'mojibake')).toBeUndefined();
    expect(doc.damaged).toEqual([]);
  });

  it('a sentence of the plan with digits, garbled as UTF-8-read-as-GBK, is mostly restored', async () => {
    const doc = await txt(`${iconv.decode(Buffer.from(sentence, 'utf8'), 'gbk')}\n`);
    const restored = [...doc.text.trim()].filter((c, i) => c === sentence[i]).length;
    expect(restored / sentence.length).toBeGreaterThan(0.8);
    // Whatever could not be restored is inside a damaged span.
    for (let i = doc.text.indexOf('\ufffd'); i !== -1; i = doc.text.indexOf('\ufffd', i + 1)) {
      expect(doc.damaged.some((s) => s.start <= i && i < s.end)).toBe(true);
    }
  });
});

describe('pinyin annotations', () => {
  it('removes `(chuàng)` after a character, in ASCII or full-width brackets', async () => {
    const doc = await txt('創(chuàng)新驅動，現（xiàn）代產業(yè)。\n');
    expect(doc.text).toBe('创新驱动，现代产业。\n');
    expect(repair(doc, 'pinyin_annotation')?.count).toBe(3);
  });

  it('keeps brackets that do not hold tone-marked pinyin', async () => {
    const s = '大家谈(二)，2023年(2023)研发(R&D)经费，增长(%)，河津(hejin)段。\n';
    const doc = await txt(s);
    expect(doc.text).toBe(s);
    expect(repair(doc, 'pinyin_annotation')).toBeUndefined();
  });
});

describe('Traditional → Simplified', () => {
  it('converts Traditional lines and reports the characters', async () => {
    const doc = await txt('運城市國民經濟和社會發展規劃綱要\n');
    expect(doc.text).toBe('运城市国民经济和社会发展规划纲要\n');
    expect(doc.originalText).toBe('運城市國民經濟和社會發展規劃綱要\n');
    expect(repair(doc, 'traditional_to_simplified')?.count).toBe(9);
  });

  it('leaves simplified text alone even where the converter would change it (`显著`, `著名`)', async () => {
    const s = '成效显著，著名景区，发展向好。\n';
    const doc = await txt(s);
    expect(doc.text).toBe(s);
  });
});

describe('width and spaces in numbers', () => {
  it('folds full-width digits and letters, and the point and percent next to digits', async () => {
    const doc = await txt('增长３．５％，ＧＤＰ达到１２３４亿元（预计）。\n');
    expect(doc.text).toBe('增长3.5%，GDP达到1234亿元（预计）。\n');
    expect(repair(doc, 'full_width')?.count).toBeGreaterThan(0);
  });

  it('joins `1.61 万公里` and `5 万亿` but not a row number before a name, nor table cells', async () => {
    const doc = await txt(
      '公路总里程1.61 万公里，经济总量5 万亿元，增长3. 5个百分点。\n\n2 城镇化率\n\n项目\t5 万\n指标\t6 亿\n',
    );
    expect(doc.text).toContain('1.61万公里');
    expect(doc.text).toContain('5万亿元');
    expect(doc.text).toContain('3.5个百分点');
    expect(doc.text).toContain('\n2 城镇化率\n');
    expect(doc.text).toContain('项目\t5 万\n指标\t6 亿');
  });
});

describe('broken sentences, headings, furniture', () => {
  const body = '加快建设“五条绿色走廊”体现了市委、市政府立足新发展阶段的高瞻远瞩，是对“十四五”规划纲';

  it('joins a sentence cut by a page break', async () => {
    const doc = await txt(`${body}\n\n要的延伸拓展、细化和具体化。\n`);
    expect(doc.text).toBe(`${body}要的延伸拓展、细化和具体化。\n`);
  });

  it('never joins a heading to the paragraph below it', async () => {
    const heading = '第三章 实施创新驱动战略 培育动能转换新引擎，打造一流创新生态和创新平台建设体系';
    const doc = await txt(`${heading}\n\n第一节 打造一流创新生态\n\n${body}完成。\n`);
    expect(doc.text).toContain(`${heading}\n\n第一节 打造一流创新生态\n\n`);
    expect(repair(doc, 'broken_line_joined')).toBeUndefined();
  });

  it('mends a sentence across a page number, taking the number out and reporting it', async () => {
    const doc = await txt(`${body}\n\n- 12 -\n\n要的延伸拓展、细化和具体化。\n\n- 13 -\n`);
    expect(doc.text).toBe(`${body}要的延伸拓展、细化和具体化。\n\n- 13 -\n`);
    expect(repair(doc, 'page_furniture_removed')?.examples).toEqual(['- 12 -']);
    expect(doc.furniture.map((s) => doc.text.slice(s.start, s.end))).toEqual(['- 13 -']);
  });

  it('does not mend across a line that is not furniture (a title between two articles)', async () => {
    const doc = await txt(`${body}\n\n运城日报\n\n要的延伸拓展、细化和具体化。\n`);
    expect(doc.text).toContain(`${body}\n\n运城日报\n\n要的延伸`);
  });

  it('marks page numbers and running heads of a multi-page text as furniture', async () => {
    const page = (n: number) => `运城日报\n\n第${n}页\n\n${body}完成。\n`;
    const doc = await txt([1, 2, 3, 4].map(page).join('\n'));
    const furniture = doc.furniture.map((s) => doc.text.slice(s.start, s.end));
    expect(furniture).toContain('第1页');
    expect(furniture).toContain('第4页');
  });
});

describe('invisible characters', () => {
  it('drops zero-width characters and a BOM inside the text, counting them', async () => {
    const doc = await txt('规\u200b划\ufeff纲要\u00a0全文\r\n');
    expect(doc.text).toBe('规划纲要 全文\n');
    expect(repair(doc, 'invisible_characters')?.count).toBe(3);
  });
});
