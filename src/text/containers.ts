import { LantuError } from '../errors.ts';
import { decodeText } from './decode.ts';
import { type Extracted, extractHtml, extractHtmlFragment } from './html.ts';

/** Word: mammoth turns paragraphs and tables into HTML, which keeps rows and cells apart. */
export async function extractDocx(bytes: Uint8Array): Promise<Extracted> {
  // Loaded on first use: a plain-text import should not pay for the Word reader.
  const mammoth = (await import('mammoth')).default;
  let html: string;
  try {
    const result = await mammoth.convertToHtml({
      buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    });
    html = result.value;
  } catch (e) {
    throw new LantuError(
      'CORRUPT_FILE',
      { zh: 'Word 文档无法打开（可能不完整）', en: 'the Word document cannot be opened (possibly truncated)' },
      { cause: String((e as Error)?.message ?? e).slice(0, 200) },
    );
  }
  return extractHtmlFragment(html);
}

/** HTML bytes: the charset is found like any text file's, then the page is reduced to its article. */
export function extractHtmlBytes(bytes: Uint8Array): Extracted & { encoding: string; confidence: number } {
  const decoded = decodeText(bytes);
  return { ...extractHtml(decoded.text), encoding: decoded.encoding, confidence: decoded.confidence };
}

interface PdfTextItem {
  str?: string;
  hasEOL?: boolean;
  transform?: number[];
  width?: number;
  height?: number;
}

/**
 * PDF text layer, page by page in order. Lines come from the items' vertical positions; pages are
 * separated by a blank line so the sentence-joining pass can mend sentences broken by a page.
 */
export async function extractPdf(bytes: Uint8Array): Promise<Extracted> {
  const { getDocumentProxy } = await import('unpdf');
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  } catch (e) {
    const name = (e as { name?: string })?.name ?? '';
    if (name === 'PasswordException') {
      throw new LantuError('ENCRYPTED_FILE', { zh: 'PDF 设置了密码', en: 'the PDF is password-protected' });
    }
    throw new LantuError('CORRUPT_FILE', { zh: 'PDF 无法打开', en: 'the PDF cannot be opened' });
  }
  const pages: string[] = [];
  try {
    for (let p = 1; p <= pdf.numPages; p++) {
      const page = await pdf.getPage(p);
      const content = await page.getTextContent();
      pages.push(pageText(content.items as PdfTextItem[]));
    }
  } catch {
    throw new LantuError('CORRUPT_FILE', { zh: 'PDF 页面无法读取', en: 'a PDF page cannot be read' });
  } finally {
    await pdf.destroy();
  }
  const text = pages.join('\n\n');
  if (text.replace(/\s+/g, '').length === 0) throw new LantuError('NO_TEXT_LAYER');
  return { text, tables: [], pages: pages.length };
}

const PAGE_NO_RE = /^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|\d{1,4}|第\s*\d{1,4}\s*页.*|\d{1,4}\s*\/\s*\d{1,4})\s*$/;

interface PdfLine {
  text: string;
  right: number;
  size: number;
  y: number;
}

/**
 * One page as text. Items on one baseline form a line; a wide gap between items is a table
 * column (written as a tab, as in the text seeds). A line that reaches the right margin
 * continues in the next one (CJK text wraps without spaces); a shorter line ends its paragraph,
 * and paragraphs are separated by a blank line like in a text file.
 */
function pageText(items: PdfTextItem[]): string {
  // Top to bottom: a writer may emit the running head or the footer before the body.
  const lines = pdfLines(items).sort((a, b) => b.y - a.y);
  const maxRight = Math.max(0, ...lines.map((l) => l.right));
  const pitch = linePitch(lines);
  // With spacing between paragraphs, a full line ending in 。 may still continue its paragraph.
  const spaced = lines.some((l, i) => i > 0 && (lines[i - 1] as PdfLine).y - l.y > pitch * 1.3);
  let out = '';
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as PdfLine;
    const next = lines[i + 1];
    out += l.text;
    if (!next) break;
    const table = l.text.includes('\t') || next.text.includes('\t');
    // Wrapped lines sit on consecutive baselines; a page number below the last line is a footer.
    const adjacent = l.y - next.y <= pitch * 1.15 && !PAGE_NO_RE.test(next.text);
    const full = l.right >= maxRight - l.size * 2;
    const ends = /[。！？；：]$/.test(l.text) && !spaced;
    out += !table && adjacent && full && !ends ? '' : table ? '\n' : '\n\n';
  }
  return out;
}

/** The usual distance between baselines on a page (the median gap), for telling wraps from breaks. */
function linePitch(lines: PdfLine[]): number {
  const gaps = lines
    .slice(1)
    .map((l, i) => (lines[i] as PdfLine).y - l.y)
    .filter((g) => g > 0)
    .sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)] ?? (lines[0]?.size ?? 10) * 1.5;
}

function pdfLines(items: PdfTextItem[]): PdfLine[] {
  const lines: PdfLine[] = [];
  let cur: PdfLine | null = null;
  let lastY: number | null = null;
  let spaced = false;
  for (const item of items) {
    const str = item.str ?? '';
    const tr = item.transform ?? [];
    const x = tr[4] ?? 0;
    const y: number = tr[5] ?? lastY ?? 0;
    const size = Math.abs(tr[0] ?? item.height ?? 10) || 10;
    if (cur && lastY !== null && Math.abs(y - lastY) > size * 0.5) {
      lines.push(cur);
      cur = null;
    }
    lastY = y;
    if (str.trim().length === 0) {
      // Whitespace items are where the layout put space; the next item's position tells how much.
      spaced = spaced || str.length > 0;
    } else {
      if (!cur) cur = { text: '', right: x, size, y };
      const gap = x - cur.right;
      const sep = cur.text === '' ? '' : gap > size * 1.5 ? '\t' : spaced || gap > size * 0.25 ? ' ' : '';
      cur.text += sep + str;
      cur.right = x + (item.width ?? 0);
      spaced = false;
    }
    if (item.hasEOL && cur) {
      lines.push(cur);
      cur = null;
      spaced = false;
    }
  }
  if (cur) lines.push(cur);
  return lines.map((l) => ({ ...l, text: l.text.replace(/[ \t]+$/, '') })).filter((l) => l.text.trim().length > 0);
}
