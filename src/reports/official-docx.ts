import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeightRule,
  HighlightColor,
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

/**
 * Word machinery shared by the official documents Lantu drafts (the annual report, the quarterly bulletin):
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

/** 红头: 发文机关标志 and 分隔线 in red (GB/T 9704 §7.2.4, §7.2.6). */
export const RED = 'FF0000';

/** A run of text, possibly a place a person must fill in (highlighted) or bold. */
export interface DocRun {
  text: string;
  fill?: boolean;
  bold?: boolean;
}

export const font = (eastAsia: string) => ({ ascii: FONTS.latin, hAnsi: FONTS.latin, eastAsia, cs: FONTS.latin });
export const exact = (line: number) => ({ line, lineRule: LineRuleType.EXACT, before: 0, after: 0 });
/** 首行缩进二字 (two 3号 characters). */
export const INDENT_2 = { firstLine: 640, firstLineChars: 200 };

export function runs(list: DocRun[], eastAsia: string = FONTS.body, size: number = SIZES.body): TextRun[] {
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

export function pageNumberFooter(side: 'odd' | 'even'): Footer {
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

export interface DocTable {
  header: string[];
  rows: string[][];
  /** Relative column widths. */
  widths: number[];
  align: ('left' | 'center')[];
}

/** A ruled table in 五号: 黑体 header on grey, 仿宋 cells; cells with 【待补充 are highlighted. */
export function officialTable(block: DocTable): Table {
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

export function caption(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: exact(LAYOUT.linePitch),
    keepNext: true,
    children: [new TextRun({ text, font: font(FONTS.heading1), size: SIZES.caption })],
  });
}

/** 标题: 2号 小标宋, centred, in the lines it is set in. */
export function titleParagraph(lines: string[], pageBreakBefore = false): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    pageBreakBefore,
    spacing: exact(LAYOUT.linePitch + 120),
    children: lines.map(
      (line, i) => new TextRun({ text: line, font: font(FONTS.title), size: SIZES.title, break: i > 0 ? 1 : 0 }),
    ),
  });
}

/** 正文 paragraph: justified, 仿宋 3号, first line indented two characters unless told otherwise. */
export function bodyParagraph(list: DocRun[], opts: { indent?: boolean; pageBreakBefore?: boolean } = {}): Paragraph {
  return new Paragraph({
    pageBreakBefore: opts.pageBreakBefore ?? false,
    alignment: AlignmentType.JUSTIFIED,
    ...((opts.indent ?? true) ? { indent: INDENT_2 } : {}),
    spacing: exact(LAYOUT.linePitch),
    children: runs(list),
  });
}

/** 一级标题 (黑体) or 二级标题 (楷体), indented two characters, kept with what follows. */
export function headingParagraph(text: string, level: 1 | 2, pageBreakBefore = false): Paragraph {
  return new Paragraph({
    pageBreakBefore,
    indent: INDENT_2,
    keepNext: true,
    spacing: exact(LAYOUT.linePitch),
    children: runs([{ text }], level === 1 ? FONTS.heading1 : FONTS.heading2),
  });
}

/** 发文机关署名 and 成文日期: right-aligned, 右空四字. */
export function signatureParagraphs(lines: DocRun[][]): Paragraph[] {
  return lines.map(
    (line) =>
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        indent: { right: 4 * 320 },
        spacing: exact(LAYOUT.linePitch),
        children: runs(line),
      }),
  );
}

export const emptyLine = (): Paragraph => new Paragraph({ spacing: exact(LAYOUT.linePitch), children: [] });

/**
 * 版头 (GB/T 9704 §7.2): 发文机关标志 in red 小标宋, centred; one blank line; 发文字号 centred in 仿宋 3号;
 * then the red 分隔线 4 mm under it, drawn as the bottom border of the 发文字号 paragraph so it moves with it.
 * The mark is set smaller than the 22 mm the standard allows for a one-line name (it suggests, not requires,
 * a size) so a long office name stays on one line of 156 mm.
 */
export function redHeader(issuerMark: string, docNumber: DocRun[]): Paragraph[] {
  // 156 mm ÷ characters, at most 1.6 cm a character (≈ 45 pt)
  const chars = [...issuerMark].length;
  const halfPoints = Math.max(44, Math.min(90, Math.floor(((156 / Math.max(chars, 1)) * 72) / 25.4) * 2));
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: Math.round(halfPoints * 10 * 1.2), lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      children: [
        new TextRun({ text: issuerMark, font: font(FONTS.title), size: halfPoints, color: RED, characterSpacing: 0 }),
      ],
    }),
    emptyLine(),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { ...exact(LAYOUT.linePitch), after: Math.round(4 * MM) },
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 8 } },
      children: runs(docNumber),
    }),
    emptyLine(),
  ];
}

/** One A4 section in official layout with outer-side page numbers, packed to .docx bytes. */
export async function packOfficialDocument(opts: {
  title: string;
  description: string;
  children: (Paragraph | Table)[];
}): Promise<Buffer> {
  const doc = new Document({
    creator: '蓝图 Lantu',
    title: opts.title,
    description: opts.description,
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
        children: opts.children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
