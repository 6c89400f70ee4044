import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { Kpis } from '../../api-projects.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { EChart } from '../../components/indicators/EChart.tsx';
import { pct } from './common.tsx';
import { quarterApi, quarterKeys, type QuarterRankingEntry as RankingEntry } from './quarter/api.ts';
import { EventsCard } from './quarter/EventsCard.tsx';
import { GroupKpisCard } from './quarter/GroupKpisCard.tsx';
import { type KpiCell, KpiProjectsDrawer } from './quarter/KpiProjectsDrawer.tsx';
import { PenaltiesCard } from './quarter/PenaltiesCard.tsx';
import { ScheduleCard } from './quarter/ScheduleCard.tsx';
import { useQuarterI18n } from './quarter/strings.ts';
import { TourSheetCard } from './quarter/TourSheetCard.tsx';
import { RubricLink } from './rubric/RubricLink.tsx';
import { type ProjMessageKey, useProjI18n } from './strings.ts';

const YEARS = [2021, 2022, 2023, 2024, 2025];
const KPI_COLS: { key: keyof Kpis; label: ProjMessageKey; library?: string }[] = [
  { key: 'landingRate', label: 'q.col.landing', library: 'reserve' },
  { key: 'startRate', label: 'q.col.start', library: 'construction' },
  { key: 'investmentCompletionRate', label: 'q.col.invest', library: 'construction' },
  { key: 'productionRate', label: 'q.col.production', library: 'in_effect' },
  { key: 'capacityRate', label: 'q.col.capacity', library: 'in_effect' },
];

function Change({ e }: { e: RankingEntry }) {
  const { t } = useProjI18n();
  if (e.previousRank === null) return <Tag>{t('q.new')}</Tag>;
  const up = e.previousRank - e.rank;
  return (
    <Space size={4} data-testid="previous-rank">
      <span>{e.previousRank}</span>
      {up > 0 ? (
        <span style={{ color: '#16a34a' }}>
          <ArrowUpOutlined /> {up}
        </span>
      ) : up < 0 ? (
        <span style={{ color: '#dc2626' }}>
          <ArrowDownOutlined /> {-up}
        </span>
      ) : (
        <MinusOutlined style={{ color: '#999' }} />
      )}
    </Space>
  );
}

export function QuarterPage() {
  const { t, locale } = useProjI18n();
  const { t: tq } = useQuarterI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year') ?? '2023') || 2023;
  const quarter = Number(params.get('quarter') ?? '3') || 3;
  const by = params.get('by') === 'zone' ? 'zone' : 'county';
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    next.set(k, v);
    setParams(next, { replace: true });
  };

  const q = useQuery({
    queryKey: quarterKeys.ranking(year, quarter, by),
    queryFn: () => quarterApi.ranking(year, quarter, by),
  });
  const entries = q.data?.entries ?? [];
  const [kpiCell, setKpiCell] = useState<KpiCell | null>(null);

  /** The ranking gives no project ids: a KPI opens the project list of that county or zone. */
  const projectsOf = (e: RankingEntry, library?: string) => {
    const s = new URLSearchParams();
    if (by === 'zone') s.set('zone', e.region.name);
    else s.set('region', e.region.code);
    if (library) s.set('library', library);
    return `/projects?${s.toString()}`;
  };

  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 40, right: 20, top: 20, bottom: 80 },
      xAxis: {
        type: 'category',
        data: entries.map((e) => e.region.name),
        axisLabel: { interval: 0, rotate: 35 },
      },
      yAxis: { type: 'value', name: t('q.chart'), max: 100 },
      series: [
        {
          type: 'bar',
          name: t('q.chart'),
          label: { show: true, position: 'top', fontSize: 11 },
          data: entries.map((e, i) => ({
            value: e.score,
            itemStyle: { color: e.vetoed ? '#dc2626' : i < 3 ? '#1d4ed8' : '#60a5fa' },
          })),
        },
      ],
    }),
    [entries, t],
  );

  const columns: ColumnsType<RankingEntry> = [
    { title: t('q.col.rank'), dataIndex: 'rank', width: 70, align: 'center', render: (r: number) => <b>{r}</b> },
    { title: t('q.col.prev'), width: 100, render: (_, e) => <Change e={e} /> },
    {
      title: t('q.col.region'),
      render: (_, e) => (
        <Space>
          <Link to={projectsOf(e)} data-testid="ranking-region">
            {e.region.name}
          </Link>
          {e.vetoed && (
            <Tooltip title={e.vetoes.map((v) => (locale === 'zh' ? v.zh : v.en)).join(locale === 'zh' ? '；' : '; ')}>
              <Tag color="red" data-testid="ranking-vetoed">
                {t('q.vetoed')}
              </Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: t('q.col.score'),
      dataIndex: 'score',
      width: 90,
      align: 'right',
      render: (s: number, e) => (
        <Tooltip
          title={
            <div>
              {e.items.map((i) => (
                <div key={i.key}>{locale === 'zh' ? i.zh : i.en}</div>
              ))}
              {e.deductions.map((d) => (
                <div key={d.key}>
                  {locale === 'zh' ? d.label.zh : d.label.en} ×{d.count}: −{d.points}
                </div>
              ))}
            </div>
          }
        >
          <b>{s.toFixed(2)}</b>
        </Tooltip>
      ),
    },
    ...KPI_COLS.map((k) => ({
      title: <Tooltip title={t('q.kpiHint')}>{t(k.label)}</Tooltip>,
      key: k.key,
      width: 110,
      align: 'right' as const,
      // a KPI opens the drawer of the projects behind it (counted or not, with the figures used)
      render: (_: unknown, e: RankingEntry) =>
        e.kpis[k.key] === null ? (
          <span data-kpi={k.key}>{pct(null)}</span>
        ) : (
          <Typography.Link
            data-kpi={k.key}
            onClick={() => setKpiCell({ region: e.region, kpi: k.key, listUrl: projectsOf(e, k.library) })}
          >
            {pct(e.kpis[k.key])}
          </Typography.Link>
        ),
    })),
    {
      title: tq('q.tourCol'),
      key: 'tour',
      width: 80,
      align: 'right',
      render: (_: unknown, e: RankingEntry) =>
        e.tour?.score == null ? (
          '—'
        ) : (
          <Tooltip title={locale === 'zh' ? e.tour.zh : e.tour.en}>
            <span data-testid="ranking-tour">{e.tour.score}</span>
          </Tooltip>
        ),
    },
    { title: t('q.col.projects'), dataIndex: 'projectCount', width: 80, align: 'right' },
    {
      title: t('q.col.overdue'),
      dataIndex: 'overdueProblems',
      width: 90,
      align: 'right',
      render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : n),
    },
  ];

  return (
    <div className="page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('q.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('q.subtitle')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          data-testid="quarter-year"
          style={{ width: 110 }}
          value={year}
          onChange={(v) => set('year', String(v))}
          options={YEARS.map((y) => ({ value: y, label: t('q.year', { year: y }) }))}
        />
        <Select
          data-testid="quarter-quarter"
          style={{ width: 120 }}
          value={quarter}
          onChange={(v) => set('quarter', String(v))}
          options={[1, 2, 3, 4].map((n) => ({ value: n, label: t('q.quarter', { q: n }) }))}
        />
        <Segmented
          data-testid="quarter-by"
          value={by}
          onChange={(v) => set('by', String(v))}
          options={[
            { value: 'county', label: t('q.byCounty') },
            { value: 'zone', label: t('q.byZone') },
          ]}
        />
        {q.data && (
          <Typography.Text type="secondary">
            {t('q.period', { from: q.data.period.from, to: q.data.period.to })}
          </Typography.Text>
        )}
        {q.data && (
          <Typography.Text type="secondary" data-testid="quarter-rubric">
            {tq(q.data.rubric.bound ? 'rubric.bound' : 'rubric.unbound', {
              name: locale === 'zh' ? q.data.rubric.name.zh : q.data.rubric.name.en,
              v: q.data.rubric.version,
            })}
            {q.data.state === 'closed' && <Tag style={{ marginLeft: 8 }}>{tq('q.closed')}</Tag>}
          </Typography.Text>
        )}
        <RubricLink />
      </Space>
      {q.error ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <>
          <ScheduleCard year={year} quarter={quarter} />
          <EventsCard year={year} quarter={quarter} />
          {q.data && !q.data.tourScores && (
            <Typography.Paragraph type="secondary" data-testid="tour-missing">
              {tq('tour.none')}
            </Typography.Paragraph>
          )}
          <Card size="small" style={{ marginBottom: 16 }}>
            <div data-testid="score-chart">
              <EChart
                option={option}
                style={{ height: 280 }}
                onClick={(e) => {
                  const entry = e.dataIndex === undefined ? undefined : entries[e.dataIndex];
                  if (entry) navigate(projectsOf(entry));
                }}
              />
            </div>
          </Card>
          <Table<RankingEntry>
            data-testid="ranking-table"
            rowKey={(e) => e.region.code}
            size="middle"
            loading={q.isFetching}
            columns={columns}
            dataSource={entries}
            pagination={false}
          />
          <TourSheetCard year={year} quarter={quarter} by={by} />
          <PenaltiesCard year={year} quarter={quarter} by={by} />
          <GroupKpisCard year={year} quarter={quarter} />
          <KpiProjectsDrawer year={year} quarter={quarter} by={by} cell={kpiCell} onClose={() => setKpiCell(null)} />
        </>
      )}
    </div>
  );
}
