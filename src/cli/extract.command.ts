import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { extractPlan } from '../extract/index.ts';
import { normalizeDocument } from '../text/normalize.ts';
import { printJson } from './output.ts';

/**
 * `lantu extract FILE --json`: the stable contract of ingestion + extraction
 * (schema: schemas/plan-extraction.schema.json, plus `document` and, with --text, `text`).
 */
export async function extractCommand(file: string, opts: { json?: boolean; text?: boolean }): Promise<void> {
  const bytes = await readFile(file);
  const doc = await normalizeDocument({ bytes: new Uint8Array(bytes), fileName: path.basename(file) });
  const extraction = extractPlan({ text: doc.text, tables: doc.tables, damaged: doc.damaged });
  printJson({
    document: {
      encoding: doc.encoding,
      encodingConfidence: doc.encodingConfidence,
      format: doc.format,
      repairs: doc.repairs,
      chars: doc.text.length,
      damaged: doc.damaged,
    },
    ...extraction,
    ...(opts.text ? { text: doc.text } : {}),
  });
}
