import mammoth from 'mammoth';
import { LantuError } from '../errors.ts';
import { decodeText } from './decode.ts';
import { type Extracted, extractHtml, extractHtmlFragment } from './html.ts';

/** Word: mammoth turns paragraphs and tables into HTML, which keeps rows and cells apart. */
export async function extractDocx(bytes: Uint8Array): Promise<Extracted> {
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
}

/**
 * PDF text layer, page by page in order. Lines come from the items' vertical positions; pages are
 * separated by a blank line so the sentence-joining pass can mend sentences broken by a page.
 */
export async function extractPdf(bytes: Uint8Array): Promise<Extracted> {
  const { getDocumentProxy } = await import('unpdf');
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    pdf = await getDocumentProxy(new Uint8Array(bytes));
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

function pageText(items: PdfTextItem[]): string {
  const lines: string[] = [];
  let line = '';
  let lastY: number | null = null;
  for (const item of items) {
    const y = item.transform?.[5] ?? null;
    if (lastY !== null && y !== null && Math.abs(y - lastY) > 2 && line) {
      lines.push(line);
      line = '';
    }
    line += item.str ?? '';
    if (y !== null) lastY = y;
    if (item.hasEOL) {
      lines.push(line);
      line = '';
      lastY = null;
    }
  }
  if (line) lines.push(line);
  return lines
    .map((l) => l.replace(/[ \t]+$/, ''))
    .join('\n')
    .trim();
}
