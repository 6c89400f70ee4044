import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeightRule,
  HighlightColor,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { AnnualReport, Block, Run } from './annual-report.model.ts';
import type { RenderedChart } from './charts.ts';

/**
 * GB/T 9704-2012 (党政机关公文格式) page and type, in Word units: twips (1/20 pt; 1 mm = 56.69 twips) and
 * half-points for font sizes. A4; 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm; 22 lines × 28 characters of 3号.
 */
const MM = 1440 / 25.4;
export const LAYOUT = {
  pageWidth: 11906,
  pageHeight: 16838,
  marginTop: Math.round(37 * MM), // 2098
  marginLeft: Math.round(28 * MM), // 1587
  marginRight: Math.round((210 - 28 - 156) * MM), // 1474
  marginBottom: Math.round((297 - 37 - 225) * MM), // 1984
  /** Page number line: its 一字线 sit 7 mm under the type area, so its foot is about 23 mm above the page's. */
  footer: Math.round(23 * MM),
  header: Math.round(15 * MM),
  /** 225 mm / 22 lines = 28.99 pt; 28.95 pt keeps 22 lines inside the type area after rounding. */
  linePitch: 579,
  /**
   * 156 mm / 28 = 15.79 pt a character, so 3号 runs are condensed by 0.25 pt (in twentieths of a point):
   * 28 characters fill the line in Word and LibreOffice alike (a character grid is read differently by each).
   */
  condense: -5,
  textWidth: Math.round(156 * MM), // 8844
} as const;

export const FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
  latin: 'Times New Roman',
} as const;

/** Sizes in half-points: 2号 22 pt, 3号 16 pt, 4号 14 pt, 五号 10.5 pt. */
export const SIZES = { title: 44, body: 32, pageNumber: 28, caption: 28, table: 21 } as const;

const font = (eastAsia: string) => ({ ascii: FONTS.latin, hAnsi: FONTS.latin, eastAsia, cs: FONTS.latin });
const exact = (line: number) => ({ line, lineRule: LineRuleType.EXACT, before: 0, after: 0 });
const INDENT_2 = { firstLine: 640, firstLineChars: 200 };

function runs(list: Run[], eastAsia: string = FONTS.body, size: number = SIZES.body): TextRun[] {
  return list.map(
    (r) =>
      new TextRun({
        text: r.text,
        font: font(eastAsia),
        size,
        bold: r.bold ?? false,
        ...(size === SIZES.body ? { characterSpacing: LAYOUT.condense } : {}),
        ...(r.fill ? { highlight: HighlightColor.YELLOW } : {}),
      }),
  );
}

function pageNumberFooter(side: 'odd' | 'even'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        // 单页码居右空一字，双页码居左空一字 (one 4号 character = 280 twips)
        indent: side === 'odd' ? { right: 280 } : { left: 280 },
        spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: font(FONTS.pageNumber),
            size: SIZES.pageNumber,
          }),
        ],
      }),
    ],
  });
}

const CELL_BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

function tableOf(block: Extract<Block, { kind: 'table' }>): Table {
  const sum = block.widths.reduce((a, b) => a + b, 0);
  const widths = block.widths.map((w) => Math.floor((w / sum) * LAYOUT.textWidth));
  const cell = (text: string, i: number, header: boolean) =>
    new TableCell({
      width: { size: widths[i] ?? 1000, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      margins: { left: 40, right: 40, top: 20, bottom: 20 },
      ...(header ? { shading: { type: ShadingType.CLEAR, fill: 'E7E6E6', color: 'auto' } } : {}),
      children: [
        new Paragraph({
          alignment: header || block.align[i] !== 'left' ? AlignmentType.CENTER : AlignmentType.LEFT,
          spacing: exact(300),
          children: [
            new TextRun({
              text,
              font: font(header ? FONTS.heading1 : FONTS.body),
              size: SIZES.table,
              ...(text.includes('【待补充') ? { highlight: HighlightColor.YELLOW } : {}),
            }),
          ],
        }),
      ],
    });
  return new Table({
    width: { size: LAYOUT.textWidth, type: WidthType.DXA },
    columnWidths: widths,
    borders: {
      top: CELL_BORDER,
      bottom: CELL_BORDER,
      left: CELL_BORDER,
      right: CELL_BORDER,
      insideHorizontal: CELL_BORDER,
      insideVertical: CELL_BORDER,
    },
    rows: [
      new TableRow({
        tableHeader: true,
        height: { value: 400, rule: HeightRule.ATLEAST },
        children: block.header.map((h, i) => cell(h, i, true)),
      }),
      ...block.rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            height: { value: 360, rule: HeightRule.ATLEAST },
            children: r.map((c, i) => cell(c, i, false)),
          }),
      ),
    ],
  });
}

function caption(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: exact(LAYOUT.linePitch),
    keepNext: true,
    children: [new TextRun({ text, font: font(FONTS.heading1), size: SIZES.caption })],
  });
}

/** Word body of one block; `breakBefore` starts it on a new page. */
function render(block: Block, charts: Map<string, RenderedChart>, breakBefore: boolean): (Paragraph | Table)[] {
  const pageBreakBefore = breakBefore;
  switch (block.kind) {
    case 'title':
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          pageBreakBefore,
          spacing: exact(LAYOUT.linePitch + 120),
          children: block.lines.map(
            (line, i) => new TextRun({ text: line, font: font(FONTS.title), size: SIZES.title, break: i > 0 ? 1 : 0 }),
          ),
        }),
      ];
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
      return [
        new Paragraph({
          pageBreakBefore,
          indent: INDENT_2,
          keepNext: true,
          spacing: exact(LAYOUT.linePitch),
          children: runs([{ text: block.text }], block.kind === 'heading1' ? FONTS.heading1 : FONTS.heading2),
        }),
      ];
    case 'paragraph':
      return [
        new Paragraph({
          pageBreakBefore,
          alignment: AlignmentType.JUSTIFIED,
          ...(block.indent ? { indent: INDENT_2 } : {}),
          spacing: exact(LAYOUT.linePitch),
          children: runs(block.runs),
        }),
      ];
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
        tableOf(block),
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
      return block.lines.map(
        (line) =>
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            indent: { right: 4 * 320 },
            spacing: exact(LAYOUT.linePitch),
            children: runs(line),
          }),
      );
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
  const doc = new Document({
    creator: '蓝图 Lantu',
    title: report.title,
    description: `${report.region.name} ${report.year}年度监测评估报告（系统生成的讨论稿）`,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: font(FONTS.body), size: SIZES.body, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
          paragraph: { spacing: exact(LAYOUT.linePitch) },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: LAYOUT.pageWidth, height: LAYOUT.pageHeight },
            margin: {
              top: LAYOUT.marginTop,
              bottom: LAYOUT.marginBottom,
              left: LAYOUT.marginLeft,
              right: LAYOUT.marginRight,
              header: LAYOUT.header,
              footer: LAYOUT.footer,
            },
          },
          // Line pitch recorded without a snapping grid: the exact spacing above gives the 22 lines, and table
          // cells keep their own tighter spacing (LibreOffice snaps every paragraph to an active grid).
          grid: { linePitch: LAYOUT.linePitch },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
