import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { type PlanSectionRow, planSections } from '../schema.ts';

/** A section to store, with its children; ids are assigned on insert. */
export interface SectionTree {
  kind: PlanSectionRow['kind'];
  level: number;
  number: string;
  title: string;
  text: string;
  startOffset: number;
  endOffset: number;
  children: SectionTree[];
}

export class PlanSectionRepository {
  constructor(private readonly db: Db) {}

  /** Inserts parents before children so each child can point at its parent's id. */
  async insertTree(planId: number, tree: SectionTree[]): Promise<number> {
    let ordinal = 0;
    const insertLevel = async (nodes: SectionTree[], parentId: number | null): Promise<void> => {
      for (const node of nodes) {
        const [row] = await this.db
          .insert(planSections)
          .values({
            planId,
            parentId,
            kind: node.kind,
            level: node.level,
            ordinal: ordinal++,
            number: node.number,
            title: node.title,
            text: node.text,
            startOffset: node.startOffset,
            endOffset: node.endOffset,
          })
          .returning({ id: planSections.id });
        await insertLevel(node.children, row?.id ?? null);
      }
    };
    await insertLevel(tree, null);
    return ordinal;
  }

  /** The outline without section texts, in document order. */
  listByPlan(planId: number) {
    return this.db
      .select({
        id: planSections.id,
        parentId: planSections.parentId,
        kind: planSections.kind,
        level: planSections.level,
        ordinal: planSections.ordinal,
        number: planSections.number,
        title: planSections.title,
        startOffset: planSections.startOffset,
        endOffset: planSections.endOffset,
      })
      .from(planSections)
      .where(eq(planSections.planId, planId))
      .orderBy(asc(planSections.ordinal));
  }

  async get(planId: number, sectionId: number): Promise<PlanSectionRow | undefined> {
    const [row] = await this.db
      .select()
      .from(planSections)
      .where(and(eq(planSections.planId, planId), eq(planSections.id, sectionId)));
    return row;
  }
}
