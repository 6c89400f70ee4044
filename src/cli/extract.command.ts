import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { extractOutline, type OutlineNode } from '../extract/outline.ts';
import { normalizeDocument } from '../text/normalize.ts';
import { printJson } from './output.ts';

/** The public shape of one outline node in `lantu extract --json` (stable; documented in README). */
function outlineJson(nodes: OutlineNode[]): unknown[] {
  return nodes.map((n) => ({
    level: n.level,
    kind: n.kind,
    number: n.number,
    title: n.title,
    start: n.start,
    end: n.end,
    children: outlineJson(n.children),
  }));
}

export async function extractCommand(file: string, opts: { json?: boolean; text?: boolean }): Promise<void> {
  const bytes = await readFile(file);
  const doc = await normalizeDocument({ bytes: new Uint8Array(bytes), fileName: path.basename(file) });
  printJson({
    document: { encoding: doc.encoding, format: doc.format, repairs: doc.repairs, chars: doc.text.length },
    outline: outlineJson(extractOutline(doc.text)),
    ...(opts.text ? { text: doc.text } : {}),
  });
}
