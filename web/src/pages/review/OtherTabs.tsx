import { ArrowRightOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Collapse, Empty, Input, Skeleton, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type HTMLAttributes, type ReactNode, useMemo, useState } from 'react';
import type { ClusterData, CommitmentData, PlanItem, PlanItemKind, ProjectData, ZoneData } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatNumber, type MessageKey, useI18n } from '../../i18n.ts';
import { formatFigure, ItemActions, StateSummary, StateTag, useItems, useReview } from './common.tsx';

const rowProps = (item: PlanItem<unknown>, testId: string) =>
  ({ 'data-testid': testId, 'data-item-id': item.id, 'data-state': item.state }) as HTMLAttributes<HTMLElement>;

const rowClass = (item: PlanItem<unknown>) => (item.state === 'deleted' ? 'review-row-deleted' : '');

function TabHead({
  kind,
  counts,
  children,
}: {
  kind: PlanItemKind;
  counts: Parameters<typeof StateSummary>[0]['counts'];
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const { add } = useReview();
  return (
    <div className="review-tab-head">
      <StateSummary counts={counts} kind={kind} />
      <Space>
        {children}
        <Button type="primary" icon={<PlusOutlined />} data-testid="add-item" onClick={() => add(kind)}>
          {t('review.add')}
        </Button>
      </Space>
    </div>
  );
}

function stateCol<T>(t: (k: MessageKey) => string, get: (r: T) => PlanItem<unknown>) {
  return [
    {
      key: 'state',
      title: t('review.col.state'),
      width: 88,
      align: 'center' as const,
      render: (_: unknown, r: T) => <StateTag state={get(r).state} item={get(r)} />,
    },
    {
      key: 'actions',
      title: t('review.col.actions'),
      width: 200,
      render: (_: unknown, r: T) => <ItemActions item={get(r)} />,
    },
  ];
}

/* ---------- 项目 ---------- */

type ProjectRow =
  | { type: 'group'; key: string; title: string; n: number }
  | { type: 'item'; key: string; item: PlanItem<ProjectData> };

function ProjectBoxTable({ items }: { items: PlanItem<ProjectData>[] }) {
  const { t, locale } = useI18n();
  const rows: ProjectRow[] = [];
  const hasGroups = items.some((i) => i.data.group);
  let group: string | null | undefined;
  let head: Extract<ProjectRow, { type: 'group' }> | null = null;
  for (const item of items) {
    if (hasGroups && item.data.group !== group) {
      group = item.data.group;
      head = { type: 'group', key: `g:${item.id}`, title: group ?? t('proj.noGroup'), n: 0 };
      rows.push(head);
    }
    if (head) head.n += 1;
    rows.push({ type: 'item', key: String(item.id), item });
  }
  const span = (r: ProjectRow, first: boolean) => ({ colSpan: r.type === 'item' ? 1 : first ? 7 : 0 });
  const columns: ColumnsType<ProjectRow> = [
    {
      key: 'name',
      title: t('proj.col.name'),
      onCell: (r) => span(r, true),
      render: (_, r) =>
        r.type === 'group' ? (
          <span className="proj-group">
            {r.title}
            <span className="ind-category-count">{t('review.itemsCount', { n: r.n })}</span>
          </span>
        ) : (
          <span data-testid="project-name">{r.item.data.name}</span>
        ),
    },
    {
      key: 'county',
      title: t('proj.col.county'),
      width: 110,
      onCell: (r) => span(r, false),
      render: (_, r) => r.type === 'item' && r.item.data.county,
    },
    {
      key: 'zone',
      title: t('proj.col.zone'),
      width: 120,
      onCell: (r) => span(r, false),
      render: (_, r) => r.type === 'item' && r.item.data.zone,
    },
    {
      key: 'capacity',
      title: t('proj.col.capacity'),
      width: 170,
      onCell: (r) => span(r, false),
      render: (_, r) =>
        r.type === 'item' &&
        r.item.data.capacity?.map((c) => (
          <Tooltip
            key={c.text}
            title={
              c.value !== null
                ? `${formatNumber(locale, c.value)} ${c.unit}${c.perYear ? ` / ${t('proj.perYear')}` : ''}`
                : undefined
            }
          >
            <Tag variant="filled" color="blue">
              {c.text}
            </Tag>
          </Tooltip>
        )),
    },
    {
      key: 'alsoIn',
      title: t('proj.col.alsoIn'),
      width: 110,
      onCell: (r) => span(r, false),
      render: (_, r) =>
        r.type === 'item' &&
        r.item.data.alsoIn?.map((b) => (
          <Tag key={b} color="orange" variant="filled" data-testid="also-in">
            {t('proj.alsoIn', { box: b })}
          </Tag>
        )),
    },
    ...stateCol<ProjectRow>(t, (r) => (r as Extract<ProjectRow, { type: 'item' }>).item).map((c) => ({
      ...c,
      onCell: (r: ProjectRow) => span(r, false),
      render: (v: unknown, r: ProjectRow) => (r.type === 'item' ? c.render(v, r) : null),
    })),
  ];
  return (
    <Table<ProjectRow>
      size="small"
      pagination={false}
      rowKey="key"
      columns={columns}
      dataSource={rows}
      rowClassName={(r) => (r.type === 'group' ? 'ind-row-category' : rowClass(r.item))}
      onRow={(r) => (r.type === 'item' ? rowProps(r.item, 'project-row') : {})}
    />
  );
}

const boxOrder = (box: string) => Number(/\d+/.exec(box)?.[0] ?? 999);

export function ProjectsTab() {
  const { t } = useI18n();
  const { planId } = useReview();
  const q = useItems<ProjectData>(planId, 'project');
  const [filter, setFilter] = useState('');
  const [open, setOpen] = useState<string[] | null>(null);
  const boxes = useMemo(() => {
    const f = filter.trim();
    const map = new Map<string, { box: string; title: string; items: PlanItem<ProjectData>[] }>();
    for (const item of q.data?.items ?? []) {
      const d = item.data;
      if (f && ![d.name, d.county, d.zone, d.group].some((x) => x?.includes(f))) continue;
      const key = d.box || '—';
      const entry = map.get(key) ?? { box: key, title: d.boxTitle ?? '', items: [] };
      if (!entry.title && d.boxTitle) entry.title = d.boxTitle;
      entry.items.push(item);
      map.set(key, entry);
    }
    return [...map.values()].sort((a, b) => boxOrder(a.box) - boxOrder(b.box));
  }, [q.data, filter]);
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  const activeKeys = filter.trim() ? boxes.map((b) => b.box) : (open ?? boxes.slice(0, 1).map((b) => b.box));
  return (
    <div data-testid="projects-tab">
      <TabHead kind="project" counts={q.data.counts}>
        <Input.Search
          allowClear
          placeholder={t('review.search')}
          style={{ width: 300 }}
          onChange={(e) => setFilter(e.target.value)}
        />
      </TabHead>
      {boxes.length === 0 ? (
        <Empty description={t('review.empty')} />
      ) : (
        <Collapse
          className="review-collapse"
          activeKey={activeKeys}
          onChange={(keys) => setOpen(keys as string[])}
          items={boxes.map((b) => ({
            key: b.box,
            label: (
              <span data-testid="project-box">
                <span className="outline-number box-number">{b.box}</span> {b.title}
                <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 13 }}>
                  {t('review.itemsCount', { n: b.items.filter((i) => i.state !== 'deleted').length })}
                </Typography.Text>
              </span>
            ),
            children: <ProjectBoxTable items={b.items} />,
          }))}
        />
      )}
    </div>
  );
}

/* ---------- 产业链 ---------- */

function ChainView({ chain }: { chain: ClusterData['chains'][number] }) {
  const { t } = useI18n();
  const spatial = chain.kind === 'spatial';
  return (
    <div className={`chain chain-${chain.kind}`} data-testid="chain" data-chain-kind={chain.kind}>
      <Tag color={spatial ? 'green' : 'blue'} className="chain-kind">
        {spatial ? t('cluster.spatialChain') : t('cluster.valueChain')}
      </Tag>
      <div className="chain-segments">
        {chain.segments.map((seg, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a segment is identified by its place in the chain
          <span key={`${i}:${seg.join('/')}`} className="chain-step">
            {i > 0 && <ArrowRightOutlined className="chain-arrow" />}
            <span className="chain-segment" data-testid="chain-segment">
              {seg.map((alt, j) => (
                <span key={alt} className="chain-alt">
                  {j > 0 && <span className="chain-or">/</span>}
                  {alt}
                </span>
              ))}
            </span>
          </span>
        ))}
      </div>
    </div>
  );
}

export function ClustersTab() {
  const { t } = useI18n();
  const { planId } = useReview();
  const q = useItems<ClusterData>(planId, 'cluster');
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  return (
    <div data-testid="clusters-tab">
      <TabHead kind="cluster" counts={q.data.counts} />
      {q.data.items.length === 0 && <Empty description={t('review.empty')} />}
      <div className="cluster-grid">
        {q.data.items.map((item) => (
          <Card
            key={item.id}
            size="small"
            className={`review-card cluster-card ${rowClass(item)}`}
            data-testid="cluster-card"
            {...rowProps(item, 'cluster-card')}
            title={
              <Space size={8} wrap>
                <span className="cluster-name">{item.data.name}</span>
                {item.data.listed ? (
                  <Tag color="geekblue" variant="filled">
                    {t('cluster.listed')}
                  </Tag>
                ) : (
                  <Tag variant="filled">{t('cluster.unlisted')}</Tag>
                )}
                <StateTag state={item.state} item={item} />
              </Space>
            }
            extra={<ItemActions item={item} />}
          >
            {item.data.chains?.length ? (
              item.data.chains.map((c) => <ChainView key={c.segments.flat().join('|')} chain={c} />)
            ) : (
              <Typography.Text type="secondary">{t('cluster.noChain')}</Typography.Text>
            )}
          </Card>
        ))}
      </div>
    </div>
  );
}

/* ---------- 开发区 ---------- */

export function ZonesTab() {
  const { t } = useI18n();
  const { planId } = useReview();
  const q = useItems<ZoneData>(planId, 'zone');
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  const columns: ColumnsType<PlanItem<ZoneData>> = [
    {
      key: 'name',
      title: t('zone.col.name'),
      width: 150,
      render: (_, r) => (
        <span className="zone-name" data-testid="zone-name">
          {r.data.name}
        </span>
      ),
    },
    {
      key: 'industries',
      title: t('zone.col.industries'),
      render: (_, r) => (
        <div className="zone-industries">
          {r.data.industries?.map((ind) => (
            <div key={ind.industry} className="zone-industry">
              <span className="zone-industry-name">{ind.industry}</span>
              {ind.leadFirms.map((f) => (
                <Tag key={f} variant="filled" color="gold">
                  {f}
                </Tag>
              ))}
            </div>
          ))}
        </div>
      ),
    },
    { key: 'box', title: t('zone.col.box'), width: 80, render: (_, r) => r.data.box },
    ...stateCol<PlanItem<ZoneData>>(t, (r) => r),
  ];
  return (
    <div data-testid="zones-tab">
      <TabHead kind="zone" counts={q.data.counts} />
      <Table<PlanItem<ZoneData>>
        size="middle"
        pagination={false}
        rowKey="id"
        columns={columns}
        dataSource={q.data.items}
        rowClassName={rowClass}
        onRow={(r) => rowProps(r, 'zone-row')}
        locale={{ emptyText: t('review.empty') }}
      />
    </div>
  );
}

/* ---------- 承诺 ---------- */

/** The sentence around the figure, with the figure marked: `…二产占比达到 <mark>50% 左右</mark>，先进…`. */
function Snippet({ sentence, figure }: { sentence: string; figure: string }) {
  const i = figure ? sentence.indexOf(figure) : -1;
  if (i < 0)
    return <span className="commit-snippet">{sentence.length > 60 ? `${sentence.slice(0, 60)}…` : sentence}</span>;
  const a = Math.max(0, i - 24);
  const z = Math.min(sentence.length, i + figure.length + 16);
  return (
    <span className="commit-snippet">
      {a > 0 && '…'}
      {sentence.slice(a, i)}
      <mark>{figure}</mark>
      {sentence.slice(i + figure.length, z)}
      {z < sentence.length && '…'}
    </span>
  );
}

const CMP_SIGN: Record<CommitmentData['comparator'], string> = {
  '=': '',
  '>': '>',
  '>=': '≥',
  '<': '<',
  '<=': '≤',
  approx: '≈',
};

export function CommitmentsTab() {
  const { t, locale } = useI18n();
  const { planId } = useReview();
  const q = useItems<CommitmentData>(planId, 'commitment');
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  const freq = (f: string | null) => {
    if (!f) return null;
    if (f === 'annual') return <Tag color="cyan">{t('commit.freq.annual')}</Tag>;
    if (f.startsWith('per:')) return <Tag color="cyan">{t('commit.freq.per', { unit: f.slice(4) })}</Tag>;
    return f;
  };
  const columns: ColumnsType<PlanItem<CommitmentData>> = [
    {
      key: 'subject',
      title: t('commit.col.subject'),
      render: (_, r) => (
        <div>
          <div className="commit-subject" data-testid="commitment-subject">
            {r.data.subject}
          </div>
          {r.source && <Snippet sentence={r.source.text} figure={r.data.valueText} />}
        </div>
      ),
    },
    {
      key: 'valueText',
      title: t('commit.col.value'),
      width: 120,
      render: (_, r) => <span className="nowrap">{r.data.valueText}</span>,
    },
    {
      key: 'parsed',
      title: t('commit.col.parsed'),
      width: 170,
      render: (_, r) => {
        const d = r.data;
        if (d.value === null || d.value === undefined) return null;
        const n = (v: number) => formatFigure(locale, v);
        const value = d.valueMax !== null && d.valueMax !== undefined ? `${n(d.value)}–${n(d.valueMax)}` : n(d.value);
        return (
          <Tooltip title={t(`commit.cmp.${d.comparator ?? '='}` as MessageKey)}>
            <span className="commit-parsed nowrap" data-testid="commitment-parsed">
              {CMP_SIGN[d.comparator ?? '='] ? `${CMP_SIGN[d.comparator ?? '=']} ` : ''}
              {value}
              {d.unit ? `${locale === 'zh' || /^[%‰]$/.test(d.unit) ? '' : ' '}${d.unit}` : ''}
            </span>
          </Tooltip>
        );
      },
    },
    { key: 'frequency', title: t('commit.col.frequency'), width: 140, render: (_, r) => freq(r.data.frequency) },
    {
      key: 'deadline',
      title: t('commit.col.deadline'),
      width: 90,
      render: (_, r) => (r.data.deadline ? t('commit.deadline', { year: r.data.deadline }) : null),
    },
    ...stateCol<PlanItem<CommitmentData>>(t, (r) => r),
  ];
  return (
    <div data-testid="commitments-tab">
      <TabHead kind="commitment" counts={q.data.counts} />
      <Table<PlanItem<CommitmentData>>
        size="middle"
        pagination={false}
        rowKey="id"
        columns={columns}
        dataSource={q.data.items}
        rowClassName={rowClass}
        onRow={(r) => rowProps(r, 'commitment-row')}
        locale={{ emptyText: t('review.empty') }}
      />
    </div>
  );
}
