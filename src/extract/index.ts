import type { DocumentTable, Span } from '../text/types.ts';
import { extractClusters } from './clusters.ts';
import { extractCommitments } from './commitments.ts';
import { extractOutline, flattenOutline, type OutlineNode } from './outline.ts';
import { extractProjectBoxes } from './projects.ts';
import type { PlanExtraction, PlanOutlineNode } from './schema.ts';
import { extractIndicatorTables } from './tables.ts';
import { source } from './text.ts';
import { extractZones } from './zones.ts';

export type * from './schema.ts';
export { PlanExtractionSchema, planExtractionJsonSchema } from './schema.ts';

export interface ExtractPlanInput {
  /** The normalised text (NormalizedDocument.text). */
  text: string;
  /** Tables ingestion found; optional, the tab-separated rows in `text` are what is read. */
  tables?: DocumentTable[];
  /** Spans no value may be taken from. */
  damaged?: Span[];
}

function toPlanNode(text: string, n: OutlineNode): PlanOutlineNode {
  return {
    kind: n.kind,
    level: n.level,
    number: n.number,
    title: n.title,
    start: n.start,
    end: n.end,
    source: source(text, { start: n.start, end: n.bodyStart }),
    children: n.children.map((c) => toPlanNode(text, c)),
  };
}

/** Extract everything Lantu tracks from a normalised five-year plan. Pure: text in, data out. */
export function extractPlan(input: ExtractPlanInput): PlanExtraction {
  const { text } = input;
  const damaged = input.damaged ?? [];
  const outline = extractOutline(text);
  const nodes = flattenOutline(outline);
  const boxes = nodes.filter((n) => n.kind === 'box');
  const indicatorTables = extractIndicatorTables(text, boxes, damaged);
  const tableBoxes = new Set(indicatorTables.map((t) => t.box));
  const projectBoxes = extractProjectBoxes(
    text,
    boxes.filter((b) => !tableBoxes.has(b.number)),
    damaged,
  );
  return {
    outline: outline.map((n) => toPlanNode(text, n)),
    indicatorTables,
    projectBoxes,
    clusters: extractClusters(text, nodes, damaged),
    zones: extractZones(text, boxes, damaged),
    commitments: extractCommitments(text, nodes, damaged, tableBoxes),
  };
}
