import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { type ProjectAttachmentRow, projectAttachments } from '../schema.ts';

export type NewProjectAttachment = typeof projectAttachments.$inferInsert;
/** Everything but the bytes: what lists and presenters need. */
export type AttachmentMeta = Omit<ProjectAttachmentRow, 'content'>;

const meta = {
  id: projectAttachments.id,
  projectId: projectAttachments.projectId,
  year: projectAttachments.year,
  month: projectAttachments.month,
  kind: projectAttachments.kind,
  fileName: projectAttachments.fileName,
  mimeType: projectAttachments.mimeType,
  byteSize: projectAttachments.byteSize,
  sha256: projectAttachments.sha256,
  caption: projectAttachments.caption,
  uploadedBy: projectAttachments.uploadedBy,
  createdAt: projectAttachments.createdAt,
};

export class ProjectAttachmentRepository {
  constructor(private readonly db: Db) {}

  /** The project's attachments without their bytes, oldest first; one month's when year and month are given. */
  list(projectId: number, month?: { year: number; month: number }): Promise<AttachmentMeta[]> {
    const w = [eq(projectAttachments.projectId, projectId)];
    if (month) w.push(eq(projectAttachments.year, month.year), eq(projectAttachments.month, month.month));
    return this.db
      .select(meta)
      .from(projectAttachments)
      .where(and(...w))
      .orderBy(asc(projectAttachments.id));
  }

  async getMeta(id: number): Promise<AttachmentMeta | undefined> {
    const [row] = await this.db.select(meta).from(projectAttachments).where(eq(projectAttachments.id, id));
    return row;
  }

  /**
   * The bytes travel as hex text (`encode`/`decode` in SQL) rather than as a bytea parameter: on PGlite
   * the driver's own bytea conversion costs about a second per MB, hex about a tenth of that on reading
   * and half on writing (bench/project-detail.bench.ts), and plain PostgreSQL treats both alike.
   */
  async get(id: number): Promise<ProjectAttachmentRow | undefined> {
    const [row] = await this.db
      .select({ ...meta, hex: sql<string>`encode(${projectAttachments.content}, 'hex')` })
      .from(projectAttachments)
      .where(eq(projectAttachments.id, id));
    if (!row) return undefined;
    const { hex, ...rest } = row;
    return { ...rest, content: new Uint8Array(Buffer.from(hex, 'hex')) };
  }

  async insert(row: NewProjectAttachment): Promise<AttachmentMeta> {
    const hex = Buffer.from(row.content).toString('hex');
    const content = sql`decode(${hex}, 'hex')` as unknown as Uint8Array;
    const [inserted] = await this.db
      .insert(projectAttachments)
      .values({ ...row, content })
      .returning(meta);
    return inserted as AttachmentMeta;
  }

  async delete(id: number): Promise<void> {
    await this.db.delete(projectAttachments).where(eq(projectAttachments.id, id));
  }
}
