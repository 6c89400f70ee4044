import { Document, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../src/errors.ts';
import { normalizeDocument } from '../../../src/text/normalize.ts';
import { lantuError, normalize, seedBytes } from './seeds.ts';

/** A valid one-page PDF whose page draws nothing: what a scan without OCR looks like to us. */
function pdfWithoutText(): Uint8Array {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    '<< /Length 23 >>\nstream\n0 0 1 rg 10 10 50 50 re f\nendstream',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(body, 'latin1'));
}

async function smallDocx(): Promise<Uint8Array> {
  const doc = new Document({ sections: [{ children: [new Paragraph({ text: '第一章 总则' })] }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

describe('bad input: a clear error with a code, never a crash', () => {
  it('empty file → UPLOAD_EMPTY', async () => {
    expect((await lantuError(normalize(new Uint8Array(0), 'a.txt'))).code).toBe('UPLOAD_EMPTY');
  });

  it('a 100 MB file → UPLOAD_TOO_LARGE before any parsing', async () => {
    const big = new Uint8Array(100 * 1024 * 1024);
    const started = performance.now();
    const err = await lantuError(normalize(big, 'big.txt'));
    expect(err.code).toBe('UPLOAD_TOO_LARGE');
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('the caller may set a lower limit', async () => {
    const bytes = new Uint8Array(Buffer.from('规划'.repeat(1000)));
    const err = await lantuError(normalizeDocument({ bytes, fileName: 'a.txt', maxBytes: 1024 }));
    expect(err.code).toBe('UPLOAD_TOO_LARGE');
    await expect(normalizeDocument({ bytes, fileName: 'a.txt', maxBytes: 1 << 20 })).resolves.toBeDefined();
  });

  it('binary content (an image) → BINARY_CONTENT', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect((await lantuError(normalize(png, 'scan.txt'))).code).toBe('BINARY_CONTENT');
  });

  it('bytes that fit no encoding → ENCODING_UNKNOWN, with the scores it tried', async () => {
    // High bytes in a pattern valid in no Chinese encoding as text: 0x80 and 0xff alternate.
    const bytes = new Uint8Array(4000).map((_, i) => (i % 3 === 0 ? 0xff : i % 3 === 1 ? 0x80 : 0xa0));
    const err = await lantuError(normalize(bytes, 'x.txt'));
    expect(err.code).toBe('ENCODING_UNKNOWN');
    expect(err.data?.candidates).toBeDefined();
  });

  it('a truncated UTF-8 text file is read, its broken last character marked damaged', async () => {
    const bytes = seedBytes('news/001-study-tour-part4.txt');
    let end = 3000;
    while (((bytes[end] as number) & 0xc0) !== 0x80) end++; // stop inside a multi-byte character
    const doc = await normalize(bytes.subarray(0, end), '001.txt');
    expect(doc.encoding).toBe('utf-8');
    const lost = doc.text.lastIndexOf('\ufffd');
    expect(lost).toBeGreaterThan(0);
    expect(doc.damaged.some((s) => s.start <= lost && lost < s.end)).toBe(true);
    expect(doc.text.length).toBeGreaterThan(900);
  });

  it('a truncated .docx → CORRUPT_FILE', async () => {
    const docx = await smallDocx();
    const err = await lantuError(normalize(docx.subarray(0, Math.floor(docx.length / 2)), 'plan.docx'));
    expect(err.code).toBe('CORRUPT_FILE');
  });

  it('a file named .docx that is not a Word file → CORRUPT_FILE', async () => {
    const err = await lantuError(normalize(new Uint8Array(Buffer.from('第一章 总则\n')), 'plan.docx'));
    expect(err.code).toBe('CORRUPT_FILE');
  });

  it('a password-protected PDF (LibreOffice, password `lantu`) → ENCRYPTED_FILE', async () => {
    const err = await lantuError(normalize(seedBytes('variants/encrypted.pdf'), 'secret.pdf'));
    expect(err.code).toBe('ENCRYPTED_FILE');
  });

  it('a PDF without a text layer → NO_TEXT_LAYER instead of an empty document', async () => {
    const err = await lantuError(normalize(pdfWithoutText(), 'scan.pdf'));
    expect(err.code).toBe('NO_TEXT_LAYER');
  });

  it('a truncated PDF → CORRUPT_FILE or NO_TEXT_LAYER, never an exception of pdf.js', async () => {
    const pdf = seedBytes('variants/yuncheng-plan.pdf');
    const err = await lantuError(normalize(pdf.subarray(0, 2000), 'plan.pdf'));
    expect(['CORRUPT_FILE', 'NO_TEXT_LAYER']).toContain(err.code);
  });

  it('an encrypted Office file (OLE container with EncryptedPackage) → ENCRYPTED_FILE; a legacy .doc → UNSUPPORTED_FORMAT', async () => {
    const ole = (extra: string) =>
      new Uint8Array(
        Buffer.concat([
          Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
          Buffer.alloc(504),
          Buffer.from(extra, 'utf16le'),
        ]),
      );
    expect((await lantuError(normalize(ole('EncryptedPackage'), 'plan.docx'))).code).toBe('ENCRYPTED_FILE');
    expect((await lantuError(normalize(ole('WordDocument'), 'plan.doc'))).code).toBe('UNSUPPORTED_FORMAT');
  });

  it('a ZIP that is not a Word document → UNSUPPORTED_FORMAT', async () => {
    const zip = new Uint8Array(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('xl/workbook.xml')]));
    expect((await lantuError(normalize(zip, 'table.xlsx'))).code).toBe('UNSUPPORTED_FORMAT');
  });

  it('every error code used here has Chinese and English text', () => {
    for (const code of [
      'UPLOAD_EMPTY',
      'BINARY_CONTENT',
      'ENCODING_UNKNOWN',
      'CORRUPT_FILE',
      'NO_TEXT_LAYER',
    ] as const) {
      expect(ERROR_CODES[code].zh.length).toBeGreaterThan(0);
      expect(ERROR_CODES[code].en.length).toBeGreaterThan(0);
    }
  });
});
