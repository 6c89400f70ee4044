import type { Span } from '../text/types.ts';
import type { Chain } from './schema.ts';
import { isDamaged, type Paragraph, source, spanOf } from './text.ts';

/** A single dash between segments; `——` is the Chinese em-dash of prose and is not a link. */
const DASH = '(?:-|—(?!—)|－|–|―)';
const SEG = '[^，。；：“”"！？\\-—－–―\\s]+';
const CHAIN_RE = new RegExp(`${SEG}(?:\\s*${DASH}\\s*${SEG}){2,}`, 'g');
const QUOTED_RE = new RegExp(`[“"](${SEG}(?:\\s*${DASH}\\s*${SEG}){1,})[”"]`, 'g');

const LEAD_VERB =
  /^.*?(?:构建|构筑|形成|打造|延伸|发展|完善|建设|培育|推动|实现|拓展|贯通|打通|围绕|依托|建成|带动|形成了)(?=.)/;
const PLACE_END = /(开发区|高新区|示范区|园区|工业园|产业园|新区|县|市|区|镇|乡|村|港|站|城)$/;

export interface FoundChain extends Chain {
  /** Paragraph offset just after the chain (for a following `X产业集群`). */
  after: number;
}

function segmentsOf(body: string): string[][] {
  return body.split(new RegExp(`\\s*${DASH}\\s*`)).map((seg) =>
    seg
      .split(/[、和及与]/)
      .map((a) => a.trim())
      .filter(Boolean),
  );
}

function trimEnds(body: string, quoted: boolean): { body: string; lead: number } {
  if (quoted) return { body, lead: 0 };
  let lead = 0;
  const m = LEAD_VERB.exec(body.split(new RegExp(DASH))[0] ?? '');
  if (m) lead = m[0].length;
  let b = body.slice(lead);
  const tail = /(?:(?:协同|融合|联动|一体化)?发展|的|等|产业链|全产业链|一体化)[^—\-－–―]*$/.exec(b);
  if (tail) b = b.slice(0, tail.index);
  return { body: b, lead };
}

function kindOf(segments: string[][]): Chain['kind'] {
  const all = segments.flat();
  return all.every((s) => PLACE_END.test(s)) ? 'spatial' : 'value';
}

/** Chains written with dashes in a paragraph, quoted (“A-B-C”) or not (`A—B—C、D—E的全产业链`). */
export function chainsIn(text: string, p: Paragraph, damaged: readonly Span[]): FoundChain[] {
  const out: FoundChain[] = [];
  const taken: Array<[number, number]> = [];
  const push = (from: number, to: number, body: string, quoted: boolean, after: number) => {
    const { body: b, lead } = trimEnds(body, quoted);
    const segments = segmentsOf(b);
    if (segments.length < 2 || segments.some((s) => s.length === 0)) return;
    if (!quoted && segments.length < 3) return;
    const span = spanOf(p, from + lead, from + lead + b.length);
    if (isDamaged(damaged, span.start, span.end)) return;
    taken.push([from, to]);
    out.push({ kind: kindOf(segments), segments, source: source(text, span), after });
  };
  for (const m of p.text.matchAll(QUOTED_RE)) {
    const from = (m.index ?? 0) + 1;
    push(from, from + (m[1] as string).length, m[1] as string, true, (m.index ?? 0) + m[0].length);
  }
  for (const m of p.text.matchAll(CHAIN_RE)) {
    const from = m.index ?? 0;
    const to = from + m[0].length;
    if (taken.some(([a, b]) => from < b && a < to)) continue;
    push(from, to, m[0], false, to);
  }
  return out.sort((a, b) => a.source.start - b.source.start);
}
