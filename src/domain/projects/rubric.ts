import { z } from 'zod';

/**
 * Assessment rubric as configuration. A rubric is versioned: a quarter's scores are always
 * recomputed with the version they were published with, and a change of weights is a new version.
 * Items are built from a small set of blocks (rules) that cover the assessment schemes cities use.
 */
const Bilingual = z.object({ zh: z.string().min(1), en: z.string().min(1) });

/** points = weight × min(value ÷ target, cap); cap > 1 rewards over-achievement up to that ratio. */
const RatioToTarget = z
  .object({
    kind: z.literal('ratio_to_target'),
    target: z.number().positive().optional(),
    /** Take the target from this input of the region instead (e.g. its time-proportional progress). */
    targetInput: z.string().min(1).optional(),
    cap: z.number().positive().default(1),
  })
  .refine((r) => (r.target === undefined) !== (r.targetInput === undefined), {
    message: 'exactly one of target and targetInput',
  });

/** points = basePoints + (value − baseline) × 100 × pointsPerPoint, clamped to [min, weight]. Values are ratios. */
const PerPoint = z.object({
  kind: z.literal('per_point'),
  baseline: z.number(),
  basePoints: z.number(),
  pointsPerPoint: z.number(),
  min: z.number().default(0),
});

/** The highest band whose `min` the value reaches gives the points (e.g. investment size). */
const SizeBands = z.object({
  kind: z.literal('size_bands'),
  bands: z.array(z.object({ min: z.number(), points: z.number() })).min(1),
});

/** points = min(count × pointsEach, weight) (e.g. projects signed above 10 亿元). */
const Count = z.object({ kind: z.literal('count'), pointsEach: z.number().positive() });

/** Regions are ranked on the input; the first band whose `upToRank` covers the rank gives the points. */
const RankBands = z.object({
  kind: z.literal('rank_bands'),
  order: z.enum(['desc', 'asc']).default('desc'),
  bands: z.array(z.object({ upToRank: z.number().int().positive(), points: z.number() })).min(1),
});

export const RuleSchema = z.discriminatedUnion('kind', [RatioToTarget, PerPoint, SizeBands, Count, RankBands]);

export const RubricItemSchema = z.object({
  key: z.string().min(1),
  label: Bilingual,
  /** Name of the region input the item reads (e.g. `landingRate`). */
  input: z.string().min(1),
  weight: z.number().nonnegative(),
  rule: RuleSchema,
});

/** The name of an input a deduction or veto reads: a letter, then letters, digits or underscores. */
const InputName = z
  .string()
  .min(1)
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/);

export const DeductionSchema = z.object({
  key: z.string().min(1),
  label: Bilingual,
  input: InputName,
  pointsEach: z.number().positive(),
  max: z.number().positive(),
});

/** 一票否决: a truthy (or positive) input sets the region's score to `vetoScore` and ranks it last. */
export const VetoSchema = z.object({ key: z.string().min(1), label: Bilingual, input: InputName });

/**
 * The inspection tour's scoring sheet (观摩评分表): the items each judge scores per county or zone and
 * the most each may give. A judge's mark is the sum of the items; the region's tour score is the
 * judges' trimmed mean (dropping the highest and lowest from `dropFrom` judges on), expressed as a
 * percentage of the sheet's maximum so the rubric's `tourScore` item reads it out of 100 whatever
 * the sheet's own scale.
 */
export const TourSheetSchema = z
  .object({
    items: z.array(z.object({ key: z.string().min(1), label: Bilingual, max: z.number().positive() })).min(1),
    dropFrom: z.number().int().min(3).default(5),
  })
  .superRefine((t, ctx) => {
    const keys = new Set<string>();
    for (const it of t.items) {
      if (keys.has(it.key)) ctx.addIssue({ code: 'custom', message: `duplicate tour item key ${it.key}` });
      keys.add(it.key);
    }
  });
export type TourSheet = z.infer<typeof TourSheetSchema>;

/**
 * Used when a rubric names no tour sheet: the three things a 观摩 party looks at on site — how far
 * the works have got, the quality and image of the site, and how well the county serves the project.
 */
export const DEFAULT_TOUR_SHEET: TourSheet = TourSheetSchema.parse({
  items: [
    { key: 'progress', label: { zh: '建设进度', en: 'Construction progress' }, max: 40 },
    { key: 'quality', label: { zh: '工程质量与形象', en: 'Quality and site image' }, max: 30 },
    { key: 'service', label: { zh: '要素保障与服务', en: 'Factor support and service' }, max: 30 },
  ],
});

export const RubricSchema = z
  .object({
    id: z.string().min(1),
    version: z.number().int().positive(),
    name: Bilingual,
    items: z.array(RubricItemSchema).min(1),
    deductions: z.array(DeductionSchema).default([]),
    vetoes: z.array(VetoSchema).default([]),
    vetoScore: z.number().default(0),
    /** Item keys compared (points, descending) when totals are equal; remaining ties share a rank. */
    tieBreak: z.array(z.string()).default([]),
    /** The tour's scoring sheet; DEFAULT_TOUR_SHEET when absent. */
    tour: TourSheetSchema.optional(),
  })
  .superRefine((r, ctx) => {
    const keys = new Set<string>();
    for (const it of r.items) {
      if (keys.has(it.key)) ctx.addIssue({ code: 'custom', message: `duplicate item key ${it.key}` });
      keys.add(it.key);
    }
    for (const k of r.tieBreak) {
      if (!keys.has(k)) ctx.addIssue({ code: 'custom', message: `tieBreak names unknown item ${k}` });
    }
  });

export type Rule = z.infer<typeof RuleSchema>;
export type RubricItem = z.infer<typeof RubricItemSchema>;
export type Rubric = z.infer<typeof RubricSchema>;
export type RubricInput = z.input<typeof RubricSchema>;

/** The tour sheet a rubric scores its inspection tours with. */
export function tourSheetOf(rubric: Rubric): TourSheet {
  return rubric.tour ?? DEFAULT_TOUR_SHEET;
}

/**
 * The inputs the quarter's assessment computes itself (KPIs, time progress, tour, the problem ledger).
 * Any other input a deduction or veto names is a matter the project office records by hand.
 */
export const COMPUTED_INPUTS: readonly string[] = [
  'landingRate',
  'startRate',
  'investmentCompletionRate',
  'productionRate',
  'capacityRate',
  'timeProgress',
  'tourScore',
  'overdueProblems',
];

/** A deduction or veto of a rubric whose input is recorded as matters (扣分与否决事项), not computed. */
export interface PenaltyKind {
  input: string;
  kind: 'deduction' | 'veto';
  key: string;
  label: { zh: string; en: string };
  /** Deductions only: points per matter and the most they may take. */
  pointsEach?: number;
  max?: number;
}

/** The deductions and vetoes of a rubric that are fed by recorded matters, vetoes first. */
export function penaltyKinds(rubric: Rubric): PenaltyKind[] {
  const manual = (input: string) => !COMPUTED_INPUTS.includes(input);
  return [
    ...rubric.vetoes
      .filter((v) => manual(v.input))
      .map((v): PenaltyKind => ({ input: v.input, kind: 'veto', key: v.key, label: v.label })),
    ...rubric.deductions
      .filter((d) => manual(d.input))
      .map(
        (d): PenaltyKind => ({
          input: d.input,
          kind: 'deduction',
          key: d.key,
          label: d.label,
          pointsEach: d.pointsEach,
          max: d.max,
        }),
      ),
  ];
}

/** Parses and validates a rubric (throws a ZodError naming the bad field). */
export function parseRubric(input: unknown): Rubric {
  return RubricSchema.parse(input);
}

/**
 * Default 五个一 quarterly assessment (100 points nominal, up to 102.5 with the investment bonus):
 * - landing rate 签约落地率, 20 points, target 80 %, no bonus;
 * - start rate 开工率, 20 points, target 90 %, no bonus;
 * - investment completion 投资完成率, 25 points, measured against the region's time-proportional
 *   progress (input `timeProgress`, e.g. 0.75 after Q3); being ahead earns up to 10 % extra;
 * - production rate 投产率, 15 points, target 80 %;
 * - inspection-tour score 观摩评分, 20 points, the judges' trimmed mean out of 100;
 * - minus 0.5 per overdue problem in the ledger, at most 5;
 * - 一票否决 for a major safety accident or falsified statistics.
 * Ties are broken by investment completion, then start rate.
 */
export const DEFAULT_RUBRIC: Rubric = parseRubric({
  id: 'wugeyi-quarterly',
  version: 1,
  name: { zh: '“五个一”项目推进季度考核', en: '"Five ones" quarterly project assessment' },
  items: [
    item('landingRate', '签约落地率', 'Landing rate', 20, { kind: 'ratio_to_target', target: 0.8, cap: 1 }),
    item('startRate', '开工率', 'Start rate', 20, { kind: 'ratio_to_target', target: 0.9, cap: 1 }),
    item('investmentCompletionRate', '投资完成率', 'Investment completion rate', 25, {
      kind: 'ratio_to_target',
      targetInput: 'timeProgress',
      cap: 1.1,
    }),
    item('productionRate', '投产率', 'Production rate', 15, { kind: 'ratio_to_target', target: 0.8, cap: 1 }),
    item('tourScore', '观摩评分', 'Inspection-tour score', 20, { kind: 'ratio_to_target', target: 100, cap: 1 }),
  ],
  deductions: [
    {
      key: 'overdueProblems',
      label: { zh: '问题超期未办结', en: 'Overdue problems' },
      input: 'overdueProblems',
      pointsEach: 0.5,
      max: 5,
    },
  ],
  vetoes: [
    { key: 'safety', label: { zh: '发生重大安全生产事故', en: 'Major safety accident' }, input: 'majorSafetyAccident' },
    { key: 'falseData', label: { zh: '统计数据弄虚作假', en: 'Falsified statistics' }, input: 'falsifiedData' },
  ],
  tieBreak: ['investmentCompletionRate', 'startRate'],
});

function item(key: string, zh: string, en: string, weight: number, rule: z.input<typeof RuleSchema>) {
  return { key, label: { zh, en }, input: key, weight, rule };
}
