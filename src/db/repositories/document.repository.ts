import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { type DocumentRow, documents } from '../schema.ts';

export type NewDocument = typeof documents.$inferInsert;
/** Everything but the original bytes and the text: what lists and presenters need. */
export type DocumentMeta = Omit<DocumentRow, 'original' | 'text' | 'normalization'> & { chars: number };

const metaColumns = {
  id: documents.id,
  sha256: documents.sha256,
  fileName: documents.fileName,
  mediaType: documents.mediaType,
  format: documents.format,
  encoding: documents.encoding,
  encodingConfidence: documents.encodingConfidence,
  byteSize: documents.byteSize,
  repairs: documents.repairs,
  source: documents.source,
  publishedOn: documents.publishedOn,
  regionCode: documents.regionCode,
  createdAt: documents.createdAt,
  chars: sql<number>`char_length(${documents.text})`.mapWith(Number),
};

export class DocumentRepository {
  constructor(private readonly db: Db) {}

  async findMetaBySha(sha256: string): Promise<DocumentMeta | undefined> {
    const [row] = await this.db.select(metaColumns).from(documents).where(eq(documents.sha256, sha256));
    return row;
  }

  async insert(doc: NewDocument): Promise<DocumentMeta> {
    const [row] = await this.db.insert(documents).values(doc).returning(metaColumns);
    return row as DocumentMeta;
  }

  async getMeta(id: number): Promise<DocumentMeta | undefined> {
    const [row] = await this.db.select(metaColumns).from(documents).where(eq(documents.id, id));
    return row;
  }

  /** Spans of the text that ingestion could not repair: extractors must not read values there. */
  async getDamaged(id: number): Promise<Array<{ start: number; end: number }>> {
    const [row] = await this.db.select({ n: documents.normalization }).from(documents).where(eq(documents.id, id));
    const damaged = row?.n?.damaged;
    return Array.isArray(damaged) ? (damaged as Array<{ start: number; end: number }>) : [];
  }

  /** The normalised text with the spans a reader must see marked: damaged text and page furniture. */
  async getReading(id: number) {
    const [row] = await this.db
      .select({ text: documents.text, n: documents.normalization })
      .from(documents)
      .where(eq(documents.id, id));
    if (!row) return undefined;
    const spans = (k: string) => (Array.isArray(row.n?.[k]) ? (row.n[k] as Array<{ start: number; end: number }>) : []);
    return { text: row.text, damaged: spans('damaged'), furniture: spans('furniture') };
  }

  /** When (and where) a news piece was published: resolves `去年` and `8月8日` in its facts. */
  async setPublication(
    id: number,
    publication: { publishedOn?: string | null; source?: string | null },
  ): Promise<void> {
    await this.db.update(documents).set(publication).where(eq(documents.id, id));
  }

  listMeta(): Promise<DocumentMeta[]> {
    return this.db.select(metaColumns).from(documents).orderBy(desc(documents.id));
  }

  async getText(id: number): Promise<string | undefined> {
    const [row] = await this.db.select({ text: documents.text }).from(documents).where(eq(documents.id, id));
    return row?.text;
  }
}
