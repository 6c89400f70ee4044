import { LantuError } from '../errors.ts';
import { decodeText } from './decode.ts';
import type { IngestInput, NormalizedDocument } from './types.ts';

/**
 * Bytes in, normalised document out. Pure: no file system, no clock.
 * First version handles plain text; richer formats and repairs grow here.
 */
export async function normalizeDocument(input: IngestInput): Promise<NormalizedDocument> {
  const ext = input.fileName.toLowerCase().split('.').pop() ?? '';
  if (ext !== 'txt' && ext !== 'text' && !(input.mediaType ?? '').startsWith('text/plain')) {
    throw new LantuError('UNSUPPORTED_FORMAT', { zh: `扩展名 .${ext}`, en: `extension .${ext}` });
  }
  const decoded = decodeText(input.bytes);
  const text = decoded.text.replace(/\r\n?/g, '\n');
  return {
    format: 'txt',
    mediaType: 'text/plain',
    encoding: decoded.encoding,
    encodingConfidence: decoded.confidence,
    text,
    originalText: decoded.text,
    repairs: [],
    tables: [],
    damaged: [],
    furniture: [],
    offsetMap: [[0, 0]],
  };
}
