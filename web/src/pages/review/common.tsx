import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Space, Tag, Tooltip } from 'antd';
import { createContext, type ReactNode, useContext } from 'react';
import {
  ApiError,
  api,
  type Cell,
  type Id,
  type ItemCount,
  type PlanItem,
  type PlanItemKind,
  type PlanItemState,
  queryKeys,
  toApiError,
} from '../../api.ts';
import { formatDateTime, type MessageKey, type Translate, useI18n } from '../../i18n.ts';

/** What every review tab needs: the plan, and the dialogs the page hosts (source, correct, add). */
export interface ReviewContextValue {
  planId: Id;
  showSource: (item: PlanItem) => void;
  edit: (item: PlanItem) => void;
  add: (kind: PlanItemKind, preset?: Record<string, unknown>) => void;
}

export const ReviewContext = createContext<ReviewContextValue | null>(null);

export function useReview(): ReviewContextValue {
  const v = useContext(ReviewContext);
  if (!v) throw new Error('useReview outside ReviewContext');
  return v;
}

/** Items of one kind; all review tabs share the cache so a change anywhere refreshes the counts too. */
export function useItems<D>(planId: Id, kind: PlanItemKind) {
  return useQuery({
    queryKey: queryKeys.items(planId, kind),
    queryFn: () => api.items(planId, kind),
    select: (r) => ({ items: r.items as PlanItem<D>[], counts: r.counts }),
  });
}

export function countOf(counts: ItemCount[] | undefined, kind: PlanItemKind, live = true): number {
  return (counts ?? []).filter((c) => c.kind === kind && (!live || c.state !== 'deleted')).reduce((n, c) => n + c.n, 0);
}

/** Correct, delete, restore and add, with the stale-version answer turned into a refresh and a message. */
export function useItemActions(planId: Id) {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: queryKeys.allItems(planId) });
  const onError = (err: unknown) => {
    const e = toApiError(err);
    if (e instanceof ApiError && e.code === 'STALE_VERSION') {
      message.warning({
        content: `${e.localized(locale)}${locale === 'zh' ? '。' : '. '}${t('review.stale')}`,
        duration: 6,
      });
      void refresh();
    } else {
      message.error(e.localized(locale));
    }
  };
  const correct = useMutation({
    mutationFn: (v: { item: PlanItem; data: Record<string, unknown> }) =>
      api.correctItem(planId, v.item.id, v.item.version, v.data),
    onSuccess: () => {
      message.success(t('review.saved'));
      return refresh();
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: (item: PlanItem) => api.deleteItem(planId, item.id, item.version),
    onSuccess: (item) => {
      message.success(t('review.deleted', { label: item.label }));
      return refresh();
    },
    onError,
  });
  const restore = useMutation({
    mutationFn: (item: PlanItem) => api.restoreItem(planId, item.id, item.version),
    onSuccess: (item) => {
      message.success(t('review.restored', { label: item.label }));
      return refresh();
    },
    onError,
  });
  const add = useMutation({
    mutationFn: (v: { kind: PlanItemKind; label: string; data: Record<string, unknown> }) => api.addItem(planId, v),
    onSuccess: (item) => {
      message.success(t('review.addedOk', { label: item.label }));
      return refresh();
    },
    onError,
  });
  return { correct, remove, restore, add };
}

const STATE_COLOR: Record<PlanItemState, string> = {
  extracted: 'default',
  corrected: 'blue',
  added: 'green',
  deleted: 'red',
};

/** The state of an item; a corrected one tells, on hover, who changed it and what was extracted. */
export function StateTag<D>({ state, item }: { state: PlanItemState; item?: PlanItem<D> }) {
  const { t } = useI18n();
  const tag = (
    <Tag
      color={STATE_COLOR[state]}
      variant={state === 'extracted' ? 'filled' : 'outlined'}
      data-testid="state-tag"
      data-state={state}
      style={{ marginInlineEnd: 0 }}
    >
      {t(`review.state.${state}` as MessageKey)}
    </Tag>
  );
  if (!item || state === 'extracted') return tag;
  const extracted = item.extracted as Record<string, unknown> | null;
  const original = extracted ? String(extracted.name ?? extracted.subject ?? extracted.title ?? '') : '';
  const tip = [
    item.updatedBy ? `${item.updatedBy} · ${formatDateTime(item.updatedAt)}` : formatDateTime(item.updatedAt),
    state === 'corrected' && original ? `${t('review.originalValue')}：${original}` : null,
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <Tooltip title={<span style={{ whiteSpace: 'pre-line' }}>{tip}</span>}>
      <span>{tag}</span>
    </Tooltip>
  );
}

/** 来源 · 更正 · 删除/恢复 for one item. */
export function ItemActions<D>({ item: typed }: { item: PlanItem<D> }) {
  const item = typed as unknown as PlanItem;
  const { t } = useI18n();
  const { planId, showSource, edit } = useReview();
  const { remove, restore } = useItemActions(planId);
  const deleted = item.state === 'deleted';
  return (
    <Space size={0} className="item-actions" wrap={false}>
      <Button
        size="small"
        type="link"
        data-testid="item-source"
        disabled={!item.source}
        onClick={() => showSource(item)}
      >
        {t('review.source')}
      </Button>
      <Button size="small" type="link" data-testid="item-correct" disabled={deleted} onClick={() => edit(item)}>
        {t('review.correct')}
      </Button>
      {deleted ? (
        <Button
          size="small"
          type="link"
          data-testid="item-restore"
          loading={restore.isPending}
          onClick={() => restore.mutate(item)}
        >
          {t('review.restore')}
        </Button>
      ) : (
        <Button
          size="small"
          type="link"
          danger
          data-testid="item-delete"
          loading={remove.isPending}
          onClick={() => remove.mutate(item)}
        >
          {t('review.delete')}
        </Button>
      )}
    </Space>
  );
}

/** Counts per state of one kind: `已抽取 83 · 已更正 1 · 已删除 0`. */
export function StateSummary({
  counts,
  kind,
  extra,
}: {
  counts: ItemCount[] | undefined;
  kind: PlanItemKind;
  extra?: ReactNode;
}) {
  const { t } = useI18n();
  const of = (s: PlanItemState) => (counts ?? []).find((c) => c.kind === kind && c.state === s)?.n ?? 0;
  const states: PlanItemState[] = ['extracted', 'corrected', 'added', 'deleted'];
  return (
    <div className="review-summary" data-testid="state-summary">
      {states.map((s) => (
        <span key={s} className={`review-summary-item state-${s}`}>
          {t(`review.state.${s}` as MessageKey)} <b>{of(s)}</b>
        </span>
      ))}
      {extra}
    </div>
  );
}

/** 5万亿, 2.4万, 1,500: large figures the way Chinese documents write them (plain grouping in English). */
export function formatFigure(locale: 'zh' | 'en', v: number): string {
  const plain = (n: number) =>
    new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 4 }).format(n);
  if (locale === 'zh') {
    const abs = Math.abs(v);
    if (abs >= 1e12 && Number.isInteger((v / 1e12) * 1e4)) return `${plain(v / 1e12)}万亿`;
    if (abs >= 1e8 && Number.isInteger((v / 1e8) * 1e4)) return `${plain(v / 1e8)}亿`;
    if (abs >= 1e4 && Number.isInteger((v / 1e4) * 1e4)) return `${plain(v / 1e4)}万`;
  }
  return plain(v);
}

const fmt = (v: number | null) => (v === null ? '' : String(v));

/** The parsed meaning of a table cell as a small tag (none for a plain number or a dash). */
export function cellTag(t: Translate, cell: Cell): { label: string; tip: string; color: string } | null {
  switch (cell.kind) {
    case 'bound':
      return {
        label: t(`ind.tag.bound.${cell.comparator ?? 'approx'}` as MessageKey, { v: fmt(cell.value) }),
        tip: t('ind.tip.bound'),
        color: 'geekblue',
      };
    case 'cumulative':
      return {
        label: t(
          cell.change === 'decrease'
            ? 'ind.tag.cumulativeDecrease'
            : cell.change === 'increase'
              ? 'ind.tag.cumulativeIncrease'
              : 'ind.tag.cumulative',
          { v: fmt(cell.value) },
        ),
        tip: t('ind.tip.cumulative'),
        color: 'purple',
      };
    case 'otherYear':
      return {
        label: t('ind.tag.otherYear', { year: cell.year ?? '?' }),
        tip: t('ind.tip.otherYear', { year: cell.year ?? '?' }),
        color: 'gold',
      };
    case 'provincial':
      return { label: t('ind.tag.provincial'), tip: t('ind.tip.provincial'), color: 'cyan' };
    case 'relative':
      return {
        label: t('ind.tag.relative', { ref: cell.reference ?? '' }),
        tip: t('ind.tip.relative', { ref: cell.reference ?? '' }),
        color: 'cyan',
      };
    case 'composite':
      return {
        label: t('ind.tag.composite', { n: cell.parts.length }),
        tip: cell.parts.map((p) => `${p.label ?? ''} ${p.text}`.trim()).join('；'),
        color: 'default',
      };
    case 'text':
      return { label: t('ind.tag.text'), tip: t('ind.tip.text'), color: 'orange' };
    case 'damaged':
      return { label: t('ind.tag.damaged'), tip: t('ind.tip.damaged'), color: 'red' };
    default:
      return null;
  }
}

/** A cell as written, with its parsed kind below it. */
export function CellView({ cell }: { cell: Cell | undefined }) {
  const { t } = useI18n();
  if (!cell || cell.kind === 'blank') return null;
  const tag = cellTag(t, cell);
  const muted = cell.kind === 'none';
  return (
    <div className="cell-view" data-cell-kind={cell.kind}>
      <span className={`cell-text${muted ? ' cell-muted' : ''}${cell.text.length > 10 ? ' cell-long' : ''}`}>
        {cell.text}
      </span>
      {tag && (
        <Tooltip title={tag.tip}>
          <Tag className="cell-tag" color={tag.color} data-testid="cell-tag">
            {tag.label}
          </Tag>
        </Tooltip>
      )}
    </div>
  );
}

const NUM = '(-?\\d+(?:\\.\\d+)?)';

/**
 * Reads a corrected cell the way extraction reads the plan's table (the server stores a correction as
 * given, so the client sends the parsed form along with the text). An unchanged text keeps its old reading.
 */
export function parseCell(text: string, prev: Cell | undefined, otherYear: number | null): Cell {
  const s = text.trim();
  if (prev && prev.text.trim() === s) return prev;
  const base: Cell = {
    text: s,
    kind: 'text',
    value: null,
    year: prev?.year ?? null,
    comparator: null,
    change: null,
    unit: null,
    reference: null,
    label: null,
    parts: [],
  };
  const num = (v: string | undefined) => (v === undefined ? null : Number(v));
  if (s === '') return { ...base, kind: 'blank' };
  if (/^[-—–－]+$/.test(s) || s === '无指标') return { ...base, kind: 'none' };
  const cum = new RegExp(`^[\\[【]\\s*(降低|下降|减少|提高|增加)?\\s*${NUM}\\s*[\\]】]$`).exec(s);
  if (cum) {
    const change = cum[1] ? (/降|减/.test(cum[1]) ? 'decrease' : 'increase') : null;
    return { ...base, kind: 'cumulative', value: num(cum[2]), change };
  }
  const star = new RegExp(`^${NUM}\\s*[*＊]$`).exec(s);
  if (star) return { ...base, kind: 'otherYear', value: num(star[1]), year: otherYear ?? prev?.year ?? null };
  const sign = new RegExp(`^(>=|<=|≥|≤|>|<|＞|＜)\\s*${NUM}\\s*(%|‰)?$`).exec(s);
  if (sign) {
    const c = { '>=': '>=', '≥': '>=', '<=': '<=', '≤': '<=', '>': '>', '＞': '>', '<': '<', '＜': '<' } as const;
    return {
      ...base,
      kind: 'bound',
      comparator: c[sign[1] as keyof typeof c],
      value: num(sign[2]),
      unit: sign[3] ?? null,
    };
  }
  const word = new RegExp(`^${NUM}\\s*(%|‰)?\\s*(以上|以下|左右)$`).exec(s);
  if (word) {
    const c = { 以上: '>=', 以下: '<=', 左右: 'approx' } as const;
    return {
      ...base,
      kind: 'bound',
      comparator: c[word[3] as keyof typeof c],
      value: num(word[1]),
      unit: word[2] ?? null,
    };
  }
  const plain = new RegExp(`^${NUM}\\s*(%|‰)?$`).exec(s);
  if (plain) return { ...base, kind: 'number', value: num(plain[1]), unit: plain[2] ?? null };
  if (/省/.test(s) && /任务|下达/.test(s)) return { ...base, kind: 'provincial' };
  const rel = /^与(.+?)保持一致$/.exec(s);
  if (rel) return { ...base, kind: 'relative', reference: rel[1] ?? null };
  return base;
}

/** `*为2019年数据` in a table's notes: the year a starred value is of. */
export function starYear(notes: string[]): number | null {
  for (const n of notes) {
    const m = /\*\s*为\s*(\d{4})\s*年/.exec(n);
    if (m) return Number(m[1]);
  }
  return null;
}
