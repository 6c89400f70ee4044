import type { Paragraph, Table } from 'docx';
import {
  type BulletinContent,
  type BulletinParagraph,
  chineseDate,
  LIST_HEADER,
  listTableRows,
  RANK_HEADER,
  rankTableRows,
  splitFills,
  titleLines,
  ZONE_RANK_HEADER,
} from './bulletin.model.ts';
import {
  bodyParagraph,
  caption,
  emptyLine,
  headingParagraph,
  officialTable,
  packOfficialDocument,
  redHeader,
  signatureParagraphs,
  titleParagraph,
} from './official-docx.ts';

const RANK_WIDTHS = [5, 10, 7, 7, 8, 7, 8, 7];
const RANK_ALIGN = RANK_WIDTHS.map(() => 'center' as const);
const LIST_WIDTHS = [4, 14, 7, 10, 22];
const LIST_ALIGN: ('left' | 'center')[] = ['center', 'left', 'center', 'left', 'left'];

function textParagraphs(text: string): Paragraph[] {
  return text
    .split('\n')
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .map((t) => bodyParagraph(splitFills(t)));
}

function section(p: BulletinParagraph): Paragraph[] {
  return [...(p.heading ? [headingParagraph(p.heading, 1)] : []), ...textParagraphs(p.text)];
}

/**
 * The bulletin as a .docx in official-document layout (GB/T 9704): 红头 with the 发文字号 and the red
 * separator, 小标宋 title, 主送机关, body in 仿宋 3号 with 黑体 headings, the ranking tables and the red
 * and yellow lists, 发文机关署名 and 成文日期, page numbers — 1 — on the outer side.
 */
export async function renderBulletinDocx(content: BulletinContent, issued: boolean): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  children.push(...redHeader(content.issuerMark, splitFills(content.docNumber)));
  children.push(titleParagraph(titleLines(content.title)));
  children.push(emptyLine());
  if (content.hasDemoData) {
    children.push(
      bodyParagraph(
        [{ text: '【示例数据：本通报中的项目和数值含系统生成的示例数据，仅供演示，不代表实际情况】', fill: true }],
        { indent: false },
      ),
    );
  }
  children.push(bodyParagraph([{ text: content.recipients }], { indent: false }));
  const table = (header: string[], rows: string[][], widths: number[], align: ('left' | 'center')[]) => [
    officialTable({ header, rows, widths, align }),
    emptyLine(),
  ];
  for (const p of content.paragraphs) {
    children.push(...section(p));
    if (p.id === 'ranking') {
      children.push(caption('表1  各县（市、区）考核排名'));
      children.push(...table(RANK_HEADER, rankTableRows(content.rankings.county), RANK_WIDTHS, RANK_ALIGN));
      if (content.rankings.zone.length > 0) {
        children.push(caption('表2  各开发区考核排名'));
        children.push(...table(ZONE_RANK_HEADER, rankTableRows(content.rankings.zone), RANK_WIDTHS, RANK_ALIGN));
      }
    }
    if (p.id === 'red' && content.redList.length > 0) {
      children.push(caption('红色预警项目清单'));
      children.push(...table(LIST_HEADER, listTableRows(content.redList), LIST_WIDTHS, LIST_ALIGN));
    }
    if (p.id === 'yellow' && content.yellowList.length > 0) {
      children.push(caption('黄色预警项目清单'));
      children.push(...table(LIST_HEADER, listTableRows(content.yellowList), LIST_WIDTHS, LIST_ALIGN));
    }
  }
  children.push(emptyLine());
  children.push(...signatureParagraphs([[{ text: content.issuer }], [{ text: chineseDate(content.signedOn) }]]));
  return packOfficialDocument({
    title: content.title,
    description: `${content.city.name} ${content.year}年第${content.quarter}季度“五个一”通报（${issued ? '已印发' : '系统生成的讨论稿'}）`,
    children,
  });
}
