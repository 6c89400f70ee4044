/**
 * Pure helpers of the rubric page: a rubric definition (the JSON `POST /api/rubrics` takes, see
 * src/domain/projects/rubric.ts) ↔ the editing form's values, and each block described in words.
 * The form mirrors the JSON field by field, so an error path from the API (`items.0.weight`) is also
 * the form field's name.
 */
export type Locale = 'zh' | 'en';
export type RuleKind = 'ratio_to_target' | 'per_point' | 'size_bands' | 'count' | 'rank_bands';
export const RULE_KINDS: RuleKind[] = ['ratio_to_target', 'per_point', 'size_bands', 'count', 'rank_bands'];

export interface Bilingual {
  zh: string;
  en: string;
}

/** A number field of the form: antd's InputNumber gives null when emptied. */
type Num = number | null | undefined;

export interface BandForm {
  min?: Num;
  upToRank?: Num;
  points?: Num;
}

export interface RuleForm {
  kind: RuleKind;
  /** ratio_to_target: a fixed target, or the target read from another input (e.g. time progress). */
  targetMode?: 'fixed' | 'input';
  target?: Num;
  targetInput?: string | null;
  cap?: Num;
  baseline?: Num;
  basePoints?: Num;
  pointsPerPoint?: Num;
  min?: Num;
  bands?: BandForm[];
  order?: 'desc' | 'asc';
  pointsEach?: Num;
}

export interface ItemForm {
  key: string;
  label: Bilingual;
  input: string;
  weight: Num;
  rule: RuleForm;
}

export interface DeductionForm {
  key: string;
  label: Bilingual;
  input: string;
  pointsEach: Num;
  max: Num;
}

export interface VetoForm {
  key: string;
  label: Bilingual;
  input: string;
}

export interface RubricForm {
  id: string;
  name: Bilingual;
  items: ItemForm[];
  deductions: DeductionForm[];
  vetoes: VetoForm[];
  vetoScore: Num;
  tieBreak: string[];
  note: string;
  /** Kept as it is (the tour sheet is not edited here). */
  tour?: unknown;
}

/**
 * The region inputs a rubric can name, with their unit: the ranking computes the first eight
 * (COMPUTED_INPUTS in src/domain/projects/rubric.ts); the rest are matters the office records on the
 * quarter page (扣分与否决事项), counted per county or zone.
 */
export const INPUTS: Record<string, { zh: string; en: string; unit: 'ratio' | 'score' | 'count' | 'flag' }> = {
  landingRate: { zh: '签约落地率', en: 'landing rate', unit: 'ratio' },
  startRate: { zh: '开工率', en: 'start rate', unit: 'ratio' },
  investmentCompletionRate: { zh: '投资完成率', en: 'investment completion rate', unit: 'ratio' },
  productionRate: { zh: '投产率', en: 'production rate', unit: 'ratio' },
  capacityRate: { zh: '达产率', en: 'capacity rate', unit: 'ratio' },
  timeProgress: { zh: '时序进度', en: 'time progress', unit: 'ratio' },
  tourScore: { zh: '观摩评分（百分制）', en: 'inspection-tour score (out of 100)', unit: 'score' },
  overdueProblems: { zh: '超期未办结问题数', en: 'overdue problems', unit: 'count' },
  majorSafetyAccident: { zh: '重大安全生产事故', en: 'major safety accident', unit: 'flag' },
  falsifiedData: { zh: '统计数据弄虚作假', en: 'falsified statistics', unit: 'flag' },
  provincialCriticisms: { zh: '被省级通报批评（次）', en: 'provincial criticisms', unit: 'count' },
  environmentalIncidents: { zh: '突发环境事件（起）', en: 'environmental incidents', unit: 'count' },
  landViolations: { zh: '违法违规用地（宗）', en: 'illegal land use cases', unit: 'count' },
};

export function inputName(input: string, locale: Locale): string {
  return INPUTS[input]?.[locale] ?? input;
}

type Json = Record<string, unknown>;
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const bi = (v: unknown): Bilingual => {
  const o = (v ?? {}) as Json;
  return { zh: str(o.zh), en: str(o.en) };
};

/** A stored rubric definition → the form's values (a copy to edit into the next version). */
export function rubricToForm(def: Json): RubricForm {
  const items = Array.isArray(def.items) ? (def.items as Json[]) : [];
  const deductions = Array.isArray(def.deductions) ? (def.deductions as Json[]) : [];
  const vetoes = Array.isArray(def.vetoes) ? (def.vetoes as Json[]) : [];
  return {
    id: str(def.id),
    name: bi(def.name),
    items: items.map((i) => ({
      key: str(i.key),
      label: bi(i.label),
      input: str(i.input),
      weight: num(i.weight) ?? null,
      rule: ruleToForm((i.rule ?? {}) as Json),
    })),
    deductions: deductions.map((d) => ({
      key: str(d.key),
      label: bi(d.label),
      input: str(d.input),
      pointsEach: num(d.pointsEach) ?? null,
      max: num(d.max) ?? null,
    })),
    vetoes: vetoes.map((v) => ({ key: str(v.key), label: bi(v.label), input: str(v.input) })),
    vetoScore: num(def.vetoScore) ?? 0,
    tieBreak: Array.isArray(def.tieBreak) ? (def.tieBreak as unknown[]).map(String) : [],
    note: '',
    ...(def.tour !== undefined ? { tour: def.tour } : {}),
  };
}

function ruleToForm(r: Json): RuleForm {
  const kind = (RULE_KINDS as string[]).includes(str(r.kind)) ? (r.kind as RuleKind) : 'ratio_to_target';
  const bands = Array.isArray(r.bands)
    ? (r.bands as Json[]).map((b) => ({
        min: num(b.min) ?? null,
        upToRank: num(b.upToRank) ?? null,
        points: num(b.points) ?? null,
      }))
    : undefined;
  switch (kind) {
    case 'ratio_to_target':
      return {
        kind,
        targetMode: r.targetInput ? 'input' : 'fixed',
        target: num(r.target) ?? null,
        targetInput: str(r.targetInput) || null,
        cap: num(r.cap) ?? 1,
      };
    case 'per_point':
      return {
        kind,
        baseline: num(r.baseline) ?? null,
        basePoints: num(r.basePoints) ?? null,
        pointsPerPoint: num(r.pointsPerPoint) ?? null,
        min: num(r.min) ?? 0,
      };
    case 'size_bands':
      return { kind, bands: (bands ?? []).map((b) => ({ min: b.min, points: b.points })) };
    case 'count':
      return { kind, pointsEach: num(r.pointsEach) ?? null };
    case 'rank_bands':
      return {
        kind,
        order: r.order === 'asc' ? 'asc' : 'desc',
        bands: (bands ?? []).map((b) => ({ upToRank: b.upToRank, points: b.points })),
      };
  }
}

/** A new item's starting values: 10 points, ratio to a fixed target of 100 %. */
export function newItem(input = 'landingRate'): ItemForm {
  const name = INPUTS[input] ?? { zh: input, en: input };
  return {
    key: '',
    label: { zh: name.zh, en: name.en },
    input,
    weight: 10,
    rule: { kind: 'ratio_to_target', targetMode: 'fixed', target: 1, targetInput: null, cap: 1 },
  };
}

/** The starting parameters when the user switches an item to another block type. */
export function defaultRule(kind: RuleKind): RuleForm {
  switch (kind) {
    case 'ratio_to_target':
      return { kind, targetMode: 'fixed', target: 1, targetInput: null, cap: 1 };
    case 'per_point':
      return { kind, baseline: 0, basePoints: 0, pointsPerPoint: 1, min: 0 };
    case 'size_bands':
      return { kind, bands: [{ min: 0, points: 0 }] };
    case 'count':
      return { kind, pointsEach: 1 };
    case 'rank_bands':
      return { kind, order: 'desc', bands: [{ upToRank: 3, points: 10 }] };
  }
}

/** Drops empty numbers so the API names the missing field ("未填写") instead of reading 0. */
function put(out: Json, k: string, v: unknown) {
  if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
}

function ruleToJson(r: RuleForm): Json {
  const out: Json = { kind: r.kind };
  switch (r.kind) {
    case 'ratio_to_target':
      if (r.targetMode === 'input') out.targetInput = r.targetInput ?? '';
      else put(out, 'target', r.target);
      put(out, 'cap', r.cap);
      break;
    case 'per_point':
      put(out, 'baseline', r.baseline);
      put(out, 'basePoints', r.basePoints);
      put(out, 'pointsPerPoint', r.pointsPerPoint);
      put(out, 'min', r.min);
      break;
    case 'size_bands':
      out.bands = (r.bands ?? []).map((b) => {
        const o: Json = {};
        put(o, 'min', b.min);
        put(o, 'points', b.points);
        return o;
      });
      break;
    case 'count':
      put(out, 'pointsEach', r.pointsEach);
      break;
    case 'rank_bands':
      out.order = r.order ?? 'desc';
      out.bands = (r.bands ?? []).map((b) => {
        const o: Json = {};
        put(o, 'upToRank', b.upToRank);
        put(o, 'points', b.points);
        return o;
      });
      break;
  }
  return out;
}

/** A key for a new row: its input, made unique among the keys already taken (`startRate_2`). */
function uniqueKey(wanted: string, taken: Set<string>): string {
  const base = wanted.trim() || 'item';
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
  taken.add(key);
  return key;
}

/**
 * The form's values → the body of `POST /api/rubrics`. New rows get a key from their input; a
 * removed item leaves the tie-break list; the version is assigned by the server.
 */
export function formToRubric(f: RubricForm): Json {
  const taken = new Set(f.items.map((i) => i.key).filter(Boolean));
  const items = f.items.map((i) => {
    const o: Json = {
      key: i.key || uniqueKey(i.input, taken),
      label: { zh: i.label.zh.trim(), en: i.label.en.trim() },
      input: i.input,
      rule: ruleToJson(i.rule),
    };
    put(o, 'weight', i.weight);
    return o;
  });
  const keys = new Set(items.map((i) => i.key as string));
  const dTaken = new Set(f.deductions.map((d) => d.key).filter(Boolean));
  const vTaken = new Set(f.vetoes.map((v) => v.key).filter(Boolean));
  const out: Json = {
    id: f.id,
    name: { zh: f.name.zh.trim(), en: f.name.en.trim() },
    items,
    deductions: f.deductions.map((d) => {
      const o: Json = {
        key: d.key || uniqueKey(d.input, dTaken),
        label: { zh: d.label.zh.trim(), en: d.label.en.trim() },
        input: d.input,
      };
      put(o, 'pointsEach', d.pointsEach);
      put(o, 'max', d.max);
      return o;
    }),
    vetoes: f.vetoes.map((v) => ({
      key: v.key || uniqueKey(v.input, vTaken),
      label: { zh: v.label.zh.trim(), en: v.label.en.trim() },
      input: v.input,
    })),
    tieBreak: f.tieBreak.filter((k) => keys.has(k)),
  };
  put(out, 'vetoScore', f.vetoScore);
  if (f.tour !== undefined) out.tour = f.tour;
  if (f.note.trim()) out.note = f.note.trim();
  return out;
}

const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

/** A value of an input in its unit: ratios as percentages (0.8 → 80%), the rest as they are. */
export function formatValue(input: string, v: number): string {
  return INPUTS[input]?.unit === 'ratio' ? `${round(v * 100)}%` : String(round(v, 4));
}

/**
 * What an item scores, in words: "完成目标80%即得满分20分（得分 = 20 × 实际值 ÷ 目标，最高按1倍计）".
 * Takes the form's or the stored JSON's values (the same field names).
 */
export function describeItem(item: { input: string; weight?: Num; rule: RuleForm | Json }, locale: Locale): string {
  const r = item.rule as RuleForm & Json;
  const w = num(item.weight) ?? 0;
  const zh = locale === 'zh';
  const name = inputName(item.input, locale);
  switch (r.kind) {
    case 'ratio_to_target': {
      const cap = num(r.cap) ?? 1;
      const fromInput = r.targetMode === 'input' || (r.targetMode === undefined && !!r.targetInput);
      const target = fromInput
        ? inputName(str(r.targetInput), locale)
        : num(r.target) !== undefined
          ? formatValue(item.input, num(r.target) as number)
          : '?';
      const capText =
        cap > 1
          ? zh
            ? `超额完成最多按${round(cap * 100)}%计，最高${round(w * cap)}分`
            : `over-achievement counts up to ${round(cap * 100)}%, at most ${round(w * cap)}`
          : zh
            ? '超额不加分'
            : 'no bonus above the target';
      return zh
        ? `得分 = ${w} × ${name} ÷ 目标（${target}）；${capText}`
        : `points = ${w} × ${name} ÷ target (${target}); ${capText}`;
    }
    case 'per_point': {
      const base = num(r.baseline) ?? 0;
      return zh
        ? `以${formatValue(item.input, base)}为基准得${num(r.basePoints) ?? '?'}分，每高（低）1个百分点加（减）${num(r.pointsPerPoint) ?? '?'}分，最低${num(r.min) ?? 0}分、最高${w}分`
        : `${num(r.basePoints) ?? '?'} at ${formatValue(item.input, base)}, ±${num(r.pointsPerPoint) ?? '?'} per percentage point, between ${num(r.min) ?? 0} and ${w}`;
    }
    case 'size_bands': {
      const bands = ((r.bands as BandForm[] | undefined) ?? []).map((b) =>
        zh ? `达到${b.min ?? '?'}得${b.points ?? '?'}分` : `${b.points ?? '?'} from ${b.min ?? '?'}`,
      );
      return zh
        ? `按${name}分档：${bands.join('，')}（取达到的最高档）`
        : `bands of ${name}: ${bands.join(', ')} (highest band reached)`;
    }
    case 'count':
      return zh ? `每个计${num(r.pointsEach) ?? '?'}分，最高${w}分` : `${num(r.pointsEach) ?? '?'} each, at most ${w}`;
    case 'rank_bands': {
      const asc = r.order === 'asc';
      const bands = ((r.bands as BandForm[] | undefined) ?? []).map((b) =>
        zh ? `前${b.upToRank ?? '?'}名得${b.points ?? '?'}分` : `top ${b.upToRank ?? '?'}: ${b.points ?? '?'}`,
      );
      return zh
        ? `按${name}${asc ? '从低到高' : '从高到低'}排名：${bands.join('，')}`
        : `ranked on ${name} (${asc ? 'lowest first' : 'highest first'}): ${bands.join(', ')}`;
    }
    default:
      return String(r.kind ?? '');
  }
}

/** 扣分项 in words: "每个扣0.5分，最多扣5分". */
export function describeDeduction(d: { input: string; pointsEach?: Num; max?: Num }, locale: Locale): string {
  return locale === 'zh'
    ? `${inputName(d.input, 'zh')}每个扣${num(d.pointsEach) ?? '?'}分，最多扣${num(d.max) ?? '?'}分`
    : `${num(d.pointsEach) ?? '?'} off per ${inputName(d.input, 'en')}, at most ${num(d.max) ?? '?'}`;
}

/** The most points the items give (the nominal total), with the bonus of ratio caps above 1. */
export function totals(items: Array<{ weight?: Num; rule: RuleForm | Json }>): { nominal: number; max: number } {
  let nominal = 0;
  let max = 0;
  for (const i of items) {
    const w = num(i.weight) ?? 0;
    nominal += w;
    const r = i.rule as Json;
    max += r.kind === 'ratio_to_target' ? w * Math.max(1, num(r.cap) ?? 1) : w;
  }
  return { nominal: round(nominal), max: round(max) };
}

export interface Problem {
  path: Array<string | number>;
  zh: string;
  en: string;
}

/**
 * The API's problems (422 RUBRIC_INVALID `data.problems`) as antd field errors: each on the form
 * field its path names (a problem of a whole rule goes to its type field).
 */
export function problemsToFields(
  problems: Problem[],
  locale: Locale,
): Array<{ name: Array<string | number>; errors: string[] }> {
  const byField = new Map<string, { name: Array<string | number>; errors: string[] }>();
  for (const p of problems) {
    let name = p.path;
    if (name[name.length - 1] === 'rule') name = [...name, 'kind'];
    if (name.length === 0) continue;
    const k = JSON.stringify(name);
    const entry = byField.get(k) ?? { name, errors: [] };
    entry.errors.push(locale === 'zh' ? p.zh : p.en);
    byField.set(k, entry);
  }
  return [...byField.values()];
}
