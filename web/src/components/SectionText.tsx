import type { ReactNode } from 'react';

/** `key` is the line number where the block starts: stable for a given text. */
type Block =
  | { kind: 'para'; key: number; text: string }
  | { kind: 'heading'; key: number; text: string }
  | { kind: 'table'; key: number; rows: string[][] };

/** Sub-headings inside a section: `一、…`, `（一）…`, `第一节 …`, `专栏3 …`. */
const HEADING_RE =
  /^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第[一二三四五六七八九十百\d]+[章节]\s|专栏\s*\d+)/;
/** A short opening sentence that the printed plan sets in bold: `综合实力迈上更高台阶。…`. */
const LEAD_RE = /^([^。；！？\t]{4,30}[。；！？])(?=\S)/;

/**
 * A prose line that stops mid-sentence was broken by the page layout of the source (PDF, Word export):
 * the next line continues it. Prose is long or has sentence punctuation inside; headings have neither.
 */
function isCutLine(text: string): boolean {
  if (/[。；！？：:”’」）)…—\]]$/.test(text)) return false;
  return text.length >= 40 || /[。，；]/.test(text);
}

export function splitBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let table: string[][] | null = null;
  const lines = text.split('\n');
  for (let key = 0; key < lines.length; key++) {
    const line = (lines[key] as string).replace(/[\r\n]+$/, '');
    if (line.includes('\t')) {
      if (!table) {
        table = [];
        blocks.push({ kind: 'table', key, rows: table });
      }
      table.push(line.split('\t').map((c) => c.trim()));
      continue;
    }
    table = null;
    const trimmed = line.trim();
    if (trimmed.length === 0) continue;
    const prev = blocks[blocks.length - 1];
    if (HEADING_RE.test(trimmed) && trimmed.length <= 60 && !/[。；]$/.test(trimmed)) {
      blocks.push({ kind: 'heading', key, text: trimmed });
    } else if (prev?.kind === 'para' && isCutLine(prev.text)) {
      prev.text += trimmed;
    } else {
      blocks.push({ kind: 'para', key, text: trimmed });
    }
  }
  return blocks;
}

/** Drop the first line when it repeats the node's own heading (it is shown above the text). */
export function stripHeading(text: string, number: string): string {
  const body = text.replace(/^\s+/, '');
  const nl = body.indexOf('\n');
  const first = (nl < 0 ? body : body.slice(0, nl)).replace(/\s/g, '');
  return first.startsWith(number.replace(/\s/g, '')) ? (nl < 0 ? '' : body.slice(nl + 1)) : text;
}

function Paragraph({ text }: { text: string }) {
  const m = LEAD_RE.exec(text);
  if (!m || m[1] === undefined) return <p>{text}</p>;
  return (
    <p>
      <strong>{m[1]}</strong>
      {text.slice(m[1].length)}
    </p>
  );
}

const NUMERIC_CELL = /^[-\d.,%‰[\]()（）≥≤<>~*/+]+$/;

/** A row with text in its first cell only: a group label such as `一、经济发展（7个）`. */
const isGroupRow = (r: string[]) => r.length > 1 && (r[0] ?? '') !== '' && r.slice(1).every((c) => c === '');

function TableBlock({ rows }: { rows: string[][] }) {
  const width = Math.max(...rows.map((r) => r.length));
  // trailing empty cells come from trailing tabs; drop columns that are empty in every row
  let used = width;
  while (used > 1 && rows.every((r) => (r[used - 1] ?? '') === '')) used -= 1;
  // leading rows without any numeric cell are the header (a box often has a two-line header)
  let headCount = 0;
  while (
    headCount < Math.min(3, rows.length - 1) &&
    !isGroupRow(rows[headCount] as string[]) &&
    !(rows[headCount] as string[]).some((c) => NUMERIC_CELL.test(c))
  )
    headCount += 1;
  const cells = (r: string[]) => Array.from({ length: used }, (_, i) => r[i] ?? '');
  const renderRow = (r: string[], ri: number, Cell: 'th' | 'td') =>
    isGroupRow(r) ? (
      <tr key={ri} className="reader-table-group">
        <td colSpan={used}>{r[0]}</td>
      </tr>
    ) : (
      <tr key={ri}>
        {cells(r).map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: cells have no identity beyond position
          <Cell key={i} className={c.length <= 8 ? 'nowrap' : undefined}>
            {c}
          </Cell>
        ))}
      </tr>
    );
  return (
    <div className="reader-table-wrap">
      <table className="reader-table">
        {headCount > 0 && <thead>{rows.slice(0, headCount).map((r, ri) => renderRow(r, ri, 'th'))}</thead>}
        <tbody>{rows.slice(headCount).map((r, ri) => renderRow(r, ri, 'td'))}</tbody>
      </table>
    </div>
  );
}

/** A plan text as readable paragraphs; tab-separated lines become a simple table. */
export function SectionText({ text, empty }: { text: string; empty?: ReactNode }) {
  const blocks = splitBlocks(text);
  if (blocks.length === 0) return <div className="reader-body reader-empty">{empty}</div>;
  return (
    <div className="reader-body" data-testid="section-text">
      {blocks.map((b) => {
        if (b.kind === 'table') return <TableBlock key={b.key} rows={b.rows} />;
        if (b.kind === 'heading')
          return (
            <p key={b.key} className="reader-heading">
              {b.text}
            </p>
          );
        return <Paragraph key={b.key} text={b.text} />;
      })}
    </div>
  );
}
