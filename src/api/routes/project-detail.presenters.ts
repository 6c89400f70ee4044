import { z } from 'zod';
import type { AttachmentMeta } from '../../db/repositories/project-attachment.repository.ts';
import type { ProjectApprovalRow } from '../../db/schema.ts';
import {
  APPROVAL_KIND_NAMES,
  APPROVAL_KIND_VALUES,
  APPROVAL_STATUS_NAMES,
  APPROVAL_STATUS_VALUES,
  type ApprovalAlert,
  PERMIT_KINDS,
} from '../../domain/projects/index.ts';
import type { FactorBlocker } from '../../services/project-approval.service.ts';
import type { MonthlyReport } from '../../services/project-investment.service.ts';
import { presentInvestment } from '../presenters.ts';
import { InvestmentView } from '../views.ts';

/**
 * Reply shapes (zod, published in OpenAPI) and presenters of the project page's checklist, monthly
 * reports and photos (issue 6). Kept beside their routes so the shared presenters.ts stays small.
 */

const Bilingual = z.object({ zh: z.string(), en: z.string() });

export const ApprovalAlertView = z.object({
  blocked: z.boolean(),
  overdue: z.boolean(),
  daysOverdue: z.number(),
  zh: z.string(),
  en: z.string(),
});

export const ApprovalView = z.object({
  id: z.number(),
  projectId: z.number(),
  kind: z.enum(APPROVAL_KIND_VALUES),
  kindLabel: Bilingual,
  title: z.string(),
  status: z.enum(APPROVAL_STATUS_VALUES),
  statusLabel: Bilingual,
  /** True when marking it done needs a permit / approval number. */
  needsPermitNo: z.boolean(),
  permitNo: z.string().nullable(),
  department: z.string().nullable(),
  dueOn: z.string().nullable(),
  doneOn: z.string().nullable(),
  quantity: z.number().nullable(),
  quantityUnit: z.string().nullable(),
  note: z.string().nullable(),
  alert: ApprovalAlertView,
  version: z.number(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string(),
});

export function presentApproval(a: ProjectApprovalRow, alert: ApprovalAlert): z.infer<typeof ApprovalView> {
  return {
    id: a.id,
    projectId: a.projectId,
    kind: a.kind,
    kindLabel: APPROVAL_KIND_NAMES[a.kind],
    title: a.title,
    status: a.status,
    statusLabel: APPROVAL_STATUS_NAMES[a.status],
    needsPermitNo: PERMIT_KINDS.has(a.kind),
    permitNo: a.permitNo,
    department: a.department,
    dueOn: a.dueOn,
    doneOn: a.doneOn,
    quantity: a.quantity,
    quantityUnit: a.quantityUnit,
    note: a.note,
    alert,
    version: a.version,
    updatedBy: a.updatedBy,
    updatedAt: a.updatedAt.toISOString(),
  };
}

export const FactorBlockerView = z.object({
  project: z.object({
    id: z.number(),
    name: z.string(),
    regionCode: z.string().nullable(),
    regionName: z.string().nullable(),
    responsibleUnit: z.string().nullable(),
    library: z.string(),
    liaisonLeaders: z.array(z.string()),
  }),
  items: z.array(ApprovalView),
});

export function presentFactorBlocker(b: FactorBlocker): z.infer<typeof FactorBlockerView> {
  return { project: b.project, items: b.items.map((i) => presentApproval(i.approval, i.alert)) };
}

export const PhotoView = z.object({
  id: z.number(),
  projectId: z.number(),
  year: z.number().nullable(),
  month: z.number().nullable(),
  fileName: z.string(),
  mimeType: z.string(),
  byteSize: z.number(),
  sha256: z.string(),
  caption: z.string().nullable(),
  uploadedBy: z.string().nullable(),
  uploadedAt: z.string(),
  /** GET this for the bytes, served with the photo's content type. */
  url: z.string(),
});

export function presentPhoto(a: AttachmentMeta): z.infer<typeof PhotoView> {
  return {
    id: a.id,
    projectId: a.projectId,
    year: a.year,
    month: a.month,
    fileName: a.fileName,
    mimeType: a.mimeType,
    byteSize: a.byteSize,
    sha256: a.sha256,
    caption: a.caption,
    uploadedBy: a.uploadedBy,
    uploadedAt: a.createdAt.toISOString(),
    url: `/api/attachments/${a.id}/content`,
  };
}

export const ReportVersionView = z.object({
  version: z.number(),
  planned: z.number(),
  completed: z.number(),
  progressText: z.string().nullable(),
  reason: z.string().nullable(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  implicit: z.boolean(),
});

export const MonthlyReportView = z.object({
  investment: InvestmentView,
  /** The latest approved version (0 while never approved); the state says whether it is still current. */
  reportVersion: z.number(),
  figures: z.object({
    thisMonth: z.number(),
    yearToDate: z.number(),
    sinceStart: z.number(),
    plannedThisYear: z.number(),
    provenance: z.object({
      rule: z.string(),
      months: z.array(z.string()),
      unapprovedMonths: z.array(z.string()),
    }),
  }),
  versions: z.array(ReportVersionView),
  pendingReason: z.string().nullable(),
  photos: z.array(PhotoView),
});

export function presentMonthlyReport(r: MonthlyReport, photos: AttachmentMeta[]): z.infer<typeof MonthlyReportView> {
  const approved = r.versions.filter((v) => v.version > 0);
  return {
    investment: presentInvestment(r.investment),
    reportVersion: approved.at(-1)?.version ?? 0,
    figures: r.figures,
    versions: r.versions.map((v) => ({ ...v, approvedAt: v.approvedAt ? v.approvedAt.toISOString() : null })),
    pendingReason: r.pendingReason,
    photos: photos.filter((p) => p.year === r.investment.year && p.month === r.investment.month).map(presentPhoto),
  };
}
