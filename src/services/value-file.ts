import ExcelJS from 'exceljs';
import { LantuError } from '../errors.ts';
import { decodeText } from '../text/decode.ts';
import type { ImportRow } from './indicator-value.service.ts';

/** Column names accepted in value files, English (the CLI contract) and Chinese (the template). */
const HEADERS: Record<string, keyof Omit<ImportRow, 'row' | 'sheet'> | 'indicatorId'> = {
  indicator: 'indicator',
  指标: 'indicator',
  指标名称: 'indicator',
  id: 'indicatorId',
  指标编号: 'indicatorId',
  region: 'region',
  行政区划代码: 'region',
  period: 'period',
  期间: 'period',
  value: 'value',
  数值: 'value',
  本期值: 'value',
  note: 'note',
  备注: 'note',
};

function toRows(sheet: string, table: string[][]): ImportRow[] {
  const [header, ...body] = table;
  if (!header) return [];
  const roles = header.map((h) => HEADERS[h.trim().toLowerCase()] ?? HEADERS[h.trim()]);
  const missing = ['region', 'period', 'value'].filter((r) => !roles.includes(r as never));
  if (!roles.includes('indicator') && !roles.includes('indicatorId')) missing.unshift('indicator');
  if (missing.length) {
    throw new LantuError('IMPORT_FAILED', {
      zh: `工作表“${sheet}”缺少列：${missing.join('、')}`,
      en: `sheet “${sheet}” lacks the columns: ${missing.join(', ')}`,
    });
  }
  const rows: ImportRow[] = [];
  body.forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return;
    const get = (role: string) => {
      const idx = roles.indexOf(role as never);
      return idx >= 0 ? (cells[idx] ?? '').trim() : '';
    };
    const value = get('value');
    // Template rows left blank are not an error: the unit had nothing to report for them.
    if (value === '' && roles.includes('indicatorId')) return;
    rows.push({
      sheet,
      row: i + 2,
      indicator: get('indicatorId') || get('indicator'),
      region: get('region'),
      period: get('period'),
      value,
      note: get('note') || undefined,
    });
  });
  return rows;
}

/** Minimal RFC 4180 CSV: quoted fields, doubled quotes, commas and newlines inside quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endField();
      rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '');
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

/** Reads a CSV (any common encoding) or .xlsx value file into rows; a corrupt file is refused clearly. */
export async function readValueFile(bytes: Uint8Array, fileName: string): Promise<ImportRow[]> {
  if (bytes.byteLength === 0) throw new LantuError('UPLOAD_EMPTY');
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (!isZip) {
    if (!/\.(csv|txt)$/i.test(fileName))
      throw new LantuError('UNSUPPORTED_FORMAT', { zh: '请上传 .xlsx 或 .csv', en: 'upload .xlsx or .csv' });
    return toRows('CSV', parseCsv(decodeText(bytes).text));
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new LantuError('CORRUPT_FILE', {
      zh: `无法读取 Excel 文件“${fileName}”`,
      en: `cannot read the Excel file “${fileName}”`,
    });
  }
  const rows: ImportRow[] = [];
  let usable = 0;
  wb.eachSheet((ws) => {
    if (ws.state !== 'visible') return;
    const table: string[][] = [];
    ws.eachRow({ includeEmpty: true }, (r) => {
      const cells: string[] = [];
      for (let c = 1; c <= ws.columnCount; c++) cells.push(cellText(r.getCell(c).value));
      table.push(cells);
    });
    // Sheets without a value column (the template's 说明 sheet) are notes, not data.
    if (!table[0]?.some((h) => HEADERS[h.trim()] === 'value' || HEADERS[h.trim().toLowerCase()] === 'value')) return;
    usable++;
    rows.push(...toRows(ws.name, table));
  });
  if (usable === 0) {
    throw new LantuError('IMPORT_FAILED', {
      zh: '没有找到含“本期值”或 value 列的工作表',
      en: 'no sheet has a 本期值 or value column',
    });
  }
  return rows;
}
