import { Document, Packer, Paragraph, Table, TableCell, TableRow, WidthType } from 'docx';
import iconv from 'iconv-lite';
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { extractOutline, flattenOutline } from '../../../src/extract/outline.ts';
import { compact, normalize, normalizedSeed, SEEDS, seedBytes, seedText } from './seeds.ts';

/**
 * The plan in every format an office receives, each made from the UTF-8 seed: all must normalise
 * to the same simplified body text, allowing only for what the format forces (whitespace in
 * PDF and HTML, characters Big5 cannot hold).
 */
const plan = seedText(SEEDS.plan);
const reference = () => normalizedSeed(SEEDS.plan);

/** The seed's blocks: paragraphs (blank-line separated) and tables (runs of tab lines). */
function planBlocks(): Array<{ kind: 'p'; text: string } | { kind: 'table'; rows: string[][] }> {
  return plan
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((b) => b.replace(/^\n+|\n+$/g, ''))
    .filter((b) => b.trim().length > 0)
    .map((b) =>
      b.includes('\t') ? { kind: 'table', rows: b.split('\n').map((l) => l.split('\t')) } : { kind: 'p', text: b },
    );
}

describe('the plan as a text file in other encodings', () => {
  it('GBK: detected as GB18030 and normalised to the same text', async () => {
    const doc = await normalize(iconv.encode(plan, 'gbk'), 'plan.txt');
    expect(doc.encoding).toBe('gb18030');
    expect(doc.encodingConfidence).toBeGreaterThan(0.8);
    expect(doc.text).toBe((await reference()).text);
  });

  it('UTF-16LE with BOM and UTF-16BE without BOM, and UTF-8 with BOM', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(plan, 'utf-16le')]);
    const be = iconv.encode(plan, 'utf-16be');
    const bom8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(plan, 'utf8')]);
    const ref = (await reference()).text;
    for (const [bytes, enc] of [
      [le, 'utf-16le'],
      [be, 'utf-16be'],
      [bom8, 'utf-8'],
    ] as const) {
      const doc = await normalize(new Uint8Array(bytes), 'plan.txt');
      expect(doc.encoding).toBe(enc);
      expect(doc.text).toBe(ref);
    }
  });

  it('Big5 Traditional: detected as Big5 and converted back to the simplified text', async () => {
    const traditional = OpenCC.Converter({ from: 'cn', to: 'tw' })(plan);
    const doc = await normalize(iconv.encode(traditional, 'big5'), 'plan-big5.txt');
    expect(doc.encoding).toBe('big5');
    expect(repairCount(doc.repairs, 'traditional_to_simplified')).toBeGreaterThan(10_000);
    const a = compact((await reference()).text);
    const b = compact(doc.text);
    // Big5 has no code for a few characters (they become `?`) and a round trip through
    // Traditional is not perfectly reversible (`于/於`): allow 0.5 %, compare the rest exactly.
    expect(b.length).toBe(a.length);
    let diff = 0;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff++;
    expect(diff / a.length).toBeLessThan(0.005);
    expect(extractOutline(doc.text).length).toBe(12);
  });

  it('GB18030 with its own BOM', async () => {
    const bytes = Buffer.concat([Buffer.from([0x84, 0x31, 0x95, 0x33]), iconv.encode(plan, 'gb18030')]);
    const doc = await normalize(new Uint8Array(bytes), 'plan.txt');
    expect(doc.encoding).toBe('gb18030');
    expect(doc.encodingConfidence).toBe(1);
  });
});

describe('the plan as a Word file with real tables', () => {
  async function planDocx(): Promise<Uint8Array> {
    const children = planBlocks().map((b) =>
      b.kind === 'p'
        ? b.text.split('\n').map((line) => new Paragraph({ text: line }))
        : [
            new Table({
              width: { size: 100, type: WidthType.PERCENTAGE },
              rows: b.rows.map(
                (r) =>
                  new TableRow({ children: r.map((c) => new TableCell({ children: [new Paragraph({ text: c })] })) }),
              ),
            }),
          ],
    );
    const doc = new Document({ sections: [{ children: children.flat() }] });
    return new Uint8Array(await Packer.toBuffer(doc));
  }

  it('normalises to the same text, tables as tab-separated lines at the recorded offsets', async () => {
    const doc = await normalize(await planDocx(), 'plan.docx');
    const ref = await reference();
    expect(doc.format).toBe('docx');
    expect(doc.encoding).toBe('binary');
    expect(compact(doc.text)).toBe(compact(ref.text));
    expect(doc.tables.length).toBe(planBlocks().filter((b) => b.kind === 'table').length);
    for (const t of doc.tables) {
      expect(doc.text.slice(t.start, t.end)).toBe(t.rows.map((r) => r.join('\t')).join('\n'));
    }
    // The 专栏1 row of GDP growth keeps its cells, empty ones included, as in the seed.
    const gdp = doc.tables.flatMap((t) => t.rows).find((r) => r.includes('地区生产总值(%)'));
    const seedRow = plan.split('\n').find((l) => l.includes('地区生产总值(%)\t1174'));
    expect(gdp).toEqual(seedRow?.split('\t'));
    expect(gdp).toContain('');
    expect(extractOutline(doc.text).length).toBe(12);
  });

  it('keeps the grid of merged cells: a category written once, a cell spanning columns', async () => {
    const cell = (text: string, extra: { rowSpan?: number; columnSpan?: number } = {}) =>
      new TableCell({ children: [new Paragraph({ text })], ...extra });
    const table = new Table({
      rows: [
        new TableRow({ children: [cell('经济发展', { rowSpan: 2 }), cell('地区生产总值(%)'), cell('6左右')] }),
        new TableRow({ children: [cell('城镇化率(%)'), cell('58')] }),
        new TableRow({ children: [cell('合计', { columnSpan: 2 }), cell('2项')] }),
      ],
    });
    const file = new Document({ sections: [{ children: [new Paragraph({ text: '专栏2 主要指标' }), table] }] });
    const doc = await normalize(new Uint8Array(await Packer.toBuffer(file)), 'box2.docx');
    expect(doc.tables[0]?.rows).toEqual([
      ['经济发展', '地区生产总值(%)', '6左右'],
      ['', '城镇化率(%)', '58'],
      ['合计', '', '2项'],
    ]);
    expect(doc.text).toBe('专栏2 主要指标\n\n经济发展\t地区生产总值(%)\t6左右\n\t城镇化率(%)\t58\n合计\t\t2项');
  });

  it('reads the file by its content even when it is named .bin', async () => {
    const doc = await normalize(await planDocx(), 'upload.bin');
    expect(doc.format).toBe('docx');
  });
});

describe('the plan as a web page with navigation, adverts and scripts around it', () => {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  function planHtml(): string {
    const body = planBlocks()
      .map((b) =>
        b.kind === 'p'
          ? b.text
              .split('\n')
              .map((l) => `<p>${esc(l)}</p>`)
              .join('\n')
          : `<table>${b.rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('\n')}</table>`,
      )
      .join('\n');
    return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>运城市人民政府</title>
<script>var ad = "第十三章 广告脚本";</script><style>p{margin:0}</style></head><body>
<header class="site-header"><a href="/">首页</a> <a href="/zwgk">政务公开</a></header>
<nav class="menu"><ul><li>首页</li><li>政府信息公开</li><li>第十四章 导航栏</li></ul></nav>
<div class="ad-banner">ad1 webp 点击下载客户端</div>
<div class="content">${body}</div>
<aside class="sidebar"><p>相关阅读：运城市召开全市经济工作会议，会议强调要坚持稳中求进工作总基调。</p></aside>
<footer>主办：运城市人民政府办公室 版权所有</footer></body></html>`;
  }

  it('keeps the article only and normalises to the same text', async () => {
    const doc = await normalize(new Uint8Array(Buffer.from(planHtml(), 'utf8')), 'plan.html');
    const ref = await reference();
    expect(doc.format).toBe('html');
    expect(compact(doc.text)).toBe(compact(ref.text));
    for (const chrome of ['首页', '导航栏', '广告脚本', '点击下载', '相关阅读', '版权所有']) {
      expect(doc.text).not.toContain(chrome);
    }
    expect(doc.tables.length).toBeGreaterThanOrEqual(4);
  });

  it('reads a GBK web page saved without a charset declaration', async () => {
    const doc = await normalize(new Uint8Array(iconv.encode(planHtml(), 'gbk')), 'plan.htm');
    expect(doc.encoding).toBe('gb18030');
    expect(compact(doc.text)).toBe(compact((await reference()).text));
  });
});

describe('seed 003 as the web page it was scraped from', () => {
  it('keeps the article; images, share bar, related links and scripts go', async () => {
    const seed = seedText(SEEDS.news003);
    const paras = seed
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !/webp$/.test(l));
    const html = `<html><head><meta charset="utf-8"><script src="stat.js"></script></head><body>
<div class="top-nav"><a href="/">首页</a><a href="/news">新闻中心</a><a href="/zt">专题专栏</a></div>
<div class="breadcrumb">当前位置：首页 &gt; 理论</div>
<div class="main-left"><div id="zoom">${paras.map((p) => `<p style="text-indent:2em">${p}</p>`).join('\n')}
<p><img src="ad1.webp" alt="ad1"><img src="ad2.webp" alt="ad2"></p></div>
<div class="share-bar">分享到：微信 微博</div></div>
<div class="related"><ul><li><a>晋中市召开2025年全市经济工作会议，部署重点任务和项目建设</a></li>
<li><a>我市563户企业纳入重点监测，215个项目总投资556亿元进展顺利</a></li></ul></div>
<script>document.write('广告');</script></body></html>`;
    const doc = await normalize(new Uint8Array(Buffer.from(html, 'utf8')), '003.html');
    const ref = await normalizedSeed(SEEDS.news003);
    const refBody = ref.text.replace(/\n*ad\d webp/g, '');
    expect(compact(doc.text)).toBe(compact(refBody));
    for (const chrome of ['新闻中心', '当前位置', '分享到', '纳入重点监测', '广告'])
      expect(doc.text).not.toContain(chrome);
  });
});

describe('the plan as a PDF (made with LibreOffice, committed)', () => {
  it('reads every page in order and normalises to the same text, whitespace aside', async () => {
    const doc = await normalize(seedBytes('variants/yuncheng-plan.pdf'), 'plan.pdf');
    expect(doc.format).toBe('pdf');
    expect(doc.pages).toBe(53);
    expect(compact(doc.text)).toBe(compact((await reference()).text));
    const outline = extractOutline(doc.text);
    expect(outline.map((c) => c.ordinal)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const boxes = flattenOutline(outline).filter((n) => n.kind === 'box');
    expect(boxes.map((b) => b.ordinal)).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    // A sentence cut by a page break in the source is mended here too.
    expect(doc.text).toContain('推动运城开发区、盐湖高新技术开发区');
    // Table columns come back as tabs, from the gaps between items on a line.
    expect(doc.text).toMatch(/地区生产总值\(%\)\t1174/);
  });
});

describe('a PDF with running heads and page numbers (chapter 3, made with LibreOffice)', () => {
  /** The same chapter from the seed, the way the fixture was made: its paragraphs, tables left out. */
  function chapter3(): string {
    const first = plan.indexOf('第三章 实施创新驱动战略');
    const start = plan.indexOf('第三章 实施创新驱动战略', first + 10);
    const end = plan.indexOf('第四章 实施大抓工业战略', plan.indexOf('第四章 实施大抓工业战略') + 10);
    return plan
      .slice(start, end)
      .split('\n\n')
      .map((b) => b.trim())
      .filter((b) => b && !b.includes('\t'))
      .join('\n\n');
  }

  it('marks or removes every running head and page number, and the body equals the seed chapter', async () => {
    const doc = await normalize(seedBytes('variants/plan-chapter3-header-footer.pdf'), 'chapter3.pdf');
    expect(doc.pages).toBe(6);
    const head = '运城市国民经济和社会发展第十四个五年规划纲要';
    const furniture = doc.furniture.map((s) => doc.text.slice(s.start, s.end));
    const removed = doc.repairs.find((r) => r.kind === 'page_furniture_removed');
    // Six pages: six heads and six numbers, each either marked in the text or taken out of a sentence.
    const marked = furniture.filter((f) => f === head).length;
    const numbers = furniture.filter((f) => /^- \d -$/.test(f)).length;
    expect(marked + numbers + (removed?.count ?? 0)).toBe(12);
    expect(removed?.count).toBeGreaterThan(0);
    // Outside the furniture, the text is the seed chapter's.
    let body = '';
    let last = 0;
    for (const s of doc.furniture) {
      body += doc.text.slice(last, s.start);
      last = s.end;
    }
    body += doc.text.slice(last);
    const seedDoc = await normalize(new Uint8Array(Buffer.from(chapter3(), 'utf8')), 'chapter3.txt');
    expect(compact(body)).toBe(compact(seedDoc.text));
    // Sentences cut by the page breaks are whole again.
    expect(doc.text).toContain('聚焦重点产业领域和能源革命重点研发任务');
    expect(doc.text).not.toMatch(/[\u4e00-\u9fff]- \d -[\u4e00-\u9fff]/);
  });
});

function repairCount(repairs: Array<{ kind: string; count: number }>, kind: string): number {
  return repairs.find((r) => r.kind === kind)?.count ?? 0;
}
