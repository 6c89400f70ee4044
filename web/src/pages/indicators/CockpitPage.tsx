import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Skeleton, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  type Cockpit,
  type EvaluatedIndicator,
  indicatorApi,
  indicatorKeys,
  STATUSES,
  type Status,
} from '../../api-indicators.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { EChart } from '../../components/indicators/EChart.tsx';
import { PlanMonitorHead } from '../../components/indicators/PlanMonitorHead.tsx';
import { STATUS_HEX, StatusTag } from '../../components/indicators/StatusTag.tsx';
import { usePlanScope } from '../../components/indicators/usePlanScope.ts';
import '../../components/indicators/indicators.css';
import { formatValue, type IndMessageKey, statusLabel, useIndI18n } from '../../i18n-indicators.ts';
import { requiredText } from './IndicatorListPage.tsx';

const GROUPS: { key: IndMessageKey; statuses: Status[]; color: string; testId: string }[] = [
  { key: 'cockpit.group.good', statuses: ['achieved_early', 'achieved', 'ahead'], color: '#389e0d', testId: 'good' },
  { key: 'cockpit.group.onTrack', statuses: ['on_track'], color: '#1677ff', testId: 'on-track' },
  { key: 'cockpit.group.behind', statuses: ['behind', 'seriously_behind'], color: '#d46b08', testId: 'behind' },
  { key: 'cockpit.group.alarm', statuses: ['warning', 'failed'], color: '#cf1322', testId: 'alarm' },
  { key: 'cockpit.group.unknown', statuses: ['no_data', 'not_assessable'], color: '#8c8c8c', testId: 'unknown' },
];

export function CockpitPage() {
  const { id = '' } = useParams();
  const { t } = useIndI18n();
  const navigate = useNavigate();
  const scope = usePlanScope(id);
  const { period } = scope;
  const cockpit = useQuery({
    queryKey: indicatorKeys.cockpit(id, period ?? ''),
    queryFn: () => indicatorApi.cockpit(id, period as string),
    enabled: !!period,
  });
  if (scope.planError) return <ErrorAlert error={scope.planError} />;
  const c = cockpit.data;
  return (
    <div data-testid="cockpit-page">
      <PlanMonitorHead scope={scope} active="cockpit" subtitle={t('cockpit.subtitle')} showRegion={false} />
      {cockpit.error ? (
        <ErrorAlert error={cockpit.error} onRetry={() => cockpit.refetch()} />
      ) : !c ? (
        <Skeleton active paragraph={{ rows: 12 }} />
      ) : (
        <>
          <StatCards c={c} />
          <div className="mon-two-col">
            <Card title={t('cockpit.distribution')} size="small">
              <StatusPie c={c} />
            </Card>
            <Card title={t('cockpit.byCategory')} size="small">
              <CategoryBars c={c} />
            </Card>
          </div>
          <Card
            title={
              <span>
                {t('cockpit.behindList')}
                <Typography.Text type="secondary" style={{ marginLeft: 8, fontWeight: 400 }}>
                  {t('common.nItems', { n: c.behind.length })}
                </Typography.Text>
              </span>
            }
            size="small"
            className="mon-section"
            styles={{ body: { padding: 0 } }}
          >
            <BehindList planId={id} items={c.behind} />
          </Card>
          <Card title={t('cockpit.heat')} size="small" className="mon-section">
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 4 }}>
              {t('cockpit.heatHint')}
            </Typography.Paragraph>
            <HeatMap
              c={c}
              onOpen={(region, category) => {
                const q = new URLSearchParams({ period: c.period, category });
                if (region) q.set('region', region);
                navigate(`/plans/${encodeURIComponent(id)}/indicators?${q}`);
              }}
            />
          </Card>
        </>
      )}
    </div>
  );
}

function StatCards({ c }: { c: Cockpit }) {
  const { t } = useIndI18n();
  const total = STATUSES.reduce((n, s) => n + (c.counts[s] ?? 0), 0);
  return (
    <div className="mon-card-grid" data-testid="status-cards">
      <Card className="mon-stat-card" size="small" data-testid="count-total">
        <Statistic title={t('cockpit.total')} value={total} />
        <div className="mon-stat-detail" />
      </Card>
      {GROUPS.map((g) => {
        const n = g.statuses.reduce((s, st) => s + (c.counts[st] ?? 0), 0);
        return (
          <Card className="mon-stat-card" size="small" key={g.key} data-testid={`count-${g.testId}`}>
            <Statistic title={t(g.key)} value={n} styles={{ content: { color: n > 0 ? g.color : '#bfbfbf' } }} />
            <div className="mon-stat-detail">
              {g.statuses.length > 1 &&
                g.statuses
                  .filter((s) => (c.counts[s] ?? 0) > 0)
                  .map((s) => `${statusLabel(t, s)} ${c.counts[s]}`)
                  .join(' · ')}
            </div>
          </Card>
        );
      })}
    </div>
  );
}

function StatusPie({ c }: { c: Cockpit }) {
  const { t, locale } = useIndI18n();
  const data = STATUSES.filter((s) => (c.counts[s] ?? 0) > 0).map((s) => ({
    name: statusLabel(t, s),
    value: c.counts[s] ?? 0,
    itemStyle: { color: STATUS_HEX[s] },
  }));
  if (data.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const option = {
    animation: false,
    tooltip: { trigger: 'item', formatter: locale === 'zh' ? '{b}：{c}（{d}%）' : '{b}: {c} ({d}%)' },
    legend: { orient: 'vertical', right: 8, top: 'middle', itemWidth: 12, itemHeight: 12 },
    series: [
      {
        type: 'pie',
        radius: ['42%', '72%'],
        center: ['36%', '50%'],
        label: { formatter: '{c}', fontSize: 13 },
        labelLine: { length: 6, length2: 6 },
        data,
      },
    ],
  };
  return (
    <div data-testid="status-pie">
      <EChart option={option} style={{ height: 280 }} />
    </div>
  );
}

/** Stacked bars: per category, how many indicators in each status. */
function CategoryBars({ c }: { c: Cockpit }) {
  const { t, locale } = useIndI18n();
  const cats = c.byCategory.map((g) => g.key);
  const used = STATUSES.filter((s) => c.byCategory.some((g) => (g.counts[s] ?? 0) > 0));
  const option = {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, itemWidth: 12, itemHeight: 12, textStyle: { fontSize: 12 } },
    grid: { left: 8, right: 48, top: 56, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      data: cats,
      inverse: true,
      axisLabel: {
        formatter: (v: string) => {
          const g = c.byCategory.find((x) => x.key === v);
          return g?.score !== null && g?.score !== undefined
            ? `${v}  ${t('cockpit.points', { n: formatValue(locale, g.score, 0) })}`
            : v;
        },
      },
    },
    series: used.map((s) => ({
      name: statusLabel(t, s),
      type: 'bar',
      stack: 'n',
      barWidth: 18,
      itemStyle: { color: STATUS_HEX[s] },
      data: c.byCategory.map((g) => g.counts[s] ?? 0),
    })),
  };
  return (
    <div data-testid="category-bars">
      <EChart option={option} style={{ height: 280 }} />
    </div>
  );
}

function BehindList({ planId, items }: { planId: string; items: EvaluatedIndicator[] }) {
  const { t, locale } = useIndI18n();
  const columns: ColumnsType<EvaluatedIndicator> = [
    {
      key: 'name',
      title: t('list.col.name'),
      render: (_, r) => (
        <div>
          <Link to={`/indicators/${r.indicator.id}`} className="mon-name-link">
            {r.indicator.name}
          </Link>
          <div className="mon-sub">
            {r.indicator.code} · {r.indicator.category ?? ''}
          </div>
        </div>
      ),
    },
    {
      key: 'status',
      title: t('list.col.status'),
      width: 110,
      render: (_, r) => <StatusTag status={r.evaluation.status} reason={r.evaluation.reason} />,
    },
    {
      key: 'ave',
      title: `${t('cockpit.actualVsExpected')}`,
      width: 150,
      align: 'right',
      render: (_, r) => (
        <div>
          {formatValue(locale, r.evaluation.actual)} /{' '}
          <span className="mon-muted">{formatValue(locale, r.evaluation.expected)}</span>
          <div className="mon-sub">{r.indicator.unit}</div>
        </div>
      ),
    },
    {
      key: 'target',
      title: t('list.col.target'),
      width: 130,
      align: 'right',
      render: (_, r) => r.indicator.targetText,
    },
    {
      key: 'required',
      title: t('list.col.required'),
      width: 150,
      render: (_, r) => {
        const text = requiredText(t, locale, r.indicator, r.evaluation);
        return text ? <span className="mon-required">{text}</span> : <span className="mon-muted">—</span>;
      },
    },
    {
      key: 'lead',
      title: t('list.col.lead'),
      width: 150,
      render: (_, r) =>
        r.indicator.leadUnit ?? <Typography.Text type="secondary">{t('common.unassigned')}</Typography.Text>,
    },
  ];
  return (
    <Table<EvaluatedIndicator>
      rowKey={(r) => r.indicator.id}
      size="small"
      data-testid="behind-list"
      columns={columns}
      dataSource={items}
      pagination={false}
      locale={{ emptyText: t('cockpit.behindEmpty') }}
      footer={undefined}
      key={planId}
    />
  );
}

function HeatMap({ c, onOpen }: { c: Cockpit; onOpen: (region: string | null, category: string) => void }) {
  const { t, locale } = useIndI18n();
  const cats = c.byCategory.map((g) => g.key);
  const rows = [{ region: { code: 'city', name: t('common.city') }, groups: c.byCategory }, ...c.heat];
  const names = rows.map((r) => r.region.name);
  const data: [number, number, number | '-'][] = [];
  rows.forEach((r, y) => {
    cats.forEach((cat, x) => {
      const g = r.groups.find((gg) => gg.key === cat);
      data.push([x, y, g?.score === null || g?.score === undefined ? '-' : Math.round(g.score)]);
    });
  });
  const option = {
    animation: false,
    tooltip: {
      position: 'top',
      formatter: (p: { value: [number, number, number | '-'] }) => {
        const [x, y, v] = p.value;
        const r = rows[y];
        const g = r?.groups.find((gg) => gg.key === cats[x]);
        const lines = [`<b>${r?.region.name ?? ''} · ${cats[x] ?? ''}</b>`];
        lines.push(`${t('cockpit.score')}${t('common.colon')}${v === '-' ? '—' : formatValue(locale, v, 0)}`);
        if (g) {
          lines.push(t('cockpit.assessed', { assessed: g.assessed, total: g.total }));
          for (const s of STATUSES)
            if ((g.counts[s] ?? 0) > 0) lines.push(`${statusLabel(t, s)}${t('common.colon')}${g.counts[s]}`);
        }
        return lines.join('<br/>');
      },
    },
    grid: { left: 8, right: 24, top: 8, bottom: 64, containLabel: true },
    xAxis: {
      type: 'category',
      data: cats,
      position: 'top',
      splitArea: { show: true },
      axisLabel: { interval: 0, fontSize: 12 },
    },
    yAxis: {
      type: 'category',
      data: names,
      inverse: true,
      splitArea: { show: true },
      axisLabel: { fontSize: 12, fontWeight: (_: string, i: number) => (i === 0 ? 'bold' : 'normal') },
    },
    visualMap: {
      min: 0,
      max: 100,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 4,
      itemWidth: 12,
      itemHeight: 240,
      text: [t('cockpit.high'), t('cockpit.low')],
      inRange: { color: ['#cf1322', '#fa8c16', '#fadb14', '#95de64', '#389e0d'] },
    },
    series: [
      {
        type: 'heatmap',
        data,
        label: {
          show: true,
          fontSize: 12,
          formatter: (p: { value: [number, number, number | '-'] }) => (p.value[2] === '-' ? '' : String(p.value[2])),
        },
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        emphasis: { itemStyle: { shadowBlur: 6, shadowColor: 'rgba(0,0,0,0.3)' } },
      },
    ],
  };
  return (
    <div data-testid="heat-map">
      <EChart
        option={option}
        style={{ height: Math.max(360, rows.length * 30 + 110), cursor: 'pointer' }}
        onClick={(e) => {
          if (e.seriesType !== 'heatmap' || !Array.isArray(e.value)) return;
          const [x, y] = e.value as [number, number];
          const row = rows[y];
          const cat = cats[x];
          if (row && cat) onOpen(y === 0 ? null : row.region.code, cat);
        }}
      />
    </div>
  );
}
