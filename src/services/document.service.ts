import { createHash } from 'node:crypto';
import type { DocumentMeta } from '../db/repositories/document.repository.ts';
import { LantuError } from '../errors.ts';
import { normalizeDocument } from '../text/normalize.ts';
import type { NormalizedDocument } from '../text/types.ts';
import type { Repositories, ServiceContext } from './context.ts';

export interface IncomingFile {
  bytes: Uint8Array;
  fileName: string;
  mediaType?: string | undefined;
}

export interface StoredDocument {
  meta: DocumentMeta;
  text: string;
  /** Present when the file was normalised now; absent when the same bytes were stored before. */
  normalized?: NormalizedDocument;
}

export class DocumentService {
  constructor(private readonly ctx: ServiceContext) {}

  /** Checks size and emptiness before any parsing, so a bad upload costs nothing. */
  checkUpload(file: IncomingFile): void {
    if (file.bytes.byteLength === 0) throw new LantuError('UPLOAD_EMPTY', { zh: file.fileName, en: file.fileName });
    if (file.bytes.byteLength > this.ctx.config.maxUploadBytes) {
      const mb = Math.round(this.ctx.config.maxUploadBytes / 1024 / 1024);
      throw new LantuError('UPLOAD_TOO_LARGE', { zh: `上限为 ${mb} MB`, en: `the limit is ${mb} MB` });
    }
  }

  /** Normalise and store a file; the same bytes uploaded twice are stored once. */
  async ingest(file: IncomingFile, repos: Repositories = this.ctx.repos): Promise<StoredDocument> {
    this.checkUpload(file);
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    const existing = await repos.documents.findMetaBySha(sha256);
    if (existing) return { meta: existing, text: (await repos.documents.getText(existing.id)) ?? '' };
    const normalized = await normalizeDocument(file);
    const meta = await repos.documents.insert({
      sha256,
      fileName: file.fileName,
      mediaType: normalized.mediaType,
      format: normalized.format,
      encoding: normalized.encoding,
      encodingConfidence: normalized.encodingConfidence,
      byteSize: file.bytes.byteLength,
      original: file.bytes,
      text: normalized.text,
      repairs: normalized.repairs,
      normalization: {
        tables: normalized.tables,
        damaged: normalized.damaged,
        furniture: normalized.furniture,
        offsetMap: normalized.offsetMap,
      },
    });
    return { meta, text: normalized.text, normalized };
  }

  list(): Promise<DocumentMeta[]> {
    return this.ctx.repos.documents.listMeta();
  }

  /** Text to read, with damaged spans (shown as damaged, never used for values) and page furniture. */
  async reading(id: number) {
    const meta = await this.get(id);
    const reading = await this.ctx.repos.documents.getReading(id);
    return { meta, ...(reading ?? { text: '', damaged: [], furniture: [] }) };
  }

  async get(id: number): Promise<DocumentMeta> {
    const meta = await this.ctx.repos.documents.getMeta(id);
    if (!meta) throw new LantuError('NOT_FOUND', { zh: `文档 ${id}`, en: `document ${id}` });
    return meta;
  }
}
