import type { Audit } from '../../../api-projects.ts';
import type { Locale } from '../../../i18n.ts';
import type { ApprovalStatus } from '../api-detail.ts';
import type { DetailMessageKey, DetailTranslate } from './strings.ts';

const STATUS: Record<ApprovalStatus, { zh: string; en: string }> = {
  not_started: { zh: '未启动', en: 'not started' },
  in_progress: { zh: '办理中', en: 'in progress' },
  done: { zh: '已办结', en: 'done' },
  blocked: { zh: '受阻', en: 'blocked' },
  not_needed: { zh: '无需办理', en: 'not needed' },
};
const FIELDS = ['status', 'permitNo', 'department', 'dueOn', 'doneOn', 'quantity', 'note', 'title'] as const;
const MONTH_ACTIONS = ['create', 'update', 'submit', 'approve', 'return', 'reopen', 'correct'] as const;

const str = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));
const ymOf = (o: Record<string, unknown>) =>
  typeof o.year === 'number' && typeof o.month === 'number' ? `${o.year}-${String(o.month).padStart(2, '0')}` : '';

/**
 * The project page's change history, as the office reads it, for the checklist, photo and monthly-report
 * entries of the audit log; null for any other entry (the page's own wording handles those).
 */
export function detailChangeText(t: DetailTranslate, locale: Locale, a: Audit): string | null {
  const before = (a.before ?? {}) as Record<string, unknown>;
  const after = (a.after ?? {}) as Record<string, unknown>;
  const sep = locale === 'zh' ? '；' : '; ';
  const reason =
    typeof after.reason === 'string' && after.reason ? `${sep}${t('h.reason', { reason: after.reason })}` : '';
  if (a.entity === 'project_approval') {
    const title = str(after.title ?? before.title);
    if (a.action === 'create_defaults') return t('h.approval.defaults', { n: str(after.items) });
    if (a.action === 'create') return t('h.approval.create', { title });
    if (a.action === 'delete') return t('h.approval.delete', { title: str(before.title) });
    const changes = FIELDS.filter((f) => f in after && f !== 'title')
      .map((f) => {
        const v = after[f];
        const shown =
          f === 'status' && typeof v === 'string' && v in STATUS ? STATUS[v as ApprovalStatus][locale] : str(v);
        return `${t(`h.field.${f}` as DetailMessageKey)} ${shown}`;
      })
      .join(locale === 'zh' ? '，' : ', ');
    return t('h.approval.update', { title, changes: changes || '—' });
  }
  if (a.entity === 'project_attachment') {
    if (a.action === 'delete') return t('h.photo.delete', { name: str(before.fileName) });
    return t('h.photo.upload', { name: str(after.fileName), ym: ymOf(after) });
  }
  if (a.entity === 'project_investment' && (MONTH_ACTIONS as readonly string[]).includes(a.action)) {
    const paren = (x: string) => (locale === 'zh' ? `（${x}）` : ` (${x})`);
    const what =
      a.action === 'correct'
        ? `${t('h.month.correct', { n: str(after.reportVersion) })}${paren(t('h.month.figures', { completed: str(after.completed) }))}`
        : a.action === 'create' || a.action === 'update'
          ? `${t(`h.month.${a.action}` as DetailMessageKey)}${paren(t('h.month.figures', { completed: str(after.completed) }))}`
          : t(`h.month.${a.action}` as DetailMessageKey);
    return `${t('h.month', { ym: ymOf(after), what })}${reason}`;
  }
  return null;
}
