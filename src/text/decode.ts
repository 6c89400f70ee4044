import iconv from 'iconv-lite';
import { LantuError } from '../errors.ts';

export interface Decoded {
  text: string;
  encoding: string;
  confidence: number;
}

/** Decode bytes of a text file. A first version: BOMs, strict UTF-8, then GB18030. */
export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) throw new LantuError('UPLOAD_EMPTY');
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8', confidence: 1 };
  }
  if (buf[0] === 0xff && buf[1] === 0xfe)
    return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le', confidence: 1 };
  if (buf[0] === 0xfe && buf[1] === 0xff)
    return { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'utf-16be', confidence: 1 };
  if (looksBinary(buf)) throw new LantuError('BINARY_CONTENT');
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return { text, encoding: 'utf-8', confidence: 0.99 };
  } catch {
    const text = iconv.decode(buf, 'gb18030');
    return { text, encoding: 'gb18030', confidence: 0.8 };
  }
}

function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 8192);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i] as number;
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) controls++;
  }
  return controls / n > 0.05;
}
