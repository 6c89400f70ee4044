import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

/** Administrative divisions, GB/T 2260 codes (6 digits). */
export const regions = pgTable(
  'regions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    level: text('level', { enum: ['province', 'city', 'county'] }).notNull(),
    parentCode: text('parent_code'),
  },
  (t) => [index('regions_parent_idx').on(t.parentCode)],
);

export interface RepairRecord {
  kind: string;
  count: number;
  examples: string[];
}

/** Every file that came in: the original bytes are kept so nothing is ever lost to a bad repair. */
export const documents = pgTable(
  'documents',
  {
    id: serial('id').primaryKey(),
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    format: text('format').notNull(),
    encoding: text('encoding').notNull(),
    encodingConfidence: real('encoding_confidence').notNull(),
    byteSize: bigint('byte_size', { mode: 'number' }).notNull(),
    original: bytea('original').notNull(),
    text: text('text').notNull(),
    repairs: jsonb('repairs').$type<RepairRecord[]>().notNull().default(sql`'[]'::jsonb`),
    /** Normalisation details that are too large for columns: offset map, damaged spans, tables. */
    normalization: jsonb('normalization').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    source: text('source'),
    publishedOn: text('published_on'),
    regionCode: text('region_code').references(() => regions.code),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('documents_sha256_idx').on(t.sha256)],
);

export const plans = pgTable(
  'plans',
  {
    id: serial('id').primaryKey(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    periodStart: integer('period_start').notNull(),
    periodEnd: integer('period_end').notNull(),
    title: text('title').notNull(),
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id),
    status: text('status', { enum: ['draft', 'published'] })
      .notNull()
      .default('draft'),
    isDemo: boolean('is_demo').notNull().default(false),
    version: integer('version').notNull().default(1),
    /**
     * Bumped in the same transaction as every write to the plan's indicators or values, so a cached
     * evaluation knows it is stale without rereading the values (one row read instead of millions).
     */
    dataVersion: integer('data_version').notNull().default(0),
    extractedAt: timestamp('extracted_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: text('published_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('plans_region_period_document_idx').on(t.regionCode, t.periodStart, t.periodEnd, t.documentId)],
);

/** The plan's outline: chapters, sections and boxes, with offsets into the document's normalised text. */
export const planSections = pgTable(
  'plan_sections',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    parentId: integer('parent_id'),
    kind: text('kind', { enum: ['chapter', 'section', 'box'] }).notNull(),
    level: integer('level').notNull(),
    ordinal: integer('ordinal').notNull(),
    number: text('number').notNull(),
    title: text('title').notNull(),
    text: text('text').notNull(),
    startOffset: integer('start_offset').notNull(),
    endOffset: integer('end_offset').notNull(),
  },
  (t) => [index('plan_sections_plan_idx').on(t.planId, t.ordinal)],
);

export const PLAN_ITEM_KINDS = ['indicator_table', 'indicator', 'project', 'cluster', 'zone', 'commitment'] as const;
export type PlanItemKind = (typeof PLAN_ITEM_KINDS)[number];

/**
 * What extraction found in a plan, one row per item, kept for review. `extracted` is the extractor's
 * version, `corrected` the reviewer's; a re-extraction replaces `extracted` only, so corrections survive.
 * `key` identifies an item across re-extractions (e.g. box + indicator name).
 */
export const planItems = pgTable(
  'plan_items',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: PLAN_ITEM_KINDS }).notNull(),
    key: text('key').notNull(),
    ordinal: integer('ordinal').notNull(),
    label: text('label').notNull(),
    extracted: jsonb('extracted').$type<Record<string, unknown>>(),
    corrected: jsonb('corrected').$type<Record<string, unknown>>(),
    state: text('state', { enum: ['extracted', 'corrected', 'added', 'deleted'] })
      .notNull()
      .default('extracted'),
    sourceStart: integer('source_start'),
    sourceEnd: integer('source_end'),
    sourceText: text('source_text'),
    version: integer('version').notNull().default(1),
    updatedBy: text('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('plan_items_plan_kind_key_idx').on(t.planId, t.kind, t.key),
    index('plan_items_plan_kind_ordinal_idx').on(t.planId, t.kind, t.ordinal),
  ],
);

/** Every change a person makes: who, when, what it was before and after. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: serial('id').primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [index('audit_log_entity_idx').on(t.entity, t.entityId)],
);

/** The plan's indicator system, made from its published indicator tables or entered by hand. */
export const indicators = pgTable(
  'indicators',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    /** The extracted row's key (plan_items.key); `user:…` for indicators entered by hand. */
    key: text('key').notNull(),
    code: text('code').notNull(),
    ordinal: integer('ordinal').notNull(),
    name: text('name').notNull(),
    unit: text('unit').notNull().default(''),
    category: text('category'),
    parentName: text('parent_name'),
    attribute: text('attribute', { enum: ['expected', 'binding'] }).notNull(),
    direction: text('direction', { enum: ['higher', 'lower'] }).notNull(),
    frequency: text('frequency', { enum: ['year', 'quarter', 'month'] })
      .notNull()
      .default('year'),
    baseline: jsonb('baseline').$type<{ year: number; value: number } | null>(),
    /** Target in the evaluation engine's form (src/domain/evaluation/types.ts `Target`). */
    target: jsonb('target').$type<Record<string, unknown>>().notNull(),
    targetText: text('target_text').notNull().default(''),
    targetRule: text('target_rule').notNull().default(''),
    naturalLimit: real('natural_limit'),
    leadUnit: text('lead_unit'),
    supportingUnits: jsonb('supporting_units').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    dataSource: text('data_source'),
    sourceStart: integer('source_start'),
    sourceEnd: integer('source_end'),
    sourceText: text('source_text'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('indicators_plan_key_idx').on(t.planId, t.key),
    index('indicators_plan_ordinal_idx').on(t.planId, t.ordinal),
  ],
);

export const VALUE_STATES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type ValueState = (typeof VALUE_STATES)[number];

/** One value of one indicator for one region and period; history lives in the audit log. */
export const indicatorValues = pgTable(
  'indicator_values',
  {
    id: serial('id').primaryKey(),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    period: text('period').notNull(),
    value: doublePrecision('value').notNull(),
    note: text('note'),
    /** `{documentId, start, end, text}` for a value stated in a document, or `{upload: name}`. */
    evidence: jsonb('evidence').$type<Record<string, unknown> | null>(),
    state: text('state', { enum: VALUE_STATES }).notNull().default('draft'),
    returnReason: text('return_reason'),
    isDemo: boolean('is_demo').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by').notNull(),
    updatedBy: text('updated_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('indicator_values_key_idx').on(t.indicatorId, t.regionCode, t.period),
    index('indicator_values_region_period_idx').on(t.regionCode, t.period),
    /**
     * Bulk evaluation (issue 5): the approved values of one indicator at some periods, read as an
     * index-only scan; the value is a key column because drizzle has no INCLUDE. Without it every read
     * visits the table's pages, ~20 ms per indicator at 3,000 regions × 20 periods even for one period.
     */
    index('indicator_values_approved_idx')
      .on(t.indicatorId, t.period, t.regionCode, t.value)
      .where(sql`${t.state} = 'approved'`),
  ],
);

export const LIBRARIES = ['conceived', 'reserve', 'construction', 'in_effect'] as const;

/**
 * A project in the four libraries (四库). Milestone dates are ISO `YYYY-MM-DD` text, as the
 * lifecycle rules in src/domain/projects compare them; `planned_*` are the schedule the KPIs use.
 */
export const projects = pgTable(
  'projects',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id').references(() => plans.id, { onDelete: 'set null' }),
    /** plan_items.key of the extracted project it came from, when it came from a plan box. */
    itemKey: text('item_key'),
    code: text('code'),
    name: text('name').notNull(),
    programme: text('programme'),
    regionCode: text('region_code').references(() => regions.code),
    zone: text('zone'),
    industry: text('industry'),
    chain: text('chain'),
    ownerName: text('owner_name'),
    ownerCreditCode: text('owner_credit_code'),
    totalInvestment: doublePrecision('total_investment'),
    library: text('library', { enum: LIBRARIES }).notNull().default('conceived'),
    skipsSigning: boolean('skips_signing').notNull().default(false),
    signedOn: text('signed_on'),
    startedOn: text('started_on'),
    completedOn: text('completed_on'),
    inProductionOn: text('in_production_on'),
    atCapacityOn: text('at_capacity_on'),
    capacityRate: doublePrecision('capacity_rate'),
    plannedStartOn: text('planned_start_on'),
    plannedProductionOn: text('planned_production_on'),
    plannedCapacityOn: text('planned_capacity_on'),
    responsibleUnit: text('responsible_unit'),
    liaisonLeaders: jsonb('liaison_leaders').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    serviceUnit: text('service_unit'),
    sourceText: text('source_text'),
    isDemo: boolean('is_demo').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('projects_region_idx').on(t.regionCode),
    index('projects_library_idx').on(t.library),
    // the list's zone and chain filters and its name sort within a library (issue 6: 100 k projects)
    index('projects_zone_idx').on(t.zone),
    index('projects_chain_idx').on(t.chain),
    index('projects_library_name_idx').on(t.library, t.name),
    uniqueIndex('projects_plan_item_idx').on(t.planId, t.itemKey),
  ],
);

/** Planned and completed investment per project and month (万元); an approved month is frozen. */
export const projectInvestments = pgTable(
  'project_investments',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    month: integer('month').notNull(),
    planned: doublePrecision('planned').notNull().default(0),
    completed: doublePrecision('completed').notNull().default(0),
    progressText: text('progress_text'),
    state: text('state', { enum: ['draft', 'submitted', 'approved', 'returned'] })
      .notNull()
      .default('draft'),
    version: integer('version').notNull().default(1),
    updatedBy: text('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('project_investments_month_idx').on(t.projectId, t.year, t.month),
    index('project_investments_year_idx').on(t.year, t.month),
  ],
);

/** 问题台账: a blocker with its owner, deadline, escalation and close-out (销号). */
export const projectProblems = pgTable(
  'project_problems',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    kind: text('kind'),
    owner: text('owner'),
    deadline: text('deadline'),
    raisedOn: text('raised_on').notNull(),
    closedOn: text('closed_on'),
    closeEvidence: jsonb('close_evidence').$type<Record<string, unknown> | null>(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('project_problems_project_idx').on(t.projectId)],
);

export const APPROVAL_KINDS = [
  'land',
  'energy',
  'environment',
  'funding',
  'planning',
  'construction_permit',
  'other',
] as const;
export const APPROVAL_STATUSES = ['not_started', 'in_progress', 'done', 'blocked', 'not_needed'] as const;

/** 审批与要素保障: one approval or factor-support item per row (land, energy, environment capacity, funding…). */
export const projectApprovals = pgTable(
  'project_approvals',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: APPROVAL_KINDS }).notNull(),
    title: text('title').notNull(),
    status: text('status', { enum: APPROVAL_STATUSES }).notNull().default('not_started'),
    permitNo: text('permit_no'),
    department: text('department'),
    dueOn: text('due_on'),
    doneOn: text('done_on'),
    /** Quantity where the factor has one: 亩 of land, 吨标煤 of energy, 万元 of funding. */
    quantity: doublePrecision('quantity'),
    quantityUnit: text('quantity_unit'),
    note: text('note'),
    version: integer('version').notNull().default(1),
    updatedBy: text('updated_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('project_approvals_project_idx').on(t.projectId)],
);

/**
 * Every approved state of a monthly report (月报), kept forever: a correction after approval writes a
 * new version here instead of overwriting the frozen month.
 */
export const projectInvestmentVersions = pgTable(
  'project_investment_versions',
  {
    id: serial('id').primaryKey(),
    investmentId: integer('investment_id')
      .notNull()
      .references(() => projectInvestments.id, { onDelete: 'cascade' }),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    month: integer('month').notNull(),
    version: integer('version').notNull(),
    planned: doublePrecision('planned').notNull(),
    completed: doublePrecision('completed').notNull(),
    progressText: text('progress_text'),
    /** Why this version replaced the previous one (null for the first approval). */
    reason: text('reason'),
    approvedBy: text('approved_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('project_investment_versions_idx').on(t.investmentId, t.version)],
);

/** Files attached to a project: photos of physical progress (形象进度) per month, permits, evidence. */
export const projectAttachments = pgTable(
  'project_attachments',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** The month the photo belongs to, when it is a monthly-report photo. */
    year: integer('year'),
    month: integer('month'),
    kind: text('kind', { enum: ['photo', 'document'] }).notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    byteSize: integer('byte_size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    caption: text('caption'),
    uploadedBy: text('uploaded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('project_attachments_project_idx').on(t.projectId, t.year, t.month)],
);

/** Versioned assessment rubrics (考核细则); a quarter keeps the key and version it was scored under. */
export const rubrics = pgTable(
  'rubrics',
  {
    id: serial('id').primaryKey(),
    key: text('key').notNull(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    /** The rubric in src/domain/projects/rubric.ts `RubricSchema` form. */
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('rubrics_key_version_idx').on(t.key, t.version)],
);

/** A quarter of the 五个一 cycle: the rubric it is scored under and whether its assessment is closed. */
export const quarters = pgTable(
  'quarters',
  {
    id: serial('id').primaryKey(),
    year: integer('year').notNull(),
    quarter: integer('quarter').notNull(),
    rubricKey: text('rubric_key').notNull(),
    rubricVersion: integer('rubric_version').notNull(),
    state: text('state', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('quarters_year_quarter_idx').on(t.year, t.quarter)],
);

/** A quarter's events: signings (签约), groundbreaking batches (开工), the inspection tour (观摩). */
export const quarterEvents = pgTable(
  'quarter_events',
  {
    id: serial('id').primaryKey(),
    year: integer('year').notNull(),
    quarter: integer('quarter').notNull(),
    kind: text('kind', { enum: ['signing', 'groundbreaking', 'tour'] }).notNull(),
    title: text('title').notNull(),
    heldOn: text('held_on').notNull(),
    place: text('place'),
    note: text('note'),
    /** `{documentId, start, end, text}` when the event is stated in a document (e.g. a news piece). */
    evidence: jsonb('evidence').$type<Record<string, unknown> | null>(),
    isDemo: boolean('is_demo').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('quarter_events_quarter_idx').on(t.year, t.quarter)],
);

/** The projects of a signing or groundbreaking event, with the amount signed or started (万元). */
export const quarterEventProjects = pgTable(
  'quarter_event_projects',
  {
    eventId: integer('event_id')
      .notNull()
      .references(() => quarterEvents.id, { onDelete: 'cascade' }),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    amount: doublePrecision('amount'),
  },
  (t) => [uniqueIndex('quarter_event_projects_idx').on(t.eventId, t.projectId)],
);

/** One judge's score of one rubric item for one county or zone on a quarter's inspection tour. */
export const tourScores = pgTable(
  'tour_scores',
  {
    id: serial('id').primaryKey(),
    year: integer('year').notNull(),
    quarter: integer('quarter').notNull(),
    /** 'county' (groupKey is a region code) or 'zone' (groupKey is the zone's name). */
    groupBy: text('group_by', { enum: ['county', 'zone'] }).notNull(),
    groupKey: text('group_key').notNull(),
    judge: text('judge').notNull(),
    /** The tour sheet's item (e.g. 'progress', 'quality'); `total` when a judge gives one mark. */
    item: text('item').notNull(),
    score: doublePrecision('score').notNull(),
    note: text('note'),
    version: integer('version').notNull().default(1),
    updatedBy: text('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('tour_scores_key_idx').on(t.year, t.quarter, t.groupBy, t.groupKey, t.judge, t.item)],
);

/**
 * A matter that costs a county or zone points or its whole score in a quarter's assessment (考核扣分与否决事项):
 * a safety accident, falsified statistics, a provincial criticism … Each row is one occurrence, recorded
 * against an input of the quarter's rubric (a deduction's or a veto's `input`) with what happened; the
 * ranking counts the rows per region and input. Never computed, always entered by the project office.
 */
export const quarterPenalties = pgTable(
  'quarter_penalties',
  {
    id: serial('id').primaryKey(),
    year: integer('year').notNull(),
    quarter: integer('quarter').notNull(),
    /** 'county' (groupKey is a region code) or 'zone' (groupKey is the zone's name). */
    groupBy: text('group_by', { enum: ['county', 'zone'] }).notNull(),
    groupKey: text('group_key').notNull(),
    /** The rubric input it feeds, e.g. 'majorSafetyAccident' (a veto) or a deduction's count input. */
    input: text('input').notNull(),
    occurredOn: text('occurred_on').notNull(),
    /** What happened, in the office's words; required, since a veto must say why. */
    reason: text('reason').notNull(),
    /** Where it is stated: a document number, a notice, a link. */
    source: text('source'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('quarter_penalties_quarter_idx').on(t.year, t.quarter, t.groupBy)],
);

/**
 * The office's settings that are configuration rather than data, one versioned JSON value per key:
 * `cadence` (the 五个一 cycle: which month of which cycle each event falls in).
 */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<Record<string, unknown>>().notNull(),
  version: integer('version').notNull().default(1),
  updatedBy: text('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The quarterly bulletin (通报): a draft model edited before it is issued, then frozen. */
export const bulletins = pgTable(
  'bulletins',
  {
    id: serial('id').primaryKey(),
    year: integer('year').notNull(),
    quarter: integer('quarter').notNull(),
    state: text('state', { enum: ['draft', 'issued'] })
      .notNull()
      .default('draft'),
    /** The editable bulletin (title, document number, paragraphs, rankings, red and yellow lists). */
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    version: integer('version').notNull().default(1),
    issuedAt: timestamp('issued_at', { withTimezone: true }),
    issuedBy: text('issued_by'),
    updatedBy: text('updated_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('bulletins_quarter_idx').on(t.year, t.quarter)],
);

/**
 * One counter per cached read model (issue 6: the project list under load). `projects` is bumped in
 * the same transaction as every write to projects, their monthly investments, problems and approvals,
 * so a cache keyed by it can never serve a list older than the last committed write; one row, one
 * primary-key read per request, shared by every server process on the database.
 */
export const dataVersions = pgTable('data_versions', {
  name: text('name').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Each project's warning light stored for one day (`as_of`), so the list can filter and sort 100 k
 * projects by light through an index instead of summing every project's months per request (issue 6).
 * Kept by ProjectRepository.refreshLights: the whole table when the day (or the bands) change, and
 * the projects in {@link projectLightDirty} after writes. Always derived; never edited.
 */
export const projectLights = pgTable(
  'project_lights',
  {
    projectId: integer('project_id')
      .primaryKey()
      .references(() => projects.id, { onDelete: 'cascade' }),
    asOf: text('as_of').notNull(),
    /** 0 green, 1 yellow, 2 red: the same rule as warningLight() in src/domain/projects/warning.ts. */
    level: integer('level').notNull(),
    plannedYear: doublePrecision('planned_year').notNull().default(0),
    completedYtd: doublePrecision('completed_ytd').notNull().default(0),
  },
  (t) => [index('project_lights_level_idx').on(t.level, t.projectId)],
);

/**
 * Projects whose stored light is out of date: written by every write that can move a light (the
 * project's dates, its months) BEFORE the projects data version is bumped, and consumed by the next
 * refresh in the same transaction that recomputes them.
 */
export const projectLightDirty = pgTable('project_light_dirty', {
  projectId: integer('project_id').primaryKey(),
});

export type ProjectRow = typeof projects.$inferSelect;
export type ProjectInvestmentRow = typeof projectInvestments.$inferSelect;
export type ProjectProblemRow = typeof projectProblems.$inferSelect;
export type IndicatorRow = typeof indicators.$inferSelect;
export type IndicatorValueRow = typeof indicatorValues.$inferSelect;
export type PlanItemRow = typeof planItems.$inferSelect;
export type RegionRow = typeof regions.$inferSelect;
export type DocumentRow = typeof documents.$inferSelect;
export type PlanRow = typeof plans.$inferSelect;
export type PlanSectionRow = typeof planSections.$inferSelect;
export type ProjectApprovalRow = typeof projectApprovals.$inferSelect;
export type ProjectInvestmentVersionRow = typeof projectInvestmentVersions.$inferSelect;
export type ProjectAttachmentRow = typeof projectAttachments.$inferSelect;
export type RubricRow = typeof rubrics.$inferSelect;
export type QuarterRow = typeof quarters.$inferSelect;
export type QuarterEventRow = typeof quarterEvents.$inferSelect;
export type TourScoreRow = typeof tourScores.$inferSelect;
export type QuarterPenaltyRow = typeof quarterPenalties.$inferSelect;
export type SettingRow = typeof settings.$inferSelect;
export type BulletinRow = typeof bulletins.$inferSelect;
