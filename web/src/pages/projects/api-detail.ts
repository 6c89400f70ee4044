/**
 * Client of the project page's checklist (审批与要素保障), monthly reports (月报) and progress photos.
 * Same conventions as api.ts: every call throws ApiError on failure.
 */
import { type Id, request } from '../../api.ts';
import type { Investment } from '../../api-projects.ts';

export type ApprovalKind = 'land' | 'energy' | 'environment' | 'funding' | 'planning' | 'construction_permit' | 'other';
export type ApprovalStatus = 'not_started' | 'in_progress' | 'done' | 'blocked' | 'not_needed';
export const APPROVAL_KINDS: ApprovalKind[] = [
  'land',
  'energy',
  'environment',
  'funding',
  'planning',
  'construction_permit',
  'other',
];
export const APPROVAL_STATUSES: ApprovalStatus[] = ['not_started', 'in_progress', 'done', 'blocked', 'not_needed'];

export interface Bilingual {
  zh: string;
  en: string;
}

export interface Approval {
  id: number;
  projectId: number;
  kind: ApprovalKind;
  kindLabel: Bilingual;
  title: string;
  status: ApprovalStatus;
  statusLabel: Bilingual;
  needsPermitNo: boolean;
  permitNo: string | null;
  department: string | null;
  dueOn: string | null;
  doneOn: string | null;
  quantity: number | null;
  quantityUnit: string | null;
  note: string | null;
  alert: { blocked: boolean; overdue: boolean; daysOverdue: number; zh: string; en: string };
  version: number;
  updatedBy: string | null;
  updatedAt: string;
}

export interface ApprovalFields {
  kind?: ApprovalKind;
  title?: string;
  status?: ApprovalStatus;
  permitNo?: string | null;
  department?: string | null;
  dueOn?: string | null;
  doneOn?: string | null;
  quantity?: number | null;
  quantityUnit?: string | null;
  note?: string | null;
}

export interface Photo {
  id: number;
  projectId: number;
  year: number | null;
  month: number | null;
  fileName: string;
  mimeType: string;
  byteSize: number;
  sha256: string;
  caption: string | null;
  uploadedBy: string | null;
  uploadedAt: string;
  url: string;
}

export interface ReportVersion {
  version: number;
  planned: number;
  completed: number;
  progressText: string | null;
  reason: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  implicit: boolean;
}

export interface MonthlyReport {
  investment: Investment & { version: number; updatedBy: string | null; updatedAt: string };
  reportVersion: number;
  figures: {
    thisMonth: number;
    yearToDate: number;
    sinceStart: number;
    plannedThisYear: number;
    provenance: { rule: string; months: string[]; unapprovedMonths: string[] };
  };
  versions: ReportVersion[];
  pendingReason: string | null;
  photos: Photo[];
}

export interface MonthFigures {
  planned: number;
  completed: number;
  progressText?: string | null;
}

const enc = (id: Id) => encodeURIComponent(String(id));
const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const monthUrl = (projectId: Id, year: number, month: number) =>
  `/api/projects/${enc(projectId)}/investments/${year}/${month}`;

export const detailKeys = {
  approvals: (projectId: Id) => ['projects', 'approvals', String(projectId)] as const,
  reports: (projectId: Id) => ['projects', 'reports', String(projectId)] as const,
};

export const detailApi = {
  approvals: (projectId: Id) =>
    request<{ asOf: string; items: Approval[] }>(`/api/projects/${enc(projectId)}/approvals`),
  addDefaults: (projectId: Id) =>
    request<{ added: number; items: Approval[] }>(`/api/projects/${enc(projectId)}/approvals/defaults`, {
      method: 'POST',
    }),
  createApproval: (projectId: Id, fields: ApprovalFields & { kind: ApprovalKind; title: string }) =>
    request<{ item: Approval }>(`/api/projects/${enc(projectId)}/approvals`, json('POST', fields)).then((r) => r.item),
  updateApproval: (id: Id, version: number, fields: ApprovalFields) =>
    request<{ item: Approval }>(`/api/approvals/${enc(id)}`, json('PATCH', { version, ...fields })).then((r) => r.item),

  reports: (projectId: Id) => request<{ items: MonthlyReport[] }>(`/api/projects/${enc(projectId)}/reports`),
  saveMonth: (projectId: Id, year: number, month: number, figures: MonthFigures & { version?: number }) =>
    request<{ investment: Investment }>(monthUrl(projectId, year, month), json('PUT', figures)),
  submitMonth: (projectId: Id, year: number, month: number, version: number) =>
    request<{ investment: Investment }>(`${monthUrl(projectId, year, month)}/submit`, json('POST', { version })),
  approveMonth: (projectId: Id, year: number, month: number, version: number) =>
    request<{ investment: Investment }>(`${monthUrl(projectId, year, month)}/approve`, json('POST', { version })),
  returnMonth: (projectId: Id, year: number, month: number, version: number, reason: string) =>
    request<{ investment: Investment }>(
      `${monthUrl(projectId, year, month)}/return`,
      json('POST', { version, reason }),
    ),
  correctMonth: (
    projectId: Id,
    year: number,
    month: number,
    input: MonthFigures & { version: number; reason: string },
  ) =>
    request<{ investment: Investment; version: ReportVersion }>(
      `${monthUrl(projectId, year, month)}/correct`,
      json('POST', input),
    ),

  uploadPhoto: (projectId: Id, year: number, month: number, file: File, caption?: string) => {
    const form = new FormData();
    if (caption) form.append('caption', caption);
    form.append('file', file, file.name);
    return request<{ photo: Photo }>(`/api/projects/${enc(projectId)}/reports/${year}/${month}/photos`, {
      method: 'POST',
      body: form,
    }).then((r) => r.photo);
  },
  deletePhoto: (id: Id) => request<{ deleted: number }>(`/api/attachments/${enc(id)}`, { method: 'DELETE' }),
};
