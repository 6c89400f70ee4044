import { PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Skeleton, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import type { ColumnRole, IndicatorData, IndicatorTableData, PlanItem, TableIssue } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { type MessageKey, useI18n } from '../../i18n.ts';
import { CellView, ItemActions, StateSummary, StateTag, useItems, useReview } from './common.tsx';
import { VALUE_ROLES } from './EditDialog.tsx';

type Row =
  | { type: 'category'; key: string; category: string; count: number; issue: TableIssue | undefined }
  | { type: 'parent'; key: string; parent: string; seq: string | null }
  | { type: 'item'; key: string; item: PlanItem<IndicatorData>; sub: boolean };

/** Rows of one box in order, with a header row per category and per parent indicator (城镇化率 → its sub-indicators). */
function buildRows(items: PlanItem<IndicatorData>[], issues: TableIssue[]): Row[] {
  const rows: Row[] = [];
  let category: string | null | undefined;
  let parent: string | null = null;
  let categoryRow: Extract<Row, { type: 'category' }> | null = null;
  for (const item of items) {
    const d = item.data;
    if (d.category !== category) {
      category = d.category;
      parent = null;
      categoryRow = {
        type: 'category',
        key: `c:${item.id}`,
        category: d.category ?? '',
        count: 0,
        issue: issues.find((i) => i.category === d.category),
      };
      if (d.category) rows.push(categoryRow);
    }
    // count as the plan does: sub-indicators of one numbered indicator are one item (城镇化率 = 1)
    if (categoryRow && item.state !== 'deleted' && !(d.parent && d.parent === parent)) categoryRow.count += 1;
    if (d.parent && d.parent !== parent)
      rows.push({ type: 'parent', key: `p:${item.id}`, parent: d.parent, seq: d.seq });
    parent = d.parent;
    rows.push({ type: 'item', key: String(item.id), item, sub: d.parent !== null });
  }
  return rows;
}

function IndicatorTable({ table, items }: { table: PlanItem<IndicatorTableData>; items: PlanItem<IndicatorData>[] }) {
  const { t, locale } = useI18n();
  const { add } = useReview();
  const meta = table.data;
  const rows = buildRows(items, meta.issues ?? []);
  const roles = VALUE_ROLES.filter((r) => meta.columns.some((c) => c.role === r));
  const width = 6 + roles.length;
  const headerOf = (r: ColumnRole) => {
    const col = meta.columns.find((c) => c.role === r);
    if (locale === 'zh' && col) return col.header;
    return `${t(`ind.col.${r}` as MessageKey)}${col?.year ? ` ${col.year}` : ''}`;
  };
  const span = (row: Row, first: boolean) => ({ colSpan: row.type === 'item' ? 1 : first ? width : 0 });
  const columns: ColumnsType<Row> = [
    {
      key: 'seq',
      title: t('ind.col.seq'),
      width: 56,
      align: 'center',
      onCell: (r) => span(r, true),
      render: (_, r) => {
        if (r.type === 'category')
          return (
            <span className="ind-category" data-testid="category-row">
              <b>{r.category}</b>
              <span className="ind-category-count">{t('ind.categoryCount', { n: r.count })}</span>
              {r.issue && (
                <Tag color="warning" icon={<WarningOutlined />} data-testid="category-issue">
                  {t('ind.issue.short', { stated: r.issue.stated, found: r.issue.found })}
                </Tag>
              )}
            </span>
          );
        if (r.type === 'parent')
          return (
            <span className="ind-parent">
              <span className="ind-parent-seq">{r.seq}</span>
              {r.parent}
            </span>
          );
        return r.sub ? '' : r.item.data.seq;
      },
    },
    {
      key: 'name',
      title: t('ind.col.name'),
      className: 'ind-col-name',
      onCell: (r) => span(r, false),
      render: (_, r) =>
        r.type === 'item' && (
          <span className={r.sub ? 'ind-name ind-sub' : 'ind-name'} data-testid="indicator-name">
            {r.item.data.name}
            {r.item.data.tags?.map((tag) => (
              <Tag key={tag} className="ind-tag" variant="filled">
                {tag}
              </Tag>
            ))}
          </span>
        ),
    },
    {
      key: 'unit',
      title: t('ind.col.unit'),
      width: 88,
      onCell: (r) => span(r, false),
      render: (_, r) => r.type === 'item' && <span className="nowrap">{r.item.data.unit}</span>,
    },
    ...roles.map((role) => ({
      key: role,
      title: headerOf(role),
      width: 130,
      onCell: (r: Row) => span(r, false),
      render: (_: unknown, r: Row) => r.type === 'item' && <CellView cell={r.item.data.cells?.[role]} />,
    })),
    {
      key: 'attribute',
      title: t('ind.col.attribute'),
      width: 84,
      align: 'center',
      onCell: (r) => span(r, false),
      render: (_, r) =>
        r.type === 'item' &&
        r.item.data.attribute && (
          <Tag color={r.item.data.attribute === 'binding' ? 'volcano' : 'default'} variant="filled">
            {t(`ind.attr.${r.item.data.attribute}` as MessageKey)}
          </Tag>
        ),
    },
    {
      key: 'state',
      title: t('review.col.state'),
      width: 84,
      align: 'center',
      onCell: (r) => span(r, false),
      render: (_, r) => r.type === 'item' && <StateTag state={r.item.state} item={r.item} />,
    },
    {
      key: 'actions',
      title: t('review.col.actions'),
      width: 200,
      onCell: (r) => span(r, false),
      render: (_, r) => r.type === 'item' && <ItemActions item={r.item} />,
    },
  ];
  const count = items.filter((i) => i.state !== 'deleted').length;
  return (
    <Card
      className="review-card"
      data-testid="indicator-table"
      data-box={meta.box}
      title={
        <span>
          <span className="outline-number box-number">{meta.box}</span> {meta.title}
          <Typography.Text type="secondary" style={{ fontWeight: 400, marginLeft: 8, fontSize: 13 }}>
            {t('review.itemsCount', { n: count })}
          </Typography.Text>
        </span>
      }
      extra={
        <Button size="small" icon={<PlusOutlined />} onClick={() => add('indicator', { box: meta.box })}>
          {t('review.add')}
        </Button>
      }
    >
      {(meta.issues ?? []).map((issue) => (
        <Alert
          key={`${issue.kind}:${issue.category}`}
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="table-issue"
          title={t('ind.issue.categoryCountMismatch', {
            category: issue.category,
            stated: issue.stated,
            found: issue.found,
          })}
        />
      ))}
      <Table<Row>
        size="small"
        bordered
        pagination={false}
        rowKey="key"
        columns={columns}
        dataSource={rows}
        sticky={{ offsetHeader: 64 }}
        rowClassName={(r) =>
          r.type === 'category'
            ? 'ind-row-category'
            : r.type === 'parent'
              ? 'ind-row-parent'
              : r.item.state === 'deleted'
                ? 'review-row-deleted'
                : ''
        }
        onRow={(r) =>
          (r.type === 'item'
            ? { 'data-testid': 'indicator-row', 'data-item-id': r.item.id, 'data-state': r.item.state }
            : {}) as HTMLAttributes<HTMLElement>
        }
      />
      {meta.notes.length > 0 && (
        <div className="ind-notes">
          {meta.notes.map((n) => (
            <p key={n}>{n}</p>
          ))}
        </div>
      )}
    </Card>
  );
}

export function IndicatorsTab() {
  const { t } = useI18n();
  const { planId } = useReview();
  const tables = useItems<IndicatorTableData>(planId, 'indicator_table');
  const indicators = useItems<IndicatorData>(planId, 'indicator');
  if (tables.error || indicators.error)
    return <ErrorAlert error={tables.error ?? indicators.error} onRetry={() => indicators.refetch()} />;
  if (!tables.data || !indicators.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  const boxes = tables.data.items;
  const orphans = indicators.data.items.filter((i) => !boxes.some((b) => b.data.box === i.data.box));
  return (
    <div data-testid="indicators-tab">
      <StateSummary counts={indicators.data.counts} kind="indicator" />
      {boxes.length === 0 && orphans.length === 0 && <Empty description={t('review.empty')} />}
      {boxes.map((b) => (
        <IndicatorTable key={b.id} table={b} items={indicators.data.items.filter((i) => i.data.box === b.data.box)} />
      ))}
      {orphans.length > 0 && (
        <IndicatorTable
          table={{
            ...(boxes[0] ?? ({} as PlanItem<IndicatorTableData>)),
            data: { box: '', title: '', columns: [], notes: [], issues: [] },
          }}
          items={orphans}
        />
      )}
    </div>
  );
}
