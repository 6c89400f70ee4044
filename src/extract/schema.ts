import { z } from 'zod';

/**
 * The output of plan extraction, as zod schemas. `schemas/plan-extraction.schema.json` is generated
 * from `PlanExtractionSchema` (a unit test checks the committed file is current), so this file is
 * the single definition of the shape that storage, review and the CLI read.
 */

export const SourceSchema = z
  .object({
    start: z.number().int().nonnegative().describe('Offset into the normalised text.'),
    end: z.number().int().nonnegative().describe('Offset into the normalised text, exclusive.'),
    text: z.string().describe('The sentence or table row the item came from, as written.'),
  })
  .describe('Provenance of an extracted item.');

export const OutlineNodeSchema = z.object({
  kind: z.enum(['chapter', 'section', 'box']),
  level: z.number().int().min(1).max(3),
  number: z.string().describe('`第三章`, `第二节`, `专栏4`.'),
  title: z.string(),
  start: z.number().int(),
  end: z.number().int().describe('Where the next node of the same or higher level begins.'),
  source: SourceSchema,
  get children() {
    return z.array(OutlineNodeSchema);
  },
});

export const CellKindSchema = z
  .enum([
    'number',
    'none',
    'bound',
    'cumulative',
    'otherYear',
    'provincial',
    'relative',
    'composite',
    'text',
    'blank',
    'damaged',
  ])
  .describe(
    'number: plain value; none: `-` or 无指标; bound: `>50`, `95以上`, `7左右` (comparator tells which); ' +
      'cumulative: `[1300]` over the period; otherYear: `29.2*`, value of `year` from the table note; ' +
      'provincial: 完成省下任务; relative: 与GDP目标增速保持一致; composite: `0/3`, see parts; ' +
      'text: not understood; blank: empty cell; damaged: inside a damaged span, not read.',
  );

export const CellSchema = z.object({
  text: z.string().describe('The cell as written.'),
  kind: CellKindSchema,
  value: z.number().nullable(),
  year: z.number().int().nullable().describe('The year the value is of, from the header or the note.'),
  comparator: z.enum(['>', '>=', '<', '<=', 'approx']).nullable(),
  change: z.enum(['decrease', 'increase']).nullable().describe('`[降低10]`: a cumulative decrease of 10.'),
  unit: z.string().nullable().describe('A unit written in the cell itself (`≤9‰`).'),
  reference: z.string().nullable().describe('For relative targets: what the value follows.'),
  label: z.string().nullable().describe('For parts of a composite: the matching part of the name.'),
  get parts() {
    return z.array(CellSchema);
  },
});

export const ColumnRoleSchema = z.enum([
  'category',
  'seq',
  'name',
  'unit',
  'baseline',
  'target',
  'growth',
  'actual',
  'actualGrowth',
  'attribute',
  'other',
]);

export const ColumnSchema = z.object({
  index: z.number().int(),
  header: z.string().describe('Header text, parent header first for two-row headers.'),
  role: ColumnRoleSchema,
  year: z.number().int().nullable(),
});

export const NamePartSchema = z.object({
  name: z.string(),
  get parts() {
    return z.array(NamePartSchema);
  },
});

export const IndicatorRowSchema = z.object({
  category: z.string().nullable(),
  seq: z.string().nullable(),
  name: z.string(),
  unit: z.string().nullable(),
  tags: z.array(z.string()).describe('Bracketed labels after the unit, e.g. `新基建`.'),
  parent: z.string().nullable().describe('The group label of a sub-indicator, e.g. `城镇化率`.'),
  nameParts: z.array(NamePartSchema).describe('A composite name split on `/`, matching composite cells.'),
  cells: z.partialRecord(ColumnRoleSchema, CellSchema),
  attribute: z.enum(['expected', 'binding']).nullable(),
  source: SourceSchema,
});

export const TableIssueSchema = z.object({
  kind: z.enum(['categoryCountMismatch']),
  category: z.string(),
  stated: z.number().int(),
  found: z.number().int(),
  message: z.string(),
});

export const IndicatorTableSchema = z.object({
  box: z.string(),
  title: z.string(),
  columns: z.array(ColumnSchema),
  rows: z.array(IndicatorRowSchema),
  notes: z.array(z.string()),
  issues: z.array(TableIssueSchema),
  source: SourceSchema,
});

export const CapacitySchema = z.object({
  text: z.string(),
  value: z.number().nullable(),
  unit: z.string(),
  perYear: z.boolean(),
});

export const ProjectItemSchema = z.object({
  name: z.string(),
  county: z.string().nullable(),
  zone: z.string().nullable(),
  capacity: z.array(CapacitySchema),
  alsoIn: z.array(z.string()).describe('Other boxes naming the same project.'),
  source: SourceSchema,
});

export const ProjectGroupSchema = z.object({
  title: z.string().nullable(),
  items: z.array(ProjectItemSchema),
  source: SourceSchema,
});

export const ProjectBoxSchema = z.object({
  box: z.string(),
  title: z.string(),
  groups: z.array(ProjectGroupSchema),
  source: SourceSchema,
});

export const ChainSchema = z.object({
  kind: z.enum(['value', 'spatial']),
  segments: z.array(z.array(z.string())).describe('Segments in order; alternatives within a segment.'),
  source: SourceSchema,
});

export const ClusterSchema = z.object({
  name: z.string(),
  listed: z.boolean().describe('True for the clusters the plan lists as such; false for one named only with a chain.'),
  chains: z.array(ChainSchema),
  source: SourceSchema,
});

export const ZoneIndustrySchema = z.object({
  industry: z.string(),
  leadFirms: z.array(z.string()),
});

export const ZoneSchema = z.object({
  name: z.string(),
  box: z.string().nullable(),
  industries: z.array(ZoneIndustrySchema),
  source: SourceSchema,
});

export const CommitmentSchema = z.object({
  subject: z.string().describe('The thing promised.'),
  value: z.number().nullable(),
  valueMax: z.number().nullable().describe('Upper end when the plan gives a range (`1—2 万`).'),
  valueText: z.string(),
  unit: z.string().nullable(),
  comparator: z.enum(['=', '>', '>=', '<', '<=', 'approx']),
  frequency: z.string().nullable().describe('`annual`, or `per:<unit>` for `每个县（市、区）`.'),
  deadline: z.number().int().nullable().describe('Year by which it is due, when stated.'),
  source: SourceSchema,
});

// Named definitions in the JSON Schema ($defs) instead of inlined copies.
z.globalRegistry.add(SourceSchema, { id: 'Source' });
z.globalRegistry.add(OutlineNodeSchema, { id: 'OutlineNode' });
z.globalRegistry.add(CellKindSchema, { id: 'CellKind' });
z.globalRegistry.add(CellSchema, { id: 'Cell' });
z.globalRegistry.add(ColumnRoleSchema, { id: 'ColumnRole' });
z.globalRegistry.add(ColumnSchema, { id: 'Column' });
z.globalRegistry.add(NamePartSchema, { id: 'NamePart' });
z.globalRegistry.add(IndicatorRowSchema, { id: 'IndicatorRow' });
z.globalRegistry.add(TableIssueSchema, { id: 'TableIssue' });
z.globalRegistry.add(IndicatorTableSchema, { id: 'IndicatorTable' });
z.globalRegistry.add(CapacitySchema, { id: 'Capacity' });
z.globalRegistry.add(ProjectItemSchema, { id: 'ProjectItem' });
z.globalRegistry.add(ProjectGroupSchema, { id: 'ProjectGroup' });
z.globalRegistry.add(ProjectBoxSchema, { id: 'ProjectBox' });
z.globalRegistry.add(ChainSchema, { id: 'Chain' });
z.globalRegistry.add(ClusterSchema, { id: 'Cluster' });
z.globalRegistry.add(ZoneIndustrySchema, { id: 'ZoneIndustry' });
z.globalRegistry.add(ZoneSchema, { id: 'Zone' });
z.globalRegistry.add(CommitmentSchema, { id: 'Commitment' });

export const PlanExtractionSchema = z
  .object({
    outline: z.array(OutlineNodeSchema),
    indicatorTables: z.array(IndicatorTableSchema),
    projectBoxes: z.array(ProjectBoxSchema),
    clusters: z.array(ClusterSchema),
    zones: z.array(ZoneSchema),
    commitments: z.array(CommitmentSchema),
  })
  .describe('What Lantu extracts from a five-year plan (the `lantu extract --json` output minus `document`).');

export type Source = z.infer<typeof SourceSchema>;
export type PlanOutlineNode = z.infer<typeof OutlineNodeSchema>;
export type Cell = z.infer<typeof CellSchema>;
export type CellKind = z.infer<typeof CellKindSchema>;
export type ColumnRole = z.infer<typeof ColumnRoleSchema>;
export type Column = z.infer<typeof ColumnSchema>;
export type NamePart = z.infer<typeof NamePartSchema>;
export type IndicatorRow = z.infer<typeof IndicatorRowSchema>;
export type IndicatorTable = z.infer<typeof IndicatorTableSchema>;
export type TableIssue = z.infer<typeof TableIssueSchema>;
export type Capacity = z.infer<typeof CapacitySchema>;
export type ProjectItem = z.infer<typeof ProjectItemSchema>;
export type ProjectGroup = z.infer<typeof ProjectGroupSchema>;
export type ProjectBox = z.infer<typeof ProjectBoxSchema>;
export type Chain = z.infer<typeof ChainSchema>;
export type Cluster = z.infer<typeof ClusterSchema>;
export type Zone = z.infer<typeof ZoneSchema>;
export type Commitment = z.infer<typeof CommitmentSchema>;
export type PlanExtraction = z.infer<typeof PlanExtractionSchema>;

/** The JSON Schema committed at schemas/plan-extraction.schema.json. */
export function planExtractionJsonSchema(): unknown {
  return z.toJSONSchema(PlanExtractionSchema, { target: 'draft-2020-12' });
}
