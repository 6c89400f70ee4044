import { foldWidth } from '../text/numerals.ts';
import type { Span } from '../text/types.ts';
import { capacitiesOf } from './capacity.ts';
import type { OutlineNode } from './outline.ts';
import { type Gazetteer, learnGazetteer, placeOf } from './places.ts';
import type { ProjectBox, ProjectGroup, ProjectItem } from './schema.ts';
import { ENUMERATED, isDamaged, type Paragraph, paragraphs, source, spanOf } from './text.ts';

const PROJECT_BOX_TITLE = /(?:重大|重点)[\u4e00-\u9fa5]{0,6}?(?:工程|项目)|工程包|项目库/;

/** Words a project name ends with; a fragment ending otherwise continues into the next one. */
const NAME_END = new RegExp(
  `(?:${[
    '项目|工程|园区?|基地|中心|平台|站|场|馆|厂|库|院|校|室|所|网|港|城|村|镇|街|楼|机场|区|集群|枢纽|小镇|景区|营地|市场|商圈|综合体',
    '建设|改造|扩建|改扩建|迁建|新建|搬迁|提升|升级|治理|修复|保护|利用|开发|整治|配套|创建|打造',
    '设施|系统|体系|示范|服务|行动|计划|车间|工厂|基站|大学|学院|医院|学校|幼儿园|小学|中学',
    '生产线|产线|专线|连接线|联络线|干线|管道|管网|公路|高速|铁路|大桥|大道|水库|渠|堤|灌区|廊道|通道|带',
    '技术|制剂|车|锅炉|戏台|实验室|研究中心',
  ].join('|')})$`,
);
const GROUP_TITLE_MAX = 30;

interface Fragment {
  from: number;
  to: number;
  text: string;
}

/** Split at `、` and `；` (and `。` between sentences), keeping paragraph offsets. */
function fragments(p: Paragraph, from: number, to: number): Fragment[] {
  const out: Fragment[] = [];
  let s = from;
  let depth = 0;
  for (let i = from; i <= to; i++) {
    const ch = p.text[i];
    // `临猗县第一（二、三）实验小学`: a list inside brackets is part of the name.
    if (ch === '（' || ch === '(') depth++;
    if ((ch === '）' || ch === ')') && depth > 0) depth--;
    if (i === to || (depth === 0 && (ch === '、' || ch === '；' || ch === '。' || ch === ';'))) {
      if (i > s) out.push({ from: s, to: i, text: p.text.slice(s, i) });
      s = i + 1;
    }
  }
  return out;
}

/**
 * A fragment is a whole name when it ends like one. Otherwise it is part of a list inside one name
 * (`运城联通、运城移动、运城电信的 5G 基站建设项目`, `200 万吨冷轧卷板、80 万吨冷轧带钢、100 万吨钢管项目`).
 */
function continues(cur: Fragment, next: Fragment, p: Paragraph): boolean {
  const t = foldWidth(cur.text).replace(/\s+/g, '');
  if (NAME_END.test(t)) return false;
  if (p.text[cur.to] === '。') return false;
  const n = foldWidth(next.text).replace(/\s+/g, '');
  const short = t.length <= 8;
  const qtyNext = /^[\d.×x]+[万亿千百]?(吨|台|套|件|平方米|平米|亩|头|千瓦|兆瓦|MW|只|辆)/.test(n);
  // `缸体、缸盖…`: parallel parts of one name share their head character.
  const sharedHead = t.length >= 2 && t[t.length - 2] === n[0];
  const shortNext = n.length <= 6 && !NAME_END.test(n);
  return short || qtyNext || sharedHead || shortNext || t.includes('的');
}

function mergeFragments(frs: Fragment[], p: Paragraph): Fragment[] {
  const out: Fragment[] = [];
  let cur: Fragment | null = null;
  for (let i = 0; i < frs.length; i++) {
    const f = frs[i] as Fragment;
    cur = cur ? { from: cur.from, to: f.to, text: p.text.slice(cur.from, f.to) } : f;
    const next = frs[i + 1];
    if (next && continues(f, next, p)) continue;
    out.push(cur);
    cur = null;
  }
  return out;
}

function cleanItemName(s: string): string {
  return s
    .trim()
    .replace(/^(?:建设|续建|新建|实施|推进|加快推进|重点|包括)\s*/, '')
    .replace(/\s*等+$/, '')
    .trim();
}

function toItem(text: string, p: Paragraph, f: Fragment, g: Gazetteer, damaged: readonly Span[]): ProjectItem | null {
  const lead = f.text.length - f.text.trimStart().length;
  const name = cleanItemName(f.text);
  if (name.length < 2) return null;
  const span = spanOf(p, f.from + lead, f.to);
  const { county, zone } = placeOf(name, g);
  const capacity = isDamaged(damaged, span.start, span.end) ? [] : capacitiesOf(name);
  return { name, county, zone, capacity, alsoIn: [], source: source(text, span) };
}

/** One paragraph of a box: `组名。项目、项目、……等。`, or a bare list without a group title. */
function toGroup(text: string, p: Paragraph, g: Gazetteer, damaged: readonly Span[]): ProjectGroup {
  const lead = ENUMERATED.exec(p.text)?.[0].length ?? 0;
  // The group title ends at the first 。 (or ：, as some plans write `新能源汽车：…`).
  const stop = p.text.search(/[。：:]/);
  const head = stop > 0 ? p.text.slice(lead, stop) : '';
  const titled = stop > 0 && stop <= GROUP_TITLE_MAX && !/[，、；]/.test(head) && stop < p.text.length - 1;
  const bodyFrom = titled ? stop + 1 : lead;
  const frs = mergeFragments(fragments(p, bodyFrom, p.text.length), p);
  const items = frs.map((f) => toItem(text, p, f, g, damaged)).filter((i): i is ProjectItem => i !== null);
  return { title: titled ? head.trim() : null, items, source: source(text, { start: p.start, end: p.end }) };
}

const keyOf = (name: string) => name.replace(/\s+/g, '').replace(/(建设)?(项目|工程)$/, '');

const MIN_SHARED_NAME = 10;

/** Same project: equal names, or one name (of at least 10 characters, not a generic task) inside the other. */
const sameProject = (a: string, b: string) =>
  a === b || (a.length >= MIN_SHARED_NAME && b.includes(a)) || (b.length >= MIN_SHARED_NAME && a.includes(b));

/** Mark every item with the other boxes that name the same project. */
function linkRepeats(boxes: ProjectBox[]): void {
  const all = boxes.flatMap((b) =>
    b.groups.flatMap((g) => g.items.map((i) => ({ box: b.box, item: i, key: keyOf(i.name) }))),
  );
  for (const a of all) {
    const boxesWith = all.filter((b) => b.box !== a.box && sameProject(a.key, b.key)).map((b) => b.box);
    a.item.alsoIn = [...new Set(boxesWith)];
  }
}

/**
 * A paragraph of running prose (more `，` than `、`, no group title) is not a project list: in a
 * plan without a closing mark for boxes, it is the text that follows the box.
 */
export function isProse(p: Paragraph): boolean {
  const commas = (p.text.match(/，/g) ?? []).length;
  const enums = (p.text.match(/、/g) ?? []).length;
  const titled = /^[^，、。]{2,30}。/.test(p.text);
  return !titled && commas >= 2 && commas > enums;
}

/** Every box whose title says 重大工程/重大项目/重点项目, with its groups and items. */
export function extractProjectBoxes(text: string, boxes: OutlineNode[], damaged: readonly Span[] = []): ProjectBox[] {
  const g = learnGazetteer(text);
  const out: ProjectBox[] = [];
  for (const box of boxes) {
    if (!PROJECT_BOX_TITLE.test(box.title)) continue;
    const paras = paragraphs(text, box.bodyStart, box.end).filter((p) => !p.text.includes('\t') && !isProse(p));
    const groups = paras.map((p) => toGroup(text, p, g, damaged)).filter((gr) => gr.items.length > 0);
    out.push({
      box: box.number,
      title: box.title,
      groups,
      source: source(text, { start: box.start, end: box.bodyStart }),
    });
  }
  linkRepeats(out);
  return out;
}
