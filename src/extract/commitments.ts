import { foldWidth, NUMBER_PATTERN, parseChineseInteger, parseNumberRange } from '../text/numerals.ts';
import type { Span } from '../text/types.ts';
import type { OutlineNode } from './outline.ts';
import { isProse } from './projects.ts';
import type { Commitment } from './schema.ts';
import { isDamaged, type Paragraph, paragraphs, sentences, source, spanOf } from './text.ts';

const COUNTER = '个|家|项|名|人次|人|户|所|座|条|处|台|套|件|张|床|辆|栋|批|支|场|次|篇|部|只|头';
const MEASURE = `%|‰|个百分点|公斤|千克|立方米|公里|千米|万元|亿元|元|吨|亩|公顷|平方米|千瓦|兆瓦|倍|${COUNTER}`;
const QTY = new RegExp(
  `(${NUMBER_PATTERN}(?:\\s*[-—~～至到]\\s*${NUMBER_PATTERN})?)\\s*(万亿|万|亿)?\\s*(${MEASURE})?\\s*(左右|以上|以内|以下|多)?`,
  'g',
);
const VERB =
  /达到|实施|新增|吸引|引进|建成|建设|新建|增长|提高到|提高|提升到|提升|控制在|保持在|稳定在|不低于|不少于|超过|突破|累计|完成|培育|打造|谋划推进|推进|改造|实现|增加|减少|降低|下降|降至|培训|创建|招引|开工|落地|争取|认定|扶持/g;

/** The last promise verb before the quantity. */
function lastVerb(before: string): { index: number; verb: string } | null {
  let found: { index: number; verb: string } | null = null;
  for (const m of before.matchAll(VERB)) found = { index: m.index ?? 0, verb: m[0] };
  return found;
}
const MAX_VERB_GAP = 16;

/**
 * Not a quantity: `一批`/`一座` (a batch, a city), `千亿级` (a class), `第一个`, quoted codes
 * (`“1311”`), `5G`, or a bare number without unit.
 */
function isVague(m: RegExpMatchArray, before: string, after: string): boolean {
  const num = m[1] as string;
  if (!m[3] && !m[2]) return true;
  if (m[3] === '批' || (num === '一' && !m[2] && m[3] && COUNTERS.test(m[3]))) return true;
  if (/^[百千]/.test(num) || /^[零〇]$/.test(num) || /^级/.test(after) || /第$/.test(before)) return true;
  return /[“"][^”"]*$/.test(before) || /^[A-Za-z]/.test(after);
}

const COUNTERS = new RegExp(`^(?:${COUNTER})$`);

interface Period {
  start: number;
  end: number;
}

/** `第十四个五年` / `“十四五”` → 2021–2025 (plans from the 3rd on start in 1966 + 5(n−3)). */
export function planPeriod(text: string): Period | null {
  const head = foldWidth(text.slice(0, 5000));
  const span = /(20\d{2})\s*[-—–～~至到]\s*(20\d{2})\s*年/.exec(head);
  if (span && Number(span[2]) - Number(span[1]) === 4) return { start: Number(span[1]), end: Number(span[2]) };
  const m = /第([一二三四五六七八九十]+)个五年|[“"]([一二三四五六七八九十]+)五[”"]/.exec(head);
  const n = m ? parseChineseInteger((m[1] ?? m[2]) as string) : null;
  if (!n || n < 3) return null;
  const start = 1966 + 5 * (n - 3);
  return { start, end: start + 4 };
}

function comparatorOf(before: string, after: string | undefined): Commitment['comparator'] {
  if (after === '左右') return 'approx';
  if (after === '以上' || after === '多' || /不低于|不少于|突破$/.test(before)) return '>=';
  if (/超过$/.test(before)) return '>';
  if (after === '以内' || after === '以下' || /控制在|不超过|不高于|降至/.test(before)) return '<=';
  return '=';
}

function deadlineOf(sentence: string, period: Period | null): number | null {
  const s = foldWidth(sentence);
  const m = /到\s*(20\d{2})\s*年|(20\d{2})\s*年(?:前|底|末)/.exec(s);
  if (m) return Number(m[1] ?? m[2]);
  if (period && /[“"]十[一二三四五六七八九]五[”"](?:期间|末|时期)|规划期(?:内|末)/.test(s)) return period.end;
  return null;
}

function frequencyOf(prefix: string): string | null {
  if (/每年|年均|逐年/.test(prefix)) return 'annual';
  if (/每季度?/.test(prefix)) return 'quarterly';
  if (/每月/.test(prefix)) return 'monthly';
  // `每个县（市、区）`, `各县（市、区）`: the promise holds for each unit.
  const per = /(?:每(?:个|一个)?|各)((?:县|市|区|乡|镇|村|街道|部门|开发区|园区)(?:（[^）]*）)?)/.exec(prefix);
  return per ? `per:${per[1]}` : null;
}

/** Is this sentence about the past (a year before the plan) rather than a promise? */
function isRetrospective(sentence: string, period: Period | null): boolean {
  if (!period) return false;
  const years = [...foldWidth(sentence).matchAll(/(20\d{2}|19\d{2})\s*年/g)].map((m) => Number(m[1]));
  return years.some((y) => y < period.start) && !years.some((y) => y >= period.start);
}

const CLEAN_SUBJECT =
  /^(?:[，、\s]|到\s*20\d{2}\s*年[底末]?|[“"]十[一二三四五六七八九]五[”"](?:期间|时期|末)?|力争|确保|努力|争取|在全市|全市|全年|每年|重点|着力|持续|不断|年均|累计|其中|再|共|的)+/;
const clean = (s: string) =>
  s
    .replace(/\s+/g, ' ')
    .replace(CLEAN_SUBJECT, '')
    .replace(/(?:每年|年均)$/, '')
    .replace(/[，、：:]$/, '')
    .trim();

export type { Period };

type Verb = { index: number; verb: string };
type Found = Omit<Commitment, 'source'>;

/** After a counter the object follows (`100 个…项目`); after a measure it came before the number. */
function subjectOf(folded: string, at: number, len: number, vm: Verb | null, unit: string | undefined): string {
  const after = clean(folded.slice(at + len).split(/[、，；。]/)[0] ?? '');
  const mid = vm ? clean(folded.slice(vm.index + vm.verb.length, at)) : '';
  const pre = vm ? clean(folded.slice(0, vm.index)) : '';
  const counted = unit !== undefined && COUNTERS.test(unit);
  return counted && after ? after : mid || after || pre;
}

/** Quantified promises in one clause: a verb, then one or more quantities listed with 、. */
function inClause(clause: string, deadline: number | null): Found[] {
  const out: Found[] = [];
  const folded = foldWidth(clause);
  let verbSeen = false;
  for (const m of folded.matchAll(QTY)) {
    const at = m.index ?? 0;
    const before = folded.slice(0, at);
    if (isVague(m, before, folded.slice(at + m[0].length))) continue;
    const near = lastVerb(before);
    // The verb governs the quantity only when it is close: `每年实施 100 个`, `新增各类市场主体15%`.
    const vm = near && at - (near.index + near.verb.length) <= MAX_VERB_GAP ? near : null;
    if (!vm && !(verbSeen && /、\s*$/.test(before))) continue;
    if (vm) verbSeen = true;
    const range = parseNumberRange(`${m[1]}${m[2] ?? ''}`);
    const subject = subjectOf(folded, at, m[0].length, vm, m[3]);
    if (!range || !subject) continue;
    out.push({
      subject,
      value: range.min,
      valueMax: range.max === range.min ? null : range.max,
      valueText: clause.slice(at, at + m[0].length).trim(),
      unit: m[3] ?? null,
      comparator: comparatorOf(before, m[4]),
      frequency: frequencyOf(before),
      deadline,
    });
  }
  return out;
}

function inParagraph(text: string, p: Paragraph, period: Period | null, damaged: readonly Span[]): Commitment[] {
  const out: Commitment[] = [];
  for (const s of sentences(p)) {
    if (isRetrospective(s.text, period)) continue;
    const span = spanOf(p, s.from, s.to);
    if (isDamaged(damaged, span.start, span.end)) continue;
    let upTo = 0;
    for (const clause of s.text.split(/[，；。]/)) {
      upTo += clause.length + 1;
      // A deadline stated earlier in the sentence or in the clause itself.
      const deadline = deadlineOf(s.text.slice(0, upTo), period);
      for (const c of inClause(clause, deadline)) out.push({ ...c, source: source(text, span) });
    }
  }
  return out;
}

/** Sections that look back on the last plan: their numbers are results, not promises. */
const REVIEW_TITLE = /成就|回顾|成效|总结|发展基础|现状|短板|机遇|挑战|发展环境/;

/** Quantified commitments in the plan's prose (not in boxes, tables or the review of the last plan). */
export function extractCommitments(
  text: string,
  nodes: OutlineNode[],
  damaged: readonly Span[] = [],
  tableBoxes: ReadonlySet<string> = new Set(),
): Commitment[] {
  const period = planPeriod(text);
  const boxes = nodes.filter((n) => n.kind === 'box');
  const indicatorBoxes = nodes.filter((n) => n.kind === 'box' && tableBoxes.has(n.number));
  const firstChapter = nodes.find((n) => n.kind === 'chapter');
  const bodyStart = firstChapter?.start ?? 0;
  const review = nodes.filter((n) => n.kind === 'section' && REVIEW_TITLE.test(n.title));
  const out: Commitment[] = [];
  for (const p of paragraphs(text, bodyStart)) {
    // Prose in a box counts; table rows and project lists (whose figures are capacities) do not.
    if (p.text.includes('\t') || indicatorBoxes.some((b) => p.start >= b.start && p.start < b.end)) continue;
    if (!isProse(p) && boxes.some((b) => p.start >= b.start && p.start < b.end)) continue;
    if (review.some((r) => p.start >= r.start && p.start < r.end)) continue;
    if (/^第\s*\S+\s*[章节]/.test(p.text)) continue;
    out.push(...inParagraph(text, p, period, damaged));
  }
  return out;
}
