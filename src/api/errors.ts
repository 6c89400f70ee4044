import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isLantuError, LantuError } from '../errors.ts';

/** The one place that turns any failure into `{error:{code,message}}` with a status that means it. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const lantu = toLantuError(err);
    if (lantu.status >= 500) request.log.error({ err }, 'request failed');
    reply.status(lantu.status).send(lantu.toJSON());
  });
}

function toLantuError(err: FastifyError): LantuError {
  if (isLantuError(err)) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const fields = err.validation.map((v) => `${v.instancePath || ''} ${v.message ?? ''}`.trim());
    return new LantuError('VALIDATION_FAILED', { zh: fields.join('；'), en: fields.join('; ') });
  }
  switch (err.code) {
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new LantuError('UPLOAD_TOO_LARGE');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new LantuError('UPLOAD_MISSING');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new LantuError('VALIDATION_FAILED', { zh: err.message, en: err.message });
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return new LantuError('VALIDATION_FAILED', { zh: err.message, en: err.message });
  }
  return new LantuError('INTERNAL');
}
