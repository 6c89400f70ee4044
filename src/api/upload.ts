import type { FastifyRequest } from 'fastify';
import { LantuError } from '../errors.ts';
import type { IncomingFile } from '../services/document.service.ts';

export interface Upload {
  file: IncomingFile;
  fields: Record<string, string>;
}

/** Reads a multipart request: one `file` part and any text fields, in any order. */
export async function readUpload(request: FastifyRequest): Promise<Upload> {
  if (!request.isMultipart()) {
    throw new LantuError('UPLOAD_MISSING', {
      zh: '请以 multipart/form-data 上传，文件字段名为 file',
      en: 'send multipart/form-data with a `file` field',
    });
  }
  const fields: Record<string, string> = {};
  let file: IncomingFile | undefined;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      if (file) continue;
      file = { bytes: new Uint8Array(bytes), fileName: part.filename || 'upload', mediaType: part.mimetype };
    } else {
      fields[part.fieldname] = String(part.value ?? '');
    }
  }
  if (!file) throw new LantuError('UPLOAD_MISSING');
  return { file, fields };
}
