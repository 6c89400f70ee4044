import type { PlanExtraction, Source } from './schema.ts';

export type ReviewItemKind = 'indicator_table' | 'indicator' | 'project' | 'cluster' | 'zone' | 'commitment';

/** One reviewable thing the extractor found: a row a planning officer can correct, delete or add to. */
export interface ReviewItem {
  kind: ReviewItemKind;
  /** Identity across re-extractions of the same document, so a correction finds its item again. */
  key: string;
  label: string;
  data: Record<string, unknown>;
  source: Source | null;
}

/** Flattens an extraction into review items, in document order within each kind. */
export function toReviewItems(extraction: Omit<PlanExtraction, 'outline'>): ReviewItem[] {
  const items: ReviewItem[] = [];
  for (const table of extraction.indicatorTables) {
    const { rows, ...meta } = table;
    items.push({
      kind: 'indicator_table',
      key: table.box,
      label: `${table.box} ${table.title}`,
      data: meta,
      source: table.source,
    });
    for (const row of rows) {
      items.push({
        kind: 'indicator',
        key: `${table.box}|${row.parent ?? ''}|${row.name}`,
        label: row.name,
        data: { box: table.box, ...row },
        source: row.source,
      });
    }
  }
  for (const box of extraction.projectBoxes) {
    for (const group of box.groups) {
      for (const item of group.items) {
        items.push({
          kind: 'project',
          key: `${box.box}|${item.name}`,
          label: item.name,
          data: { box: box.box, boxTitle: box.title, group: group.title, ...item },
          source: item.source,
        });
      }
    }
  }
  for (const cluster of extraction.clusters) {
    items.push({ kind: 'cluster', key: cluster.name, label: cluster.name, data: cluster, source: cluster.source });
  }
  for (const zone of extraction.zones) {
    items.push({ kind: 'zone', key: zone.name, label: zone.name, data: zone, source: zone.source });
  }
  const perSentence = new Map<number, number>();
  for (const c of extraction.commitments) {
    const n = perSentence.get(c.source.start) ?? 0;
    perSentence.set(c.source.start, n + 1);
    items.push({ kind: 'commitment', key: `${c.source.start}#${n}`, label: c.subject, data: c, source: c.source });
  }
  return uniqueKeys(items);
}

/** The same name can appear twice in one box; the second gets `#2` so keys stay unique and stable. */
function uniqueKeys(items: ReviewItem[]): ReviewItem[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const id = `${item.kind}\u0000${item.key}`;
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    return n === 1 ? item : { ...item, key: `${item.key}#${n}` };
  });
}
