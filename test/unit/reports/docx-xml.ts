import JSZip from 'jszip';

/** A .docx is a zip: the parts a structural test reads, and small helpers over WordprocessingML. */
export interface DocxParts {
  document: string;
  settings: string;
  footers: string[];
  media: string[];
}

export async function readDocx(bytes: Buffer | Uint8Array): Promise<DocxParts> {
  const zip = await JSZip.loadAsync(bytes);
  const text = async (name: string) => (await zip.file(name)?.async('string')) ?? '';
  const names = Object.keys(zip.files);
  return {
    document: await text('word/document.xml'),
    settings: await text('word/settings.xml'),
    footers: await Promise.all(names.filter((n) => /^word\/footer\d*\.xml$/.test(n)).map(text)),
    media: names.filter((n) => n.startsWith('word/media/')),
  };
}

/** Attributes of the first element named `tag`, e.g. attrs(xml, 'w:pgSz') → {'w:w': '11906', …}. */
export function attrs(xml: string, tag: string): Record<string, string> {
  const m = new RegExp(`<${tag}\\b([^>]*)/?>`).exec(xml);
  if (!m) return {};
  return Object.fromEntries([...(m[1] ?? '').matchAll(/([\w:]+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
}

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The visible text of an XML fragment. */
export function textOf(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescapeXml(m[1] ?? '')).join('');
}

/** Paragraphs as {text, fonts (eastAsia), size (half-points)} of their first run. */
export function paragraphs(xml: string): { text: string; eastAsia: string | undefined; size: string | undefined }[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => {
    const p = m[0];
    return { text: textOf(p), eastAsia: attrs(p, 'w:rFonts')['w:eastAsia'], size: attrs(p, 'w:sz')['w:val'] };
  });
}

/** Every table as rows of cell texts. */
export function tables(xml: string): string[][][] {
  return [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((t) =>
    [...t[0].matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) =>
      [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => textOf(c[0])),
    ),
  );
}
