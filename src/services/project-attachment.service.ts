import { createHash } from 'node:crypto';
import type { AttachmentMeta } from '../db/repositories/project-attachment.repository.ts';
import type { ProjectAttachmentRow } from '../db/schema.ts';
import { MAX_PHOTO_BYTES, sniffPhoto } from '../domain/projects/index.ts';
import { LantuError } from '../errors.ts';
import type { ServiceContext } from './context.ts';
import { type Clock, isoToday } from './project.service.ts';

export interface PhotoUpload {
  bytes: Uint8Array;
  fileName: string;
  caption?: string | null | undefined;
}

/**
 * Photos of physical progress (形象进度) attached to a project's month. The type is decided by the
 * file's first bytes (JPEG, PNG, WebP), never by its name or the browser's claim; the size is capped
 * at MAX_PHOTO_BYTES (10 MB). A refused upload writes nothing.
 *
 * Decision: photos are evidence and are never changed. They may be added to a month in any state —
 * also after approval, where the upload time shows they came later — because adding evidence
 * overwrites nothing. Deleting one is allowed only while its month is not approved: an approved
 * month's photos are part of what was approved.
 */
export class ProjectAttachmentService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly clock: Clock = () => new Date(),
  ) {}

  async uploadPhoto(projectId: number, year: number, month: number, file: PhotoUpload, actor: string) {
    if (file.bytes.length === 0) throw new LantuError('UPLOAD_EMPTY');
    if (file.bytes.length > MAX_PHOTO_BYTES) {
      throw new LantuError(
        'UPLOAD_TOO_LARGE',
        {
          zh: `照片“${file.fileName}”为 ${mb(file.bytes.length)} MB，超过 ${mb(MAX_PHOTO_BYTES)} MB 上限`,
          en: `photo “${file.fileName}” is ${mb(file.bytes.length)} MB, over the ${mb(MAX_PHOTO_BYTES)} MB limit`,
        },
        { byteSize: file.bytes.length, maxBytes: MAX_PHOTO_BYTES },
      );
    }
    const mimeType = sniffPhoto(file.bytes);
    if (!mimeType) {
      throw new LantuError('UNSUPPORTED_FORMAT', {
        zh: `“${file.fileName}”不是 JPEG、PNG 或 WebP 照片（按文件内容识别，与扩展名无关）`,
        en: `“${file.fileName}” is not a JPEG, PNG or WebP photo (judged by its content, not its name)`,
      });
    }
    const ym = `${year}-${String(month).padStart(2, '0')}`;
    if (!Number.isInteger(month) || month < 1 || month > 12 || ym > isoToday(this.clock).slice(0, 7)) {
      throw new LantuError('VALIDATION_FAILED', {
        zh: `${ym}不是已到来的月份，不能上传形象进度照片`,
        en: `${ym} is not a month that has come; no progress photo can be uploaded for it`,
      });
    }
    const caption = file.caption?.trim().slice(0, 500) || null;
    return this.ctx.transaction(async (repos) => {
      const project = await repos.projects.get(projectId);
      if (!project) throw new LantuError('NOT_FOUND', { zh: `项目 ${projectId}`, en: `project ${projectId}` });
      const row = await repos.attachments.insert({
        projectId,
        year,
        month,
        kind: 'photo',
        fileName: file.fileName.slice(0, 255),
        mimeType,
        byteSize: file.bytes.length,
        sha256: createHash('sha256').update(file.bytes).digest('hex'),
        content: file.bytes,
        caption,
        uploadedBy: actor,
      });
      await repos.audit.record({
        actor,
        action: 'upload',
        entity: 'project_attachment',
        entityId: String(row.id),
        before: null,
        after: audited(row),
      });
      return row;
    });
  }

  async list(projectId: number, month?: { year: number; month: number }): Promise<AttachmentMeta[]> {
    if (!(await this.ctx.repos.projects.get(projectId))) {
      throw new LantuError('NOT_FOUND', { zh: `项目 ${projectId}`, en: `project ${projectId}` });
    }
    return this.ctx.repos.attachments.list(projectId, month);
  }

  /** The file with its bytes, for GET …/content. */
  async get(id: number): Promise<ProjectAttachmentRow> {
    const row = await this.ctx.repos.attachments.get(id);
    if (!row) throw new LantuError('NOT_FOUND', { zh: `附件 ${id}`, en: `attachment ${id}` });
    return row;
  }

  async remove(id: number, actor: string): Promise<void> {
    await this.ctx.transaction(async (repos) => {
      const row = await repos.attachments.getMeta(id);
      if (!row) throw new LantuError('NOT_FOUND', { zh: `附件 ${id}`, en: `attachment ${id}` });
      if (row.year !== null && row.month !== null) {
        const month = await repos.investments.find(row.projectId, row.year, row.month);
        if (month?.state === 'approved') {
          throw new LantuError('INVESTMENT_FROZEN', {
            zh: `${row.year}年${row.month}月月报已审核，其照片不能删除`,
            en: `the ${row.year}-${String(row.month).padStart(2, '0')} report is approved; its photos cannot be deleted`,
          });
        }
      }
      await repos.attachments.delete(id);
      await repos.audit.record({
        actor,
        action: 'delete',
        entity: 'project_attachment',
        entityId: String(id),
        before: audited(row),
        after: { projectId: row.projectId, deleted: true },
      });
    });
  }
}

const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

function audited(r: AttachmentMeta) {
  return {
    projectId: r.projectId,
    year: r.year,
    month: r.month,
    fileName: r.fileName,
    mimeType: r.mimeType,
    byteSize: r.byteSize,
    sha256: r.sha256,
  };
}
