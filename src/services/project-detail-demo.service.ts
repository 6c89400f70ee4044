import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import type { NewProjectApproval } from '../db/repositories/project-approval.repository.ts';
import type { ProjectRow } from '../db/schema.ts';
import { DEFAULT_CHECKLIST } from '../domain/projects/index.ts';
import type { Repositories } from './context.ts';

/**
 * Demo checklists and progress photos for the demo projects (示例数据), deterministic per project.
 *
 * Checklists follow the project's stage on `today`: a project under construction or in effect has
 * every approval done before its start, with a permit number in the usual 文号 form; a signed project
 * not yet started has land, energy and EIA in progress, due before the planned start, and about one
 * in six is blocked on one factor (land quota, energy quota, EIA capacity or funding) — the cases the
 * bulletin's red/yellow lists name; a conceived project has nothing started.
 *
 * Photos: decision — the largest construction projects get one generated PNG (a drawn building at
 * the month's progress, labelled DEMO) for their last reported month, made with @resvg/resvg-js that
 * the report charts already use, so the page shows thumbnails without shipping image files.
 */
const DEMO_ACTOR = 'demo';
const PHOTO_PROJECTS = 6;

const PERMIT_PREFIX: Record<string, string> = {
  land: '运自然资预字',
  energy: '运发改能审',
  environment: '运环审',
  planning: '建字第',
  construction_permit: '施许',
};

const BLOCKERS: Array<{ kind: string; note: string }> = [
  { kind: 'land', note: '示例数据：新增建设用地指标未落实，待省厅调剂' },
  { kind: 'energy', note: '示例数据：能耗指标不足，待省级统筹' },
  { kind: 'environment', note: '示例数据：区域环境容量不足，排污权指标未落实' },
  { kind: 'funding', note: '示例数据：银行贷款未审批，资本金到位不足' },
];

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

const pad = (n: number) => String(n).padStart(2, '0');
function addDays(d: string, n: number): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** The checklist rows of one demo project on `today`. */
export function demoChecklist(p: ProjectRow, today: string): NewProjectApproval[] {
  const h = hash(`approvals:${p.itemKey ?? p.name}`);
  const started = p.startedOn && p.startedOn <= today ? p.startedOn : null;
  // about one signed, not-started project in six is blocked on one factor
  const blocked = !started && p.library === 'reserve' && h % 24 < 4 ? BLOCKERS[h % 4] : undefined;
  return DEFAULT_CHECKLIST.map((t, k) => {
    const row: NewProjectApproval = {
      projectId: p.id,
      kind: t.kind,
      title: t.title,
      department: t.department,
      quantityUnit: t.quantityUnit,
      status: 'not_started',
      note: null,
      updatedBy: DEMO_ACTOR,
    };
    if (started) {
      // done in the order of the list, the construction permit a few days before the start
      const doneOn = addDays(started, -12 * (DEFAULT_CHECKLIST.length - k) - ((h >> k) % 9));
      const year = doneOn.slice(0, 4);
      row.status = 'done';
      row.doneOn = doneOn;
      row.dueOn = addDays(doneOn, 10);
      const prefix = PERMIT_PREFIX[t.kind];
      row.permitNo = prefix ? `${prefix}〔${year}〕${((h >> (k * 3)) % 200) + 1}号` : null;
      if (t.kind === 'land') row.quantity = 20 + ((h >> 4) % 300);
      if (t.kind === 'funding') row.quantity = p.totalInvestment ?? null;
      row.note = '示例数据';
      return row;
    }
    if (p.library === 'conceived') {
      row.note = '示例数据';
      return row;
    }
    // reserve library (signed, or a public project approved), not started: the pre-start approvals are under way
    const plannedStart = p.plannedStartOn ?? addDays(today, 90);
    const early = ['land', 'energy', 'environment', 'funding'].includes(t.kind);
    row.dueOn = addDays(plannedStart, early ? -30 : -5);
    row.status = early ? 'in_progress' : 'not_started';
    if (blocked && blocked.kind === t.kind) {
      row.status = 'blocked';
      row.note = blocked.note;
    } else row.note = '示例数据';
    return row;
  });
}

/** One known font file for the ASCII label: scanning every system font costs ~90 ms a picture. */
const LABEL_FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
let labelFontOptions: { loadSystemFonts: boolean; fontFiles?: string[]; defaultFontFamily?: string } | undefined;
function labelFont() {
  labelFontOptions ??= existsSync(LABEL_FONT)
    ? { loadSystemFonts: false, fontFiles: [LABEL_FONT], defaultFontFamily: 'DejaVu Sans' }
    : { loadSystemFonts: true };
  return labelFontOptions;
}

/** A small drawn "site photo": sky, ground, a building whose height shows the progress, labelled DEMO. */
export function demoPhoto(label: string, progress: number, seed: number): Uint8Array {
  const floors = Math.max(1, Math.round(progress * 10));
  const x = 150 + (seed % 60);
  const blocks = Array.from(
    { length: floors },
    (_, i) =>
      `<rect x="${x}" y="${240 - (i + 1) * 18}" width="150" height="16" fill="${i % 2 ? '#c8ccd2' : '#b3b8c0'}"/>`,
  ).join('');
  const craneX = x + 190;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="320" viewBox="0 0 480 320">
<rect width="480" height="320" fill="#a9d2f0"/><rect y="240" width="480" height="80" fill="#b59b6c"/>
${blocks}
<rect x="${craneX}" y="40" width="8" height="200" fill="#e0a526"/><rect x="${craneX - 120}" y="40" width="180" height="8" fill="#e0a526"/>
<line x1="${craneX - 100}" y1="48" x2="${craneX - 100}" y2="${230 - floors * 18}" stroke="#555" stroke-width="2"/>
<rect x="0" y="286" width="480" height="34" fill="rgba(0,0,0,0.45)"/>
<text x="12" y="309" font-size="18" fill="#fff">DEMO ${label} · ${Math.round(progress * 100)}%</text>
</svg>`;
  return new Uint8Array(new Resvg(svg, { font: labelFont() }).render().asPng());
}

/**
 * Loads the demo checklists of `projects` and photos for the largest ones under construction, inside
 * the demo transaction. Returns the counts for the demo log.
 */
export async function loadDetailDemo(
  repos: Repositories,
  projects: ProjectRow[],
  today: string,
): Promise<{ approvals: number; photos: number }> {
  const rows = projects.flatMap((p) => demoChecklist(p, today));
  await repos.approvals.insertMany(rows);
  const candidates = projects
    .filter((p) => p.library === 'construction' && p.startedOn)
    .sort((a, b) => (b.totalInvestment ?? 0) - (a.totalInvestment ?? 0) || a.id - b.id)
    .slice(0, PHOTO_PROJECTS);
  let photos = 0;
  for (const p of candidates) {
    const months = await repos.investments.listByProject(p.id);
    const last = months.at(-1);
    if (!last) continue;
    const done = months.reduce((s, m) => s + m.completed, 0);
    const progress = Math.min(1, done / Math.max(1, p.totalInvestment ?? done));
    const ym = `${last.year}-${pad(last.month)}`;
    const bytes = demoPhoto(ym, progress, hash(p.name));
    await repos.attachments.insert({
      projectId: p.id,
      year: last.year,
      month: last.month,
      kind: 'photo',
      fileName: `示例-形象进度-${ym}.png`,
      mimeType: 'image/png',
      byteSize: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      content: bytes,
      caption: '示例数据：系统生成的示意图，不是现场照片',
      uploadedBy: DEMO_ACTOR,
    });
    photos += 1;
  }
  return { approvals: rows.length, photos };
}
