import { AlignmentType, ImageRun, LineRuleType, Paragraph, type Table, TextRun } from 'docx';
import type { AnnualReport, Block } from './annual-report.model.ts';
import type { RenderedChart } from './charts.ts';
import {
  bodyParagraph,
  caption,
  exact,
  FONTS,
  font,
  headingParagraph,
  LAYOUT,
  officialTable,
  packOfficialDocument,
  runs,
  SIZES,
  signatureParagraphs,
  titleParagraph,
} from './official-docx.ts';

// The layout constants live in official-docx.ts (shared with the bulletin); re-exported for existing callers.
export { FONTS, LAYOUT, SIZES };

/** Word body of one block; `breakBefore` starts it on a new page. */
function render(block: Block, charts: Map<string, RenderedChart>, breakBefore: boolean): (Paragraph | Table)[] {
  const pageBreakBefore = breakBefore;
  switch (block.kind) {
    case 'title':
      return [titleParagraph(block.lines, pageBreakBefore)];
    case 'subtitle':
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          pageBreakBefore,
          spacing: exact(LAYOUT.linePitch),
          children: runs(block.runs, FONTS.heading2),
        }),
      ];
    case 'heading1':
    case 'heading2':
      return [headingParagraph(block.text, block.kind === 'heading1' ? 1 : 2, pageBreakBefore)];
    case 'paragraph':
      return [bodyParagraph(block.runs, { indent: block.indent ?? false, pageBreakBefore })];
    case 'chart': {
      const img = charts.get(block.chart.id);
      if (!img) return [];
      const width = 560; // px at 96 dpi, inside the 156 mm (590 px) type area
      const height = Math.round((width * img.height) / img.width);
      return [
        new Paragraph({
          pageBreakBefore,
          alignment: AlignmentType.CENTER,
          keepNext: true,
          spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 120, after: 0 },
          children: [
            new ImageRun({
              type: 'svg',
              data: img.svg,
              fallback: { type: 'png', data: img.png },
              transformation: { width, height },
              altText: { name: block.chart.id, title: block.caption, description: block.caption },
            }),
          ],
        }),
        caption(block.caption),
      ];
    }
    case 'table':
      return [
        ...(block.caption ? [caption(block.caption)] : []),
        officialTable(block),
        new Paragraph({ spacing: exact(LAYOUT.linePitch), children: [] }),
      ];
    case 'annexTitle':
      return [
        new Paragraph({
          pageBreakBefore,
          spacing: exact(LAYOUT.linePitch),
          children: runs([{ text: block.label }], FONTS.heading1),
        }),
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: exact(LAYOUT.linePitch + 120),
          children: [new TextRun({ text: block.text, font: font(FONTS.title), size: SIZES.title })],
        }),
      ];
    case 'signature':
      return signatureParagraphs(block.lines);
    case 'pageBreak':
      return [];
  }
}

/** The report as a .docx in official-document layout; charts are embedded as SVG with a PNG fallback. */
export async function renderAnnualReportDocx(report: AnnualReport, charts: RenderedChart[]): Promise<Buffer> {
  const byId = new Map(charts.map((c) => [c.id, c]));
  const children: (Paragraph | Table)[] = [];
  let breakNext = false;
  for (const block of report.blocks) {
    if (block.kind === 'pageBreak') {
      breakNext = true;
      continue;
    }
    children.push(...render(block, byId, breakNext));
    breakNext = false;
  }
  return packOfficialDocument({
    title: report.title,
    description: `${report.region.name} ${report.year}年度监测评估报告（系统生成的讨论稿）`,
    children,
  });
}
