import ExcelJS from 'exceljs';
import type { ProjectFilter } from '../db/repositories/project.repository.ts';
import type { ProjectRow } from '../db/schema.ts';
import { checkTransition, defaultChecklist, LIBRARIES, LIBRARY_NAMES, type Library } from '../domain/projects/index.ts';
import { LantuError } from '../errors.ts';
import { decodeText } from '../text/decode.ts';
import type { ServiceContext } from './context.ts';
import { type Clock, type FieldError, type ProjectFields, ProjectService } from './project.service.ts';
import { parseCsv } from './value-file.ts';

/**
 * The project list (项目清单) in Excel: a template that round-trips (download, fill in, upload) and
 * an all-or-nothing import. Rows with a 项目编号 update that project (its 版本 must still be current,
 * so an old download cannot overwrite newer edits); rows without one create a project in the plan.
 * Library and milestones are not edited here: they move only through transitions (the lifecycle
 * rules), so a changed 所处库 on an existing project is an error.
 */
type Key = keyof ProjectFields | 'id' | 'version' | 'library';

export const PROJECT_COLUMNS: ReadonlyArray<{ key: Key; header: string; width: number }> = [
  { key: 'id', header: '项目编号', width: 10 },
  { key: 'version', header: '版本', width: 6 },
  { key: 'name', header: '项目名称', width: 48 },
  { key: 'code', header: '项目代码', width: 26 },
  { key: 'programme', header: '所属专栏', width: 30 },
  { key: 'regionCode', header: '行政区划代码', width: 14 },
  { key: 'zone', header: '开发区', width: 16 },
  { key: 'industry', header: '产业', width: 14 },
  { key: 'chain', header: '产业链', width: 14 },
  { key: 'ownerName', header: '业主单位', width: 28 },
  { key: 'ownerCreditCode', header: '统一社会信用代码', width: 22 },
  { key: 'totalInvestment', header: '总投资（万元）', width: 14 },
  { key: 'library', header: '所处库', width: 10 },
  { key: 'plannedStartOn', header: '计划开工日期', width: 14 },
  { key: 'plannedProductionOn', header: '计划投产日期', width: 14 },
  { key: 'plannedCapacityOn', header: '计划达产日期', width: 14 },
  { key: 'responsibleUnit', header: '责任单位', width: 20 },
  { key: 'liaisonLeaders', header: '包联市领导', width: 20 },
  { key: 'serviceUnit', header: '服务专员单位', width: 20 },
];

/** Header → column key; the English keys are accepted too (CSV written by scripts). */
const HEADER_KEYS = new Map<string, Key>(
  PROJECT_COLUMNS.flatMap((c) => [[c.header, c.key] as const, [c.key.toLowerCase(), c.key] as const]),
);
const SHEET = '项目清单';

export interface ProjectImportRow {
  sheet: string;
  row: number;
  cells: Partial<Record<Key, string>>;
}

export interface ProjectImportError {
  sheet: string;
  row: number;
  column: string;
  zh: string;
  en: string;
}

function libraryOf(s: string): Library | null {
  const t = s.trim();
  if ((LIBRARIES as readonly string[]).includes(t)) return t as Library;
  for (const l of LIBRARIES) if (LIBRARY_NAMES[l].zh === t || LIBRARY_NAMES[l].zh.replace('库', '') === t) return l;
  return null;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '');
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

export class ProjectExchangeService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly clock: Clock = () => new Date(),
  ) {}

  /** The template: the current projects (of a plan, a region …) ready to edit, plus empty rows to add. */
  async template(filter: ProjectFilter): Promise<Buffer> {
    const projects = await this.ctx.repos.projects.all(filter);
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Lantu 蓝图';
    const ws = wb.addWorksheet(SHEET);
    ws.columns = PROJECT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
    for (const p of projects) ws.addRow(toCells(p));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).eachCell((c) => {
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F2' } };
    });
    ws.views = [{ state: 'frozen', ySplit: 1, xSplit: 3 }];
    const libraries = `"${LIBRARIES.map((l) => LIBRARY_NAMES[l].zh).join(',')}"`;
    const libCol = PROJECT_COLUMNS.findIndex((c) => c.key === 'library') + 1;
    for (let r = 2; r <= projects.length + 200; r++) {
      ws.getCell(r, libCol).dataValidation = { type: 'list', allowBlank: true, formulae: [libraries] };
    }
    const about = wb.addWorksheet('说明');
    about.addRows([
      [
        '填写说明',
        '有“项目编号”的行修改该项目（“版本”须与下载时一致）；新增项目请留空“项目编号”和“版本”。日期写作 2024-03-15；总投资单位为万元；多位包联领导以“、”分隔。',
      ],
      ['所处库', '新项目可填谋划库、储备库或建设库；已有项目的所处库只能通过“状态变更”调整，不能在此修改。'],
      [
        '校验',
        '统一社会信用代码按 GB 32100-2015 校验位检查；项目代码按 GB/T 40058-2021 格式检查。任何一行有错误，整个文件都不保存，错误按工作表/行/列列出。',
      ],
      [
        'Instructions',
        'Rows with 项目编号 update that project (版本 must match); leave both empty to add a project. Dates as 2024-03-15; investment in 万元. If any row has an error, nothing is saved.',
      ],
    ]);
    about.getColumn(1).width = 14;
    about.getColumn(2).width = 110;
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  async read(bytes: Uint8Array, fileName: string): Promise<ProjectImportRow[]> {
    if (bytes.byteLength === 0) throw new LantuError('UPLOAD_EMPTY');
    const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
    const tables: Array<{ sheet: string; table: string[][] }> = [];
    if (!isZip) {
      if (!/\.(csv|txt)$/i.test(fileName)) {
        throw new LantuError('UNSUPPORTED_FORMAT', { zh: '请上传 .xlsx 或 .csv', en: 'upload .xlsx or .csv' });
      }
      tables.push({ sheet: 'CSV', table: parseCsv(decodeText(bytes).text) });
    } else {
      const wb = new ExcelJS.Workbook();
      try {
        await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
      } catch {
        throw new LantuError('CORRUPT_FILE', {
          zh: `无法读取 Excel 文件“${fileName}”`,
          en: `cannot read “${fileName}”`,
        });
      }
      wb.eachSheet((ws) => {
        if (ws.state !== 'visible') return;
        const table: string[][] = [];
        ws.eachRow({ includeEmpty: true }, (r) => {
          const cells: string[] = [];
          for (let c = 1; c <= ws.columnCount; c++) cells.push(cellText(r.getCell(c).value));
          table.push(cells);
        });
        tables.push({ sheet: ws.name, table });
      });
    }
    const rows: ProjectImportRow[] = [];
    let usable = 0;
    for (const { sheet, table } of tables) {
      const [header, ...body] = table;
      const keys = (header ?? []).map((h) => HEADER_KEYS.get(h.trim()) ?? HEADER_KEYS.get(h.trim().toLowerCase()));
      if (!keys.includes('name')) continue; // the 说明 sheet
      usable++;
      body.forEach((cells, i) => {
        if (cells.every((c) => c.trim() === '')) return;
        const out: Partial<Record<Key, string>> = {};
        keys.forEach((k, j) => {
          if (k) out[k] = (cells[j] ?? '').trim();
        });
        rows.push({ sheet, row: i + 2, cells: out });
      });
    }
    if (usable === 0) {
      throw new LantuError('IMPORT_FAILED', {
        zh: '没有找到含“项目名称”列的工作表',
        en: 'no sheet has a 项目名称 column',
      });
    }
    return rows;
  }

  /** Every row is checked first; one bad row and nothing is saved (IMPORT_FAILED lists each by sheet/row/column). */
  async importFile(planId: number | null, bytes: Uint8Array, fileName: string, actor: string) {
    const rows = await this.read(bytes, fileName);
    if (rows.length === 0) {
      throw new LantuError('IMPORT_FAILED', { zh: '文件中没有项目', en: 'the file holds no projects' });
    }
    const service = new ProjectService(this.ctx, this.clock);
    return this.ctx.transaction(async (repos) => {
      if (planId !== null && !(await repos.plans.get(planId))) {
        throw new LantuError('NOT_FOUND', { zh: `规划 ${planId}`, en: `plan ${planId}` });
      }
      const regions = await service.regionIndex(repos);
      const existing = new Map((await repos.projects.all()).map((p) => [p.id, p]));
      const errors: ProjectImportError[] = [];
      const creates: Array<{ fields: ProjectFields; library: Library; at: ProjectImportRow }> = [];
      const updates: Array<{ project: ProjectRow; fields: ProjectFields; at: ProjectImportRow }> = [];
      const seenIds = new Set<number>();
      const header = (k: string) => PROJECT_COLUMNS.find((c) => c.key === k)?.header ?? k;
      for (const r of rows) {
        const push = (column: string, zh: string, en: string) =>
          errors.push({ sheet: r.sheet, row: r.row, column: header(column), zh, en });
        const c = r.cells;
        const fields: ProjectFields = {};
        for (const k of [
          'code',
          'programme',
          'regionCode',
          'zone',
          'industry',
          'chain',
          'ownerName',
          'ownerCreditCode',
          'plannedStartOn',
          'plannedProductionOn',
          'plannedCapacityOn',
          'responsibleUnit',
          'serviceUnit',
        ] as const) {
          if (c[k] !== undefined) fields[k] = c[k] || null;
        }
        if (c.name !== undefined) fields.name = c.name;
        if (c.totalInvestment !== undefined) {
          const t = c.totalInvestment.replace(/,/g, '');
          const n = t === '' ? null : Number(t);
          if (n !== null && !Number.isFinite(n))
            push(
              'totalInvestment',
              `总投资“${c.totalInvestment}”不是数字`,
              `total investment “${c.totalInvestment}” is not a number`,
            );
          else fields.totalInvestment = n;
        }
        if (c.liaisonLeaders !== undefined) fields.liaisonLeaders = c.liaisonLeaders.split(/[、,，;；]/);
        const id = c.id ? Number(c.id) : null;
        const project = id !== null ? existing.get(id) : undefined;
        const lib = c.library ? libraryOf(c.library) : null;
        if (c.library && !lib) push('library', `所处库“${c.library}”无效`, `unknown library “${c.library}”`);
        if (id !== null && !project) {
          push('id', `项目编号“${c.id}”不存在`, `no project “${c.id}”`);
          continue;
        }
        if (id !== null && seenIds.has(id)) {
          push('id', `项目编号${id}在文件中重复`, `project ${id} appears twice in the file`);
          continue;
        }
        if (id !== null) seenIds.add(id);
        const check: { errors: FieldError[] } = service.checkFields(fields, regions, !project);
        for (const e of check.errors) push(e.field, e.zh, e.en);
        if (project) {
          if (c.version && Number(c.version) !== project.version) {
            push(
              'version',
              `项目已在下载后被修改（当前版本${project.version}），请重新下载模板`,
              `the project changed after download (now version ${project.version}); download the template again`,
            );
          }
          if (lib && lib !== project.library) {
            push(
              'library',
              '已有项目的所处库须通过状态变更调整',
              'an existing project changes library only through a transition',
            );
          }
          updates.push({ project, fields, at: r });
        } else {
          const library = lib ?? 'conceived';
          const violations = checkTransition(
            { id: 'new', library: 'conceived', milestones: {} },
            { library, allowSkip: true },
            service.today(),
          );
          for (const v of violations) push('library', v.zh, v.en);
          creates.push({ fields, library, at: r });
        }
      }
      if (errors.length) throw importFailed(errors);
      let created = 0;
      let updated = 0;
      let unchanged = 0;
      for (const { fields, library } of creates) {
        const { patch } = service.checkFields(fields, regions, true);
        const row = await repos.projects.insert({ ...patch, name: patch.name as string, planId, library });
        await repos.audit.record({
          actor,
          action: 'create',
          entity: 'project',
          entityId: String(row.id),
          after: { ...patch, library, from: 'import' },
        });
        // a new project starts with the usual approvals checklist, as one made in the form does
        await repos.approvals.insertMany(defaultChecklist(row.id, actor));
        created++;
      }
      for (const { project, fields } of updates) {
        const { patch } = service.checkFields(fields, regions, false);
        const before: Record<string, unknown> = {};
        const after: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(patch)) {
          const old = project[k as keyof ProjectRow];
          if (JSON.stringify(old ?? null) !== JSON.stringify(v ?? null)) {
            before[k] = old ?? null;
            after[k] = v ?? null;
          }
        }
        if (Object.keys(after).length === 0) {
          unchanged++;
          continue;
        }
        const saved = await repos.projects.updateVersioned(project.id, project.version, { ...after, isDemo: false });
        if (!saved)
          throw new LantuError('STALE_VERSION', { zh: `项目“${project.name}”`, en: `project “${project.name}”` });
        await repos.audit.record({
          actor,
          action: 'update',
          entity: 'project',
          entityId: String(project.id),
          before,
          after: { ...after, from: 'import' },
        });
        updated++;
      }
      return { created, updated, unchanged };
    });
  }
}

function toCells(p: ProjectRow): Record<string, unknown> {
  return {
    id: p.id,
    version: p.version,
    name: p.name,
    code: p.code,
    programme: p.programme,
    regionCode: p.regionCode,
    zone: p.zone,
    industry: p.industry,
    chain: p.chain,
    ownerName: p.ownerName,
    ownerCreditCode: p.ownerCreditCode,
    totalInvestment: p.totalInvestment,
    library: LIBRARY_NAMES[p.library].zh,
    plannedStartOn: p.plannedStartOn,
    plannedProductionOn: p.plannedProductionOn,
    plannedCapacityOn: p.plannedCapacityOn,
    responsibleUnit: p.responsibleUnit,
    liaisonLeaders: (p.liaisonLeaders ?? []).join('、'),
    serviceUnit: p.serviceUnit,
  };
}

function importFailed(errors: ProjectImportError[]): LantuError {
  const first = errors.slice(0, 5);
  return new LantuError(
    'IMPORT_FAILED',
    {
      zh:
        first.map((e) => `${e.sheet} 第${e.row}行 ${e.column}：${e.zh}`).join('；') +
        (errors.length > 5 ? ` 等 ${errors.length} 处` : ''),
      en:
        first.map((e) => `${e.sheet} row ${e.row} ${e.column}: ${e.en}`).join('; ') +
        (errors.length > 5 ? ` and ${errors.length - 5} more` : ''),
    },
    { errors },
  );
}
