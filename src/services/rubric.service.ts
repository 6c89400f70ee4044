import { ZodError, type z } from 'zod';
import type { RubricRow } from '../db/schema.ts';
import { DEFAULT_RUBRIC, type Rubric, RubricSchema } from '../domain/projects/rubric.ts';
import { LantuError } from '../errors.ts';
import type { Repositories, ServiceContext } from './context.ts';

export interface StoredRubric {
  rubric: Rubric;
  createdAt: Date | null;
  createdBy: string | null;
  /** True for the version a new quarter binds (the newest stored, or the built-in default). */
  current: boolean;
  /** Why the version was made (free text given with it), if any. */
  note?: string | null;
  /** The quarters bound to this version: they are always scored with it, whatever version is current. */
  quarters?: Array<{ year: number; quarter: number; state: 'open' | 'closed' }>;
}

/** One problem of a rubric submitted as a new version: where it is (path into the JSON) and what, in both languages. */
export interface RubricProblem {
  path: Array<string | number>;
  zh: string;
  en: string;
}

/**
 * 考核细则 as versioned configuration. Versions are only added: a new version never changes a
 * quarter already bound to an older one, so an old quarter is always recomputed with the rubric it
 * was scored under. The built-in DEFAULT_RUBRIC is version 1 of `wugeyi-quarterly`, stored at start-up.
 */
export class RubricService {
  constructor(private readonly ctx: ServiceContext) {}

  async ensureSeeded(repos: Repositories = this.ctx.repos): Promise<RubricRow> {
    return repos.rubrics.insertOnce(rowOf(DEFAULT_RUBRIC, 'system'));
  }

  /** The rubric a quarter binds when first scored: the newest stored version, else the default. */
  async current(repos: Repositories = this.ctx.repos): Promise<Rubric> {
    const row = await repos.rubrics.latest();
    return row ? parse(row) : DEFAULT_RUBRIC;
  }

  async get(key: string, version: number, repos: Repositories = this.ctx.repos): Promise<Rubric> {
    const row = await repos.rubrics.get(key, version);
    if (row) return parse(row);
    if (key === DEFAULT_RUBRIC.id && version === DEFAULT_RUBRIC.version) return DEFAULT_RUBRIC;
    throw new LantuError('NOT_FOUND', { zh: `考核细则 ${key} 第${version}版`, en: `rubric ${key} version ${version}` });
  }

  async list(): Promise<StoredRubric[]> {
    const rows = await this.ctx.repos.rubrics.list();
    const latest = await this.ctx.repos.rubrics.latest();
    const bound = await this.ctx.repos.quarters.list();
    const quartersOf = (key: string, version: number) =>
      bound
        .filter((q) => q.rubricKey === key && q.rubricVersion === version)
        .map((q) => ({ year: q.year, quarter: q.quarter, state: q.state }));
    if (rows.length === 0) {
      const d = DEFAULT_RUBRIC;
      return [{ rubric: d, createdAt: null, createdBy: null, current: true, quarters: quartersOf(d.id, d.version) }];
    }
    return rows.map((r) => ({
      rubric: parse(r),
      createdAt: r.createdAt,
      createdBy: r.createdBy,
      current: r.id === latest?.id,
      note: typeof r.definition.note === 'string' ? r.definition.note : null,
      quarters: quartersOf(r.key, r.version),
    }));
  }

  /**
   * Stores a new version of a rubric (its `version` is assigned: one more than the newest of its key,
   * whatever the input says). Validated against RubricSchema; every problem is listed with its path.
   */
  async create(input: unknown, actor: string): Promise<Rubric> {
    let rubric: Rubric;
    const body = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
    const note = typeof body.note === 'string' && body.note.trim() ? body.note.trim().slice(0, 500) : null;
    try {
      rubric = RubricSchema.parse({ ...body, version: 1 });
    } catch (e) {
      if (!(e instanceof ZodError)) throw e;
      const problems = e.issues.map((i) => describeRubricIssue(i, body));
      throw new LantuError(
        'RUBRIC_INVALID',
        { zh: problems.map((p) => p.zh).join('；'), en: problems.map((p) => p.en).join('; ') },
        { issues: e.issues, problems },
      );
    }
    return this.ctx.transaction(async (repos) => {
      await this.ensureSeeded(repos);
      const [newest] = await repos.rubrics.list(rubric.id);
      const next = { ...rubric, version: (newest?.version ?? 0) + 1 };
      await repos.rubrics.insert(rowOf(next, actor, note));
      await repos.audit.record({
        actor,
        action: 'rubric.create',
        entity: 'rubric',
        entityId: `${next.id}@${next.version}`,
        after: { ...next, note } as unknown as Record<string, unknown>,
      });
      return next;
    });
  }
}

function rowOf(r: Rubric, actor: string, note: string | null = null) {
  return {
    key: r.id,
    version: r.version,
    name: r.name.zh,
    // the note is kept beside the rubric in its row; parse() drops it, so scoring never sees it
    definition: (note ? { ...r, note } : r) as unknown as Record<string, unknown>,
    createdBy: actor,
  };
}

const FIELD: Record<string, [string, string]> = {
  id: ['编号', 'id'],
  name: ['名称', 'name'],
  items: ['评分项', 'items'],
  deductions: ['扣分项', 'deductions'],
  vetoes: ['一票否决项', 'vetoes'],
  vetoScore: ['否决后得分', 'veto score'],
  tieBreak: ['同分比较项', 'tie-break'],
  key: ['代码', 'key'],
  label: ['名称', 'label'],
  zh: ['中文', 'Chinese'],
  en: ['英文', 'English'],
  input: ['数据项', 'input'],
  weight: ['分值（权重）', 'weight'],
  rule: ['计分规则', 'rule'],
  kind: ['规则类型', 'rule type'],
  target: ['目标值', 'target'],
  targetInput: ['目标取自', 'target input'],
  cap: ['封顶系数', 'cap'],
  baseline: ['基准值', 'baseline'],
  basePoints: ['基础分', 'base points'],
  pointsPerPoint: ['每百分点分值', 'points per point'],
  min: ['下限', 'minimum'],
  bands: ['分档', 'bands'],
  points: ['得分', 'points'],
  upToRank: ['名次', 'up to rank'],
  order: ['排序方向', 'order'],
  pointsEach: ['每个分值', 'points each'],
  max: ['最多扣分', 'maximum'],
  tour: ['观摩评分表', 'tour sheet'],
};

/**
 * A zod issue of a submitted rubric in words a project office understands, in both languages:
 * "第1项“签约落地率”的分值（权重）不能小于0" / "item 1 "Landing rate": weight must be at least 0".
 */
export function describeRubricIssue(issue: z.core.$ZodIssue, input: Record<string, unknown>): RubricProblem {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const zh: string[] = [];
  const en: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const seg = path[i] as string | number;
    const parent = path[i - 1];
    if (typeof seg === 'number') {
      if (parent === 'items' || parent === 'deductions' || parent === 'vetoes') {
        const list = input[parent] as Array<{ label?: { zh?: unknown; en?: unknown } }> | undefined;
        const label = list?.[seg]?.label;
        const [wz, we] = { items: ['项', 'item'], deductions: ['个扣分项', 'deduction'], vetoes: ['个否决项', 'veto'] }[
          parent
        ];
        zh.push(`第${seg + 1}${wz}${typeof label?.zh === 'string' && label.zh ? `“${label.zh}”` : ''}`);
        en.push(`${we} ${seg + 1}${typeof label?.en === 'string' && label.en ? ` "${label.en}"` : ''}`);
      } else if (parent === 'bands') {
        zh.push(`第${seg + 1}档`);
        en.push(`band ${seg + 1}`);
      } else {
        zh.push(`第${seg + 1}个`);
        en.push(`#${seg + 1}`);
      }
      continue;
    }
    if ((seg === 'items' || seg === 'deductions' || seg === 'vetoes') && typeof path[i + 1] === 'number') continue;
    if (seg === 'bands' && typeof path[i + 1] === 'number') continue;
    if (seg === 'rule' && i < path.length - 1) continue;
    const [fz, fe] = FIELD[seg] ?? [seg, seg];
    zh.push(fz);
    en.push(fe);
  }
  const where = { zh: zh.join('的') || '考核细则', en: en.join(': ') || 'the rubric' };
  const what = describeProblem(issue);
  return { path, zh: `${where.zh}${what.zh}`, en: `${where.en} ${what.en}` };
}

function describeProblem(issue: z.core.$ZodIssue): { zh: string; en: string } {
  switch (issue.code) {
    case 'too_small': {
      const m = Number(issue.minimum);
      if (issue.origin === 'array') return { zh: `至少要有${m}项`, en: `needs at least ${m}` };
      if (issue.origin === 'string') return { zh: '不能为空', en: 'must not be empty' };
      return issue.inclusive
        ? { zh: `不能小于${m}`, en: `must be at least ${m}` }
        : { zh: `须大于${m}`, en: `must be greater than ${m}` };
    }
    case 'too_big': {
      const m = Number(issue.maximum);
      return issue.inclusive
        ? { zh: `不能大于${m}`, en: `must be at most ${m}` }
        : { zh: `须小于${m}`, en: `must be less than ${m}` };
    }
    case 'invalid_type':
      if (/received undefined/.test(issue.message)) return { zh: '未填写', en: 'is missing' };
      if (issue.expected === 'int') return { zh: '应为整数', en: 'must be a whole number' };
      return issue.expected === 'number'
        ? { zh: '应为数字', en: 'must be a number' }
        : { zh: `格式不对（应为${issue.expected}）`, en: `must be a ${issue.expected}` };
    case 'invalid_format':
      return {
        zh: '须以英文字母开头，只含字母、数字和下划线',
        en: 'must start with a letter and have only letters, digits and underscores',
      };
    case 'invalid_union':
      return { zh: '不是可用的规则类型', en: 'is not a known rule type' };
    case 'invalid_value':
      return { zh: '不是可选的值', en: 'is not one of the allowed values' };
    case 'not_multiple_of':
      return { zh: '应为整数', en: 'must be a whole number' };
    case 'custom': {
      const m = issue.message;
      if (m === 'exactly one of target and targetInput')
        return { zh: '：目标值与“目标取自”须填且只填一项', en: 'needs exactly one of target and target input' };
      const dup = /^duplicate (?:tour )?item key (.+)$/.exec(m);
      if (dup) return { zh: `：代码${dup[1]}重复`, en: `has the key ${dup[1]} twice` };
      const tie = /^tieBreak names unknown item (.+)$/.exec(m);
      if (tie) return { zh: `引用了不存在的评分项${tie[1]}`, en: `names no item of the rubric: ${tie[1]}` };
      return { zh: `：${m}`, en: m };
    }
    default:
      return { zh: `：${issue.message}`, en: issue.message };
  }
}

function parse(row: RubricRow): Rubric {
  return RubricSchema.parse({ ...row.definition, id: row.key, version: row.version });
}
