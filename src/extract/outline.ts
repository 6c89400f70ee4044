import { parseChineseInteger } from '../text/numerals.ts';

export type OutlineKind = 'chapter' | 'section' | 'box';

/** One node of a plan's outline; offsets are into the normalised text, `end` exclusive. */
export interface OutlineNode {
  kind: OutlineKind;
  level: 1 | 2 | 3;
  number: string;
  ordinal: number;
  title: string;
  start: number;
  end: number;
  /** Offset where the heading line ends and the body begins. */
  bodyStart: number;
  children: OutlineNode[];
}

interface Heading {
  kind: OutlineKind;
  number: string;
  ordinal: number;
  title: string;
  start: number;
  lineEnd: number;
  /** Next non-blank line is also a heading: typical of a table of contents. */
  followedByHeading: boolean;
}

const NUM = '[一二三四五六七八九十百零〇两\\d０-９]+';
const CHAPTER_RE = new RegExp(`^第\\s*(${NUM})\\s*章(?:\\s+|(?=[^\\s]))(.*)$`);
const SECTION_RE = new RegExp(`^第\\s*(${NUM})\\s*节(?:\\s+|(?=[^\\s]))(.*)$`);
const BOX_RE = /^专栏\s*([\d０-９]+)(?:\s*[:：]?\s*)(.*)$/;
/** TOC lines often end with dot leaders and a page number. */
const LEADER_RE = /[\s.…·．。-]{2,}\d+$|\s+\d+$/;
const MAX_TITLE = 60;

function parseHeadingLine(line: string): Omit<Heading, 'start' | 'lineEnd' | 'followedByHeading'> | null {
  const trimmed = line.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_TITLE + 8) return null;
  const tryRe = (re: RegExp, kind: OutlineKind, unit: string) => {
    const m = re.exec(trimmed);
    if (!m) return null;
    const ordinal = parseChineseInteger(m[1] as string);
    if (ordinal === null || ordinal === 0) return null;
    const title = (m[2] ?? '').replace(LEADER_RE, '').replace(/\s+/g, ' ').trim();
    if (/[。；;]$/.test(title)) return null;
    const number = kind === 'box' ? `专栏${ordinal}` : `第${(m[1] as string).replace(/\s/g, '')}${unit}`;
    return { kind, number, ordinal, title };
  };
  return tryRe(CHAPTER_RE, 'chapter', '章') ?? tryRe(SECTION_RE, 'section', '节') ?? tryRe(BOX_RE, 'box', '');
}

function scanHeadings(text: string): Heading[] {
  const headings: Heading[] = [];
  let offset = 0;
  let pendingPrev: Heading | null = null;
  for (const line of text.split('\n')) {
    const lineStart = offset;
    offset += line.length + 1;
    if (line.trim().length === 0) continue;
    const parsed = parseHeadingLine(line);
    if (pendingPrev) {
      pendingPrev.followedByHeading = parsed !== null && parsed.kind !== 'box';
      pendingPrev = null;
    }
    if (!parsed) continue;
    const lead = line.length - line.trimStart().length;
    const h: Heading = {
      ...parsed,
      start: lineStart + lead,
      lineEnd: lineStart + line.length,
      followedByHeading: false,
    };
    headings.push(h);
    pendingPrev = h;
  }
  return headings;
}

/**
 * The table of contents is a run of chapter/section headings with nothing between them, whose
 * entries appear again in the body. Such runs are dropped; a page break inside a TOC just makes
 * two runs, both dropped.
 */
const MIN_TOC_RUN = 4;
const LONG_TOC_RUN = 8;

function dropTableOfContents(headings: Heading[]): Heading[] {
  const runs: Heading[][] = [];
  let run: Heading[] = [];
  for (const h of headings) {
    run.push(h);
    if (!h.followedByHeading) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length) runs.push(run);
  const kept: Heading[] = [];
  for (const [i, r] of runs.entries()) {
    const later = runs.slice(i + 1).flat();
    const laterKeys = new Set(later.map((h) => `${h.kind}:${h.ordinal}:${h.title.replace(/\s/g, '')}`));
    const repeated = r.filter((h) => laterKeys.has(`${h.kind}:${h.ordinal}:${h.title.replace(/\s/g, '')}`)).length;
    // A long run is a TOC even when the body it lists is missing (an excerpt of a plan).
    const isToc = r.length >= LONG_TOC_RUN || (r.length >= MIN_TOC_RUN && repeated >= r.length / 2);
    if (!isToc) kept.push(...r);
  }
  return kept;
}

function makeNode(h: Heading, level: 1 | 2 | 3): OutlineNode {
  return {
    kind: h.kind,
    level,
    number: h.number,
    ordinal: h.ordinal,
    title: h.title,
    start: h.start,
    end: h.start,
    bodyStart: h.lineEnd,
    children: [],
  };
}

/** Extract the outline (chapters → sections → boxes) from normalised plan text. */
export function extractOutline(text: string): OutlineNode[] {
  const headings = dropTableOfContents(scanHeadings(text));
  const chapters: OutlineNode[] = [];
  let chapter: OutlineNode | null = null;
  let section: OutlineNode | null = null;
  let lastBox: OutlineNode | null = null;
  const flat: OutlineNode[] = [];

  for (const h of headings) {
    if (h.kind === 'chapter') {
      chapter = makeNode(h, 1);
      section = null;
      lastBox = null;
      chapters.push(chapter);
      flat.push(chapter);
    } else if (h.kind === 'section') {
      if (!chapter) continue;
      section = makeNode(h, 2);
      lastBox = null;
      chapter.children.push(section);
      flat.push(section);
    } else {
      // A box printed across a page break repeats its heading: keep one node.
      if (lastBox && lastBox.ordinal === h.ordinal) continue;
      const parent = section ?? chapter;
      if (!parent) continue;
      lastBox = makeNode(h, 3);
      parent.children.push(lastBox);
      flat.push(lastBox);
    }
  }
  assignEnds(chapters, text.length);
  return chapters;
}

/** A node ends where the next node of the same or a higher level begins. */
function assignEnds(nodes: OutlineNode[], parentEnd: number): void {
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as OutlineNode;
    const next = nodes[i + 1];
    node.end = next ? next.start : parentEnd;
    assignEnds(node.children, node.end);
  }
}

/** Depth-first list of all nodes, parents before children. */
export function flattenOutline(nodes: OutlineNode[]): OutlineNode[] {
  const out: OutlineNode[] = [];
  const walk = (list: OutlineNode[]) => {
    for (const n of list) {
      out.push(n);
      walk(n.children);
    }
  };
  walk(nodes);
  return out;
}
