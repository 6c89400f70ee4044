import { foldWidth } from '../text/numerals.ts';
import type { Span } from '../text/types.ts';
import type { Source } from './schema.ts';
import { isDamaged, paragraphs, sentences, spanOf } from './text.ts';

/**
 * Quantitative facts stated in news, speeches and work reports (issue 5: "values arrive … from the
 * news and reports that state them"): `全市签约项目301个，总投资2335.44亿元`, `由2020年的106户增加到261户`,
 * `力争2023年新能源装机占比达到50%以上`. Each fact keeps the sentence and the number as offsets into
 * the normalised text, the period it refers to and the region it is about. Pure.
 *
 * Only Arabic figures are read: in news and reports statistics are written in digits, while Chinese
 * numerals are slogans and lists (`五个一`, `十大重点产业链`, `两天的考察`), never measurements.
 */

export interface FactRegionInput {
  code: string;
  name: string;
  parentCode: string | null;
}

export interface FactOptions {
  /** Known regions (GB/T 2260) to resolve `全市`, county names and their short forms. */
  regions: readonly FactRegionInput[];
  /** The document's date when known (`2024`, `2024-01`, `2024-01-05`); otherwise read from the text. */
  documentDate?: string | null | undefined;
  /** The city `全市`/`我市` means; otherwise the city the text names most often. */
  cityCode?: string | null | undefined;
  /** Spans ingestion could not repair: no fact is read there. */
  damaged?: readonly Span[] | undefined;
  /** Page furniture (page numbers, editors' names): skipped. */
  furniture?: readonly Span[] | undefined;
}

export type FactKind = 'actual' | 'target';
export type FactMeasure = 'level' | 'growth' | 'change';
export type Comparator = '=' | '>' | '>=' | '<' | '<=' | '≈';

export interface FactPeriod {
  /** What the text says: `2023年三季度`, `去年上半年`, `2020年`. */
  text: string;
  granularity: 'year' | 'half' | 'quarter' | 'month' | 'day' | 'since';
  year: number;
  /** `2023`, `2023H1`, `2023Q3`, `2023-08`, `2023-08-08`, `2021-` (since 2021). */
  code: string;
  /** A period the value service stores (`2023`, `2023Q3`, `2023-08`), or null (a half year, a span). */
  valuePeriod: string | null;
  /** `截至…`: a running figure up to the end of the period. */
  toDate: boolean;
  /** `stated` in full, or `relative` (`去年`, `8月8日`) and resolved against the document's date. */
  basis: 'stated' | 'relative';
}

export interface FactRegion {
  code: string;
  name: string;
  /** `stated` in the sentence (`芮城县`, `全市`), or the document's city taken by default. */
  /**
   * `stated` in the sentence (`芮城县`, `全市`); `heading` from the speaker's line above the paragraph
   * (`稷山经济技术开发区党工委书记 郝冰`); else the document's city.
   */
  basis: 'stated' | 'heading' | 'document';
}

export interface Fact {
  /** Stable within a document: the number's start offset. */
  id: string;
  subject: string;
  value: number;
  /** As written, multiplier included: `%`, `户`, `亿元`, `万名`. */
  unit: string;
  valueText: string;
  comparator: Comparator;
  kind: FactKind;
  measure: FactMeasure;
  /** For a growth figure: `增长` or `下降`. */
  change: 'increase' | 'decrease' | null;
  /**
   * For a growth figure: over its `period` alone, a yearly `average` (`年均增长5.8%`), or `cumulative`
   * since an earlier value (`由2015年的8718元增加到2020年的12947元，增长48.5%`, `五年增长27.4%`).
   */
  growthBasis: 'period' | 'average' | 'cumulative' | null;
  period: FactPeriod | null;
  region: FactRegion | null;
  /** The earlier value of a `由…增加到…` statement, itself a fact with its own period. */
  fromFactId: string | null;
  sentence: Source;
  number: Source;
}

export interface FactExtraction {
  documentDate: { value: string; basis: 'given' | 'latest_year_in_text' } | null;
  city: { code: string; name: string } | null;
  facts: Fact[];
}

const UNIT =
  '个百分点|%|‰|万亿元|亿元|万元|元|亿美元|万美元|美元|万吨标准煤|吨标准煤|万吨|吨|万千瓦|千瓦|兆瓦|万亩|亩|公顷|平方公里|平方米|立方米|公里|千米|万人次|人次|万人|万名|人|名|个|家|户|项|座|所|条|处|台|套|件|张|床|辆|栋|批|倍|县';
/** A figure: digits, then `多`/`余`, a multiplier and a unit. Thousands separators are folded away first. */
const QTY = new RegExp(
  `(\\d+(?:\\.\\d+)?) ?(多|余)?(?:(万亿|万|亿)?(${UNIT})|(亿|万亿)(?![\\u4e00-\\u9fa5]*[元吨]))(以上|以下|以内|左右)?`,
  'g',
);

/** Words before a figure that make it a promise or an expectation, not a result. */
const TARGET =
  /力争|争取|目标|预计|有望|确保|冲刺|年内|(?:^|[，,。；\s])到\s*\d{4}\s*年|到[“"]十[一二三四五六七八九]五[”"]末|规划期末/;
/** Weaker words that make a promise only within their own clause: `年产值将达到24亿元`, `再打造40个`. */
const CLAUSE_TARGET = /将|要|(?<!成功|已经|已|累计)打造|再建|每县|每个县/;
/** `由2020年的106户增加到261户` (time blanked): the figure after `由` is the earlier value. */
const FROM = /由\s*的?\s*$/;
const CHANGE_TO = /由.*(?:增加|增长|上升|提高|提升|下降|降低|减少|扩大)(?:到|至)\s*$/;
const GROWTH_BEFORE = /(?:同比|年均|累计)?(?:增长|增加|提高|提升|上升|下降|降低|减少)\s*$/;
const VERBS =
  /达到|达|为|完成|实现|突破|超过|累计|新增|建成|建设|实施|启动|引进|培育|打造|增加到|增加至|提高到|提升到|上升至|上升到|下降到|降至|增长|增加|提高|提升|下降|降低|减少|共|有/g;
const BARE_MEASURE = /^(?:总投资|投资|总产值|产值|营收|营业收入|总额|规模)$/;

/** A speaker's line in a series of statements: `永济市委书记 何 伟`, `稷山经济技术开发区党工委书记、管委会主任 郝冰`. */
const BYLINE = /书记|局长|主任|县长|市长|区长|董事长|总经理/;

interface TimeMark {
  at: number;
  end: number;
  period: FactPeriod;
}

function inferDocumentDate(text: string): FactExtraction['documentDate'] {
  let latest = 0;
  for (const m of foldWidth(text).matchAll(/(?<!\d)((?:19|20)\d{2})\s*年/g)) latest = Math.max(latest, Number(m[1]));
  return latest ? { value: String(latest), basis: 'latest_year_in_text' } : null;
}

const QUARTERS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

function period(
  text: string,
  granularity: FactPeriod['granularity'],
  year: number,
  index: number | null,
  basis: FactPeriod['basis'],
  toDate: boolean,
  day?: number,
): FactPeriod {
  const mm = String(index ?? 0).padStart(2, '0');
  const code =
    granularity === 'year'
      ? String(year)
      : granularity === 'half'
        ? `${year}H${index}`
        : granularity === 'quarter'
          ? `${year}Q${index}`
          : granularity === 'month'
            ? `${year}-${mm}`
            : granularity === 'day'
              ? `${year}-${mm}-${String(day).padStart(2, '0')}`
              : `${year}-`;
  const valuePeriod =
    granularity === 'year' || granularity === 'quarter'
      ? code
      : granularity === 'month' || granularity === 'day'
        ? `${year}-${mm}`
        : null;
  return { text, granularity, year, code, valuePeriod, toDate, basis };
}

/** Every time expression of a sentence, in order; relative ones need the document's year. */
function timeMarks(s: string, docYear: number | null): TimeMark[] {
  const out: TimeMark[] = [];
  const re =
    /(截至|截止到?)?\s*(?:((?:19|20)\d{2})\s*年|(去年|今年|上年|前年|年内|全年))\s*(?:(?:第)?([一二三四1-4])\s*季度|([上下])半年|(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?|(以来))?|(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*日|[“"]十([一二三四五六七八九])五[”"]末/g;
  for (const m of s.matchAll(re)) {
    const at = m.index ?? 0;
    const end = at + m[0].length;
    const toDate = Boolean(m[1]);
    const t = m[0].trim();
    if (m[11] !== undefined) {
      // `十四五末`: the plan period's last year (the 14th plan runs 2021–2025).
      const n = '一二三四五六七八九'.indexOf(m[11]) + 11;
      out.push({ at, end, period: period(t, 'year', 1966 + 5 * (n - 3) + 4, null, 'stated', false) });
      continue;
    }
    if (m[9] !== undefined) {
      if (docYear === null) continue;
      out.push({ at, end, period: period(t, 'day', docYear, Number(m[9]), 'relative', false, Number(m[10])) });
      continue;
    }
    let year: number;
    let basis: FactPeriod['basis'] = 'stated';
    if (m[2]) year = Number(m[2]);
    else {
      if (docYear === null) continue;
      basis = 'relative';
      const word = m[3] as string;
      year = word === '去年' || word === '上年' ? docYear - 1 : word === '前年' ? docYear - 2 : docYear;
    }
    if (m[4]) out.push({ at, end, period: period(t, 'quarter', year, QUARTERS[m[4]] ?? 1, basis, toDate) });
    else if (m[5]) out.push({ at, end, period: period(t, 'half', year, m[5] === '上' ? 1 : 2, basis, toDate) });
    else if (m[6]) {
      const p = m[7]
        ? period(t, 'day', year, Number(m[6]), basis, toDate, Number(m[7]))
        : period(t, 'month', year, Number(m[6]), basis, toDate);
      out.push({ at, end, period: p });
    } else if (m[8]) out.push({ at, end, period: period(t, 'since', year, null, basis, toDate) });
    else out.push({ at, end, period: period(t, 'year', year, null, basis, toDate) });
  }
  return out;
}

interface RegionName {
  name: string;
  code: string;
  full: string;
}

/** Short forms (`芮城` for 芮城县) only where they are not also common words (`盐湖`, `和顺`). */
const AMBIGUOUS_STEMS = new Set(['盐湖', '和顺', '平遥', '太谷', '灵石', '左权', '寿阳']);

function regionNames(regions: readonly FactRegionInput[]): RegionName[] {
  const out: RegionName[] = [];
  for (const r of regions) {
    out.push({ name: r.name, code: r.code, full: r.name });
    // A province's short form names its firms (`山西建龙`), not the province.
    const stem = r.name.replace(/(?:市|县|区)$/, '');
    if (stem.length >= 2 && stem !== r.name && !AMBIGUOUS_STEMS.has(stem))
      out.push({ name: stem, code: r.code, full: r.name });
  }
  // Longest first: 新绛县 before 绛县, 运城市 before 运城.
  return out.sort((a, b) => b.name.length - a.name.length);
}

/** Region mentions in a sentence, non-overlapping, longest first at each position. */
function regionMentions(s: string, names: RegionName[]): Array<{ at: number; code: string; full: string }> {
  const out: Array<{ at: number; code: string; full: string }> = [];
  // One alternation, longest names first: the regex engine scans the text once (a 245 KB report too).
  let index = NAME_INDEX.get(names);
  if (!index) {
    index = {
      re: new RegExp(names.map((n) => n.name).join('|'), 'g'),
      byName: new Map(names.map((n) => [n.name, n])),
    };
    NAME_INDEX.set(names, index);
  }
  if (names.length === 0) return out;
  for (const m of s.matchAll(index.re)) {
    const hit = index.byName.get(m[0]);
    if (hit) out.push({ at: m.index ?? 0, code: hit.code, full: hit.full });
  }
  return out;
}

const NAME_INDEX = new WeakMap<RegionName[], { re: RegExp; byName: Map<string, RegionName> }>();

/** The city the text is about: the one named most often, with its counties counting for it. */
function inferCity(text: string, regions: readonly FactRegionInput[], names: RegionName[]) {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const counts = new Map<string, number>();
  for (const m of regionMentions(text, names)) {
    const r = byCode.get(m.code);
    const city =
      r?.code.endsWith('00') && !r.code.endsWith('0000') ? r : r?.parentCode ? byCode.get(r.parentCode) : undefined;
    if (city && !city.code.endsWith('0000')) counts.set(city.code, (counts.get(city.code) ?? 0) + 1);
  }
  let best: FactRegionInput | null = null;
  let n = 0;
  for (const [code, c] of counts) {
    if (c > n) {
      n = c;
      best = byCode.get(code) ?? null;
    }
  }
  return best ? { code: best.code, name: best.name } : null;
}

const LEAD =
  /^(?:[，、,：:\s]|其中|同时|此外|比|较|全市|我市|本市|全县|全区|全省|市|共计|共|累计|已经|已|通过|实现|完成|建设|启动|实施|加快|加大|推进|迈向|力争|争取|确保|预计|有望|有|对|在|为|把|将|的)+/;
const TRAIL = /(?:的|达到|达|为|分别为|分别|共|约|近|超|共计|建设|总数|数|全部|将|力争|有望|要|预计)$/;

function cleanSubject(s: string): string {
  let t = s.replace(/[“”"《》]/g, '').trim();
  for (let i = 0; i < 3; i++) t = t.replace(LEAD, '').replace(TRAIL, '').trim();
  return t;
}

/** Text of a clause with the time expressions blanked (same length, so positions stay valid). */
function withoutTimes(s: string, marks: TimeMark[]): string {
  let out = s;
  for (const m of marks) out = out.slice(0, m.at) + ' '.repeat(m.end - m.at) + out.slice(m.end);
  return out;
}

interface RawFact {
  at: number;
  len: number;
  value: number;
  unit: string;
  comparator: Comparator;
  measure: FactMeasure;
  change: Fact['change'];
  growthBasis: Fact['growthBasis'];
  subject: string;
  kind: FactKind;
  isFrom: boolean;
}

const COUNTER = /^(?:个|家|户|项|座|所|条|处|台|套|件|张|床|辆|栋|批|名|人|万名|万人)$/;

function comparatorOf(before: string, approx: string | undefined, after: string | undefined): Comparator {
  if (after === '左右') return '≈';
  if (after === '以上' || approx === '多' || approx === '余' || /突破\s*$|超过\s*$|不低于\s*$/.test(before))
    return after === '以上' ? '>=' : '>';
  if (after === '以下' || after === '以内' || /控制在\s*$|不超过\s*$/.test(before)) return '<=';
  return '=';
}

function isTarget(before: string, after: string): boolean {
  const b = before.replace(/要素|重要|主要|需要|将其|纲要|要求|只要/g, '');
  const clause = b.slice(Math.max(...['，', ',', '；', '：', '。'].map((c) => b.lastIndexOf(c))) + 1);
  return TARGET.test(b) || CLAUSE_TARGET.test(clause) || /^\s*(?:的)?目标/.test(after);
}

const BASE_CHANGE = /(?:比|较)\s*(?:19|20)\d{2}\s*年[^，,；。]*(?:提高|增加|减少|下降|降低|增长)\s*$/;

/** `较 2015 年分别下降 4.26%`: the year compared with, not the period of the figure. */
function isBase(plain: string, mark: TimeMark): boolean {
  return /(?:比|较|同比)\s*$/.test(plain.slice(0, mark.at));
}

/** `由2020年的106户…`: the time mark belongs to the earlier value, not to the sentence. */
function ownsFromValue(plain: string, mark: TimeMark): boolean {
  return /由\s*$/.test(plain.slice(0, mark.at)) && /^\s*的?\s*\d/.test(plain.slice(mark.end));
}

function subjectOf(clause: string, after: string, unit: string): string {
  const fromAt = clause.lastIndexOf('由');
  if (fromAt >= 0 && (FROM.test(clause) || CHANGE_TO.test(clause))) return clause.slice(0, fromAt);
  let verb: RegExpMatchArray | null = null;
  for (const v of clause.matchAll(VERBS)) verb = v;
  const vAt = verb?.index ?? -1;
  const mid = verb ? clause.slice(vAt + (verb[0] as string).length) : clause;
  const pre = verb ? clause.slice(0, vAt) : '';
  // After a counter the thing counted follows (`实施28个重点项目`); after a measure it came before.
  const next = cleanSubject(
    (after.split(/[，,。；：]|、(?=[^，,。；、]*\d)|的|这|分别|居|基础上/)[0] ?? '')
      .split(VERBS)[0]
      ?.replace(/建设$/, '') ?? '',
  );
  if (COUNTER.test(unit) && next && !/^[，,。；]/.test(after)) return next;
  return cleanSubject(mid) || cleanSubject(pre);
}

/** The figures of one sentence (folded, `plain` with time expressions blanked). */
function figures(folded: string, plain: string): RawFact[] {
  const out: RawFact[] = [];
  for (const m of plain.matchAll(QTY)) {
    const at = m.index ?? 0;
    const len = m[0].length;
    const before = plain.slice(0, at);
    const after = plain.slice(at + len);
    // Codes and names, not figures: `5G`, `AA+`, `第3家`, `“1+6+3”`, `“3个计划”`, `5A级`.
    if (/[A-Za-z+]$/.test(before) || /^[A-Za-z+级]/.test(after) || /第\s*$/.test(before)) continue;
    if ((before.match(/“/g)?.length ?? 0) > (before.match(/”/g)?.length ?? 0)) continue;
    const previous = out.at(-1);
    // A clause starts after punctuation or after the previous figure (`占比98%、焦化…产能100%`).
    const cs = Math.max(
      ...['，', ',', '；', '：', '。'].map((c) => before.lastIndexOf(c)),
      (previous ? previous.at + previous.len : 0) - 1,
    );
    const clause = plain.slice(cs + 1, at).replace(/^[、和及]/, '');
    // `产值500亿` without 元: the multiplier is the unit.
    const unit = m[5] ?? `${m[3] ?? ''}${m[4]}`;
    const isFrom = FROM.test(clause);
    let measure: FactMeasure = 'level';
    const said = folded.slice(cs + 1, at);
    if (m[4] === '个百分点') measure = 'change';
    // `比 2015 年提高 8679 元`: a difference from the base year, not a level.
    else if (m[4] !== '%' && BASE_CHANGE.test(said)) measure = 'change';
    else if ((m[4] === '%' || m[4] === '倍') && GROWTH_BEFORE.test(clause) && !CHANGE_TO.test(clause))
      measure = 'growth';
    let subject = cleanSubject(subjectOf(clause, after, unit).replace(/\s+/g, ''));
    // `…取得实质性进展、迈向产值`: a long run of listed phrases; the figure belongs to the last.
    if (subject.length > 20 && subject.includes('、'))
      subject = cleanSubject(subject.slice(subject.lastIndexOf('、') + 1));
    if (measure === 'growth') {
      subject = subject.replace(/(?:同比|年均|累计)?(?:增长|增加|提高|提升|上升|下降|降低|减少)$/, '');
      // `…达到1643.6亿元，年均增长5.8%`: the growth of the figure before.
      if (/^(?:同比|年均|累计|五年|比上年)?$/.test(subject)) subject = '';
    }
    const listed = previous !== undefined && /^[、和及]\s*$/.test(plain.slice(previous.at + previous.len, at));
    if (previous && listed) subject = previous.subject;
    else if (previous && (!subject || BARE_MEASURE.test(subject))) subject = `${previous.subject}${subject}`;
    // `总投资14.13亿元的39个水利项目`: the investment of what follows.
    const of = /^的\s*(?:\d+\s*个)?([^，,。；、\d]+)/.exec(after);
    const measureWord = /(?:总投资|投资|总产值|产值)$/.exec(subject);
    if (of && measureWord) subject = `${cleanSubject((of[1] as string).replace(/建设$/, ''))}${measureWord[0]}`;
    else if (!previous && BARE_MEASURE.test(subject)) {
      // `陕煤运电…项目，预计投资70亿元`: the project named in the clause before.
      const prior = /([^，,。；：]*(?:项目|工程|企业|园区|电站|基地))[，,]\s*[^，,。；：]*$/.exec(before);
      if (prior) subject = `${cleanSubject(prior[1] as string)}${subject}`;
    }
    out.push({
      at,
      len,
      value: Number(m[1]),
      unit,
      comparator: comparatorOf(clause, m[2], m[6]),
      measure,
      growthBasis:
        measure !== 'growth'
          ? null
          : /年均|平均/.test(clause)
            ? 'average'
            : /累计|五年|以来|(?:比|较)\s*(?:19|20)\d{2}\s*年/.test(said) ||
                (previous !== undefined && !previous.isFrom && out.some((o) => o.isFrom))
              ? 'cumulative'
              : 'period',
      change: measure === 'level' ? null : /(?:下降|降低|减少)\s*$/.test(clause) ? 'decrease' : 'increase',
      subject,
      kind: isTarget(folded.slice(0, at), after) ? 'target' : 'actual',
      isFrom,
    });
  }
  return out;
}

/** Facts stated in a news piece, speech or report. */
export function extractFacts(text: string, options: FactOptions): FactExtraction {
  const documentDate = options.documentDate
    ? { value: options.documentDate, basis: 'given' as const }
    : inferDocumentDate(text);
  const docYear = documentDate ? Number(documentDate.value.slice(0, 4)) : null;
  const names = regionNames(options.regions);
  const byCode = new Map(options.regions.map((r) => [r.code, r]));
  const cityRow = options.cityCode ? byCode.get(options.cityCode) : undefined;
  const city = cityRow ? { code: cityRow.code, name: cityRow.name } : inferCity(text, options.regions, names);
  const skip = [...(options.damaged ?? []), ...(options.furniture ?? [])];
  const facts: Fact[] = [];
  const bylines = speakerLines(text, names, byCode);
  for (const p of paragraphs(text)) {
    // Table rows (tab-separated) are read by the table extractors, column by column, not as prose.
    if (p.text.includes('\t')) continue;
    for (const s of sentences(p)) {
      const folded = foldWidth(s.text).replace(/(\d),(?=\d{3}(?!\d))/g, '$1\u200b');
      if (!/\d/.test(folded)) continue;
      const span = spanOf(p, s.from, s.to);
      if (isDamaged(options.damaged, span.start, span.end)) continue;
      const marks = timeMarks(folded, docYear);
      const plain = withoutTimes(folded, marks);
      const mentions = regionMentions(folded, names);
      const raw = figures(folded, plain);
      const heading = bylines.filter((b) => b.start <= span.start).at(-1)?.region ?? null;
      let lastFromId: string | null = null;
      for (const f of raw) {
        const numSpan = spanOf(p, s.from + f.at, s.from + f.at + f.len);
        if (isDamaged(skip, numSpan.start, numSpan.end)) continue;
        const mark =
          marks.filter((t) => t.end <= f.at && (f.isFrom || !ownsFromValue(plain, t)) && !isBase(plain, t)).at(-1) ??
          null;
        const per = mark?.period ?? null;
        const region = regionOf(folded.slice(0, f.at), mentions, f.at, byCode, city, heading);
        const id = String(numSpan.start);
        facts.push({
          id,
          subject: f.subject,
          value: f.value,
          unit: f.unit,
          valueText: text.slice(numSpan.start, numSpan.end),
          comparator: f.comparator,
          kind: f.kind,
          measure: f.measure,
          change: f.change,
          growthBasis: f.growthBasis,
          period: per,
          region,
          fromFactId: !f.isFrom && lastFromId ? lastFromId : null,
          sentence: { start: span.start, end: span.end, text: text.slice(span.start, span.end) },
          number: { start: numSpan.start, end: numSpan.end, text: text.slice(numSpan.start, numSpan.end) },
        });
        lastFromId = f.isFrom ? id : null;
      }
    }
  }
  return { documentDate, city, facts };
}

/**
 * Speakers' lines in a series of statements (`永济市委书记 何 伟`): each sets the region of the text
 * below it, until the next speaker. A speaker of a city bureau (`市水务局…局长`) sets none.
 */
function speakerLines(text: string, names: RegionName[], byCode: Map<string, FactRegionInput>) {
  const out: Array<{ start: number; region: FactRegion | null }> = [];
  let pos = 0;
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t.length > 0 && t.length <= 60 && BYLINE.test(t) && !/[。！？；，,]/.test(t)) {
      const named = regionMentions(foldWidth(t), names)[0];
      const r = named ? byCode.get(named.code) : undefined;
      out.push({ start: pos, region: r ? { code: r.code, name: r.name, basis: 'heading' } : null });
    }
    pos += line.length + 1;
  }
  return out;
}

/** The nearest region named before the figure (`全县` → the county named earlier), else the document's city. */
function regionOf(
  before: string,
  mentions: Array<{ at: number; code: string; full: string }>,
  at: number,
  byCode: Map<string, FactRegionInput>,
  city: { code: string; name: string } | null,
  heading: FactRegion | null,
): FactRegion | null {
  const named = mentions.filter((m) => m.at < at).at(-1);
  // `全省` governs only its own clause: `居全省第一，年内剩余…14项` is not about the province.
  const province = /全省[^全我本，,；。]*$/.exec(before);
  const whole = /(全市|我市|本市)[^全我本]*$/.exec(before);
  if (
    province &&
    (!whole || (province.index ?? 0) > (whole.index ?? 0)) &&
    (!named || named.at < (province.index ?? 0))
  ) {
    const cityRow = city ? byCode.get(city.code) : undefined;
    const p = cityRow?.parentCode ? byCode.get(cityRow.parentCode) : undefined;
    if (p) return { code: p.code, name: p.name, basis: 'stated' };
  }
  if (named && (!whole || named.at > (whole.index ?? 0))) {
    const r = byCode.get(named.code);
    if (r) return { code: r.code, name: r.name, basis: 'stated' };
  }
  if (heading && !whole) return heading;
  if (!city) return null;
  return { code: city.code, name: city.name, basis: whole ? 'stated' : 'document' };
}
