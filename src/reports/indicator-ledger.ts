import ExcelJS from 'exceljs';

export interface TemplateRow {
  id: number;
  code: string;
  name: string;
  unit: string;
  previous: number | null;
  expected: number | null;
  value: number | null;
  note: string | null;
}

export interface TemplateInput {
  planTitle: string;
  regionCode: string;
  regionName: string;
  period: string;
  unitName: string | null;
  rows: TemplateRow[];
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F2' } };

/**
 * The value-entry template a unit fills in: headers and reference columns locked, only 本期值 and 备注
 * editable, 本期值 validated as a number. Its column names are what `readValueFile` reads back.
 */
export async function buildValueTemplate(input: TemplateInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Lantu 蓝图';
  const ws = wb.addWorksheet('填报');
  ws.columns = [
    { header: '指标编号', key: 'id', width: 10 },
    { header: '编码', key: 'code', width: 12 },
    { header: '指标名称', key: 'name', width: 44 },
    { header: '单位', key: 'unit', width: 10 },
    { header: '行政区划代码', key: 'region', width: 14 },
    { header: '期间', key: 'period', width: 10 },
    { header: '上期值', key: 'previous', width: 12 },
    { header: '预期值', key: 'expected', width: 12 },
    { header: '本期值', key: 'value', width: 12 },
    { header: '备注', key: 'note', width: 40 },
  ];
  for (const r of input.rows) {
    ws.addRow({ ...r, region: input.regionCode, period: input.period });
  }
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).eachCell((c) => {
    c.fill = HEADER_FILL;
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (let i = 2; i <= input.rows.length + 1; i++) {
    const value = ws.getCell(`I${i}`);
    value.protection = { locked: false };
    value.dataValidation = {
      type: 'decimal',
      operator: 'between',
      formulae: [-1e12, 1e12],
      allowBlank: true,
      showErrorMessage: true,
      errorTitle: '数值 / Number',
      error: '本期值必须是数字 / The value must be a number',
    };
    ws.getCell(`J${i}`).protection = { locked: false };
  }
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true });
  const about = wb.addWorksheet('说明');
  about.addRows([
    ['规划', input.planTitle],
    ['地区', `${input.regionName}（${input.regionCode}）`],
    ['期间', input.period],
    ['责任单位', input.unitName ?? '全部'],
    [
      '填写说明',
      '只填写“本期值”和“备注”两列；与上期相比变化超过 50% 时请在备注中说明原因。上传时任何一行有错误，整个文件都不会保存。',
    ],
    [
      'Instructions',
      'Fill in only 本期值 (value) and 备注 (note). A change of more than 50 % from the last period needs a note. If any row has an error, nothing in the file is saved.',
    ],
  ]);
  about.getColumn(1).width = 14;
  about.getColumn(2).width = 100;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface LedgerRow {
  code: string;
  name: string;
  unit: string;
  category: string;
  attribute: string;
  baseline: string;
  target: string;
  actual: number | null;
  expected: number | null;
  status: string;
  reason: string;
  leadUnit: string;
}

/** 指标台账: every indicator with value, target and status for one period. */
export async function buildIndicatorLedger(title: string, period: string, rows: LedgerRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`${period} 指标台账`);
  ws.addRow([`${title} — ${period}年指标监测台账`]).font = { bold: true, size: 14 };
  const header = ws.addRow([
    '编码',
    '指标名称',
    '单位',
    '类别',
    '属性',
    '基期值',
    '目标',
    '实际值',
    '预期值',
    '状态',
    '判断依据',
    '牵头单位',
  ]);
  header.font = { bold: true };
  header.eachCell((c) => {
    c.fill = HEADER_FILL;
  });
  for (const r of rows) {
    ws.addRow([
      r.code,
      r.name,
      r.unit,
      r.category,
      r.attribute,
      r.baseline,
      r.target,
      r.actual,
      r.expected,
      r.status,
      r.reason,
      r.leadUnit,
    ]);
  }
  [12, 40, 10, 12, 8, 12, 16, 12, 12, 12, 60, 16].forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
