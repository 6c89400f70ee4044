import { LantuError } from '../errors.ts';
import type { DocumentFormat } from './types.ts';

export const MEDIA_TYPES: Record<DocumentFormat, string> = {
  txt: 'text/plain',
  html: 'text/html',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

const latin1 = (bytes: Uint8Array, n: number) => Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(n, bytes.length));

/**
 * Decide the format from the bytes; the file name and media type only break ties (an HTML page
 * saved as .txt is still read as text unless it looks like a web page). Throws for formats we do
 * not read, including old binary Word files and encrypted Office files.
 */
export function sniffFormat(bytes: Uint8Array, fileName: string, mediaType?: string): DocumentFormat {
  const head = latin1(bytes, 1024);
  if (head.subarray(0, 1024).indexOf('%PDF-') !== -1) return 'pdf';
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return sniffZip(bytes, fileName);
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) throw oleError(bytes);
  const ext = (fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '') as string;
  if (['pdf', 'docx', 'doc', 'xlsx', 'zip'].includes(ext)) {
    // The name promises a binary format the bytes do not have: most often a truncated download.
    throw new LantuError('CORRUPT_FILE', { zh: `不是有效的 .${ext} 文件`, en: `not a valid .${ext} file` });
  }
  if (looksLikeHtml(head, ext, mediaType)) return 'html';
  return 'txt';
}

function sniffZip(bytes: Uint8Array, fileName: string): DocumentFormat {
  // The first entries of a Word package name word/ or [Content_Types].xml; other zips are not ours.
  const head = latin1(bytes, 64 * 1024).toString('latin1');
  if (head.includes('word/') || /\.docx$/i.test(fileName)) return 'docx';
  throw new LantuError('UNSUPPORTED_FORMAT', {
    zh: 'ZIP 压缩包不是 Word 文档',
    en: 'the ZIP archive is not a Word document',
  });
}

/** An OLE container is an encrypted .docx (EncryptedPackage stream) or a legacy .doc/.xls. */
function oleError(bytes: Uint8Array): LantuError {
  const utf16Name = Buffer.from('EncryptedPackage', 'utf16le');
  if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(utf16Name) !== -1) {
    return new LantuError('ENCRYPTED_FILE', {
      zh: 'Word 文档设置了密码',
      en: 'the Word document is password-protected',
    });
  }
  return new LantuError('UNSUPPORTED_FORMAT', {
    zh: '旧版 Office 文件（.doc），请另存为 .docx',
    en: 'legacy Office file (.doc); save it as .docx',
  });
}

function looksLikeHtml(head: Buffer, ext: string, mediaType?: string): boolean {
  const start = head.toString('latin1').trimStart().slice(0, 300).toLowerCase();
  if (/^(<\?xml[^>]*>\s*)?<!doctype html|^<html[\s>]|^<head[\s>]|^<body[\s>]/.test(start)) return true;
  const hinted = ext === 'html' || ext === 'htm' || (mediaType ?? '').includes('html');
  return hinted && /<(p|div|table|article|span|h[1-6])[\s>]/i.test(head.toString('latin1'));
}
