import ExcelJS from 'exceljs';
import { LIBRARY_NAMES, type Library, type Light } from '../domain/projects/index.ts';

/** One exported project: the list row, its light and the light's inputs. */
export interface ExportedProject {
  project: {
    id: number;
    code: string | null;
    name: string;
    regionCode: string | null;
    regionName: string | null;
    zone: string | null;
    chain: string | null;
    ownerName: string | null;
    totalInvestment: number | null;
    library: Library;
    startedOn: string | null;
    inProductionOn: string | null;
    liaisonLeaders: string[];
  };
  light: { light: Light; reasons: Array<{ zh: string }> };
  schedule: { year: number; monthsElapsed: number; plannedYear: number; completedYtd: number };
}

export interface ExportContext {
  asOf: string;
  /** The filter as given, written on the 说明 sheet so a printed list says what it is. */
  filter: Record<string, unknown>;
  total: number;
}

const LIGHT_ZH: Record<Light, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' };
const LIGHT_FILL: Record<Light, string> = { green: 'FFC6EFCE', yellow: 'FFFFEB9C', red: 'FFFFC7CE' };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F2' } };

/** Column headers of the export, in order; the browser test reads the file back by these. */
export const EXPORT_COLUMNS = [
  { key: 'id', header: '项目编号', width: 10 },
  { key: 'name', header: '项目名称', width: 48 },
  { key: 'code', header: '项目代码', width: 24 },
  { key: 'region', header: '县（市、区）', width: 12 },
  { key: 'zone', header: '开发区', width: 16 },
  { key: 'chain', header: '产业链', width: 14 },
  { key: 'owner', header: '业主单位', width: 26 },
  { key: 'library', header: '所处库', width: 10 },
  { key: 'total', header: '总投资（万元）', width: 14 },
  { key: 'plannedYear', header: '年度计划投资（万元）', width: 16 },
  { key: 'completedYtd', header: '年度已完成投资（万元）', width: 18 },
  { key: 'started', header: '开工日期', width: 12 },
  { key: 'production', header: '投产日期', width: 12 },
  { key: 'light', header: '预警灯', width: 8 },
  { key: 'reasons', header: '预警原因', width: 60 },
  { key: 'leaders', header: '包联市领导', width: 16 },
] as const;

/**
 * The filtered project list as a workbook: one row per project with its warning light and reasons
 * (the light judged on `asOf`), and a 说明 sheet naming the filter, the date and the rule.
 */
export async function projectListWorkbook(items: ExportedProject[], ctx: ExportContext): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Lantu 蓝图';
  const ws = wb.addWorksheet('项目列表');
  ws.columns = EXPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  const lightCol = EXPORT_COLUMNS.findIndex((c) => c.key === 'light') + 1;
  for (const { project: p, light, schedule } of items) {
    const row = ws.addRow({
      id: p.id,
      name: p.name,
      code: p.code ?? '',
      region: p.regionName ?? p.regionCode ?? '',
      zone: p.zone ?? '',
      chain: p.chain ?? '',
      owner: p.ownerName ?? '',
      library: LIBRARY_NAMES[p.library].zh,
      total: p.totalInvestment,
      plannedYear: schedule.plannedYear,
      completedYtd: schedule.completedYtd,
      started: p.startedOn ?? '',
      production: p.inProductionOn ?? '',
      light: LIGHT_ZH[light.light],
      reasons: light.reasons.map((r) => r.zh).join('；'),
      leaders: p.liaisonLeaders.join('、'),
    });
    row.getCell(lightCol).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: LIGHT_FILL[light.light] } };
  }
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).eachCell((c) => {
    c.fill = HEADER_FILL;
  });
  ws.views = [{ state: 'frozen', ySplit: 1, xSplit: 2 }];
  if (items.length) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: EXPORT_COLUMNS.length } };
  for (const k of ['total', 'plannedYear', 'completedYtd'] as const) ws.getColumn(k).numFmt = '#,##0.0';

  const about = wb.addWorksheet('说明');
  const filter = Object.entries(ctx.filter)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${String(v)}`)
    .join('；');
  const year = items[0]?.schedule.year ?? Number(ctx.asOf.slice(0, 4));
  const months = items[0]?.schedule.monthsElapsed ?? Number(ctx.asOf.slice(5, 7)) - 1;
  about.addRows([
    ['导出日期 / as of', ctx.asOf],
    ['筛选条件 / filter', filter || '全部项目 / all projects'],
    ['项目数 / projects', ctx.total],
    [
      '预警规则 / light rule',
      `按时序进度：${year}年1—${months}月完成投资占年度计划投资的比例，低于时序进度5个百分点黄灯、10个百分点红灯；计划节点逾期30天黄灯、90天红灯，取较重者。`,
    ],
  ]);
  about.getColumn(1).width = 22;
  about.getColumn(2).width = 110;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
