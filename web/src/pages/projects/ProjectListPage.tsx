import { DownloadOutlined } from '@ant-design/icons';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, queryKeys } from '../../api.ts';
import { LIBRARIES, type Library, type Project, projectApi, projectKeys } from '../../api-projects.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { EChart } from '../../components/indicators/EChart.tsx';
import { formatWan, LIBRARY_HEX, LibraryTag, LightDot, libLabel, MilestoneDots } from './common.tsx';
import { useProjI18n } from './strings.ts';

const CITY = '140800';
const PAGE_SIZE = 20;

/** Every project once (630 in the demo), for the pipeline chart: counts per county and library. */
function usePipeline() {
  return useQuery({
    queryKey: projectKeys.funnel('all', 'all'),
    queryFn: async () => {
      const first = await projectApi.list({ pageSize: 500, page: 1 });
      const items = [...first.items];
      for (let p = 2; (p - 1) * 500 < first.total; p++) {
        items.push(...(await projectApi.list({ pageSize: 500, page: p })).items);
      }
      return items;
    },
    staleTime: 60_000,
  });
}

export function ProjectListPage() {
  const { t, locale } = useProjI18n();
  const [params, setParams] = useSearchParams();
  const library = (params.get('library') as Library | null) ?? undefined;
  const region = params.get('region') ?? undefined;
  const zone = params.get('zone') ?? undefined;
  const q = params.get('q') ?? undefined;
  const leader = params.get('leader') ?? undefined;
  const page = Number(params.get('page') ?? '1') || 1;

  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };

  const filter = { library, region, zone, q, leader, page, pageSize: PAGE_SIZE };
  const list = useQuery({ queryKey: projectKeys.list(filter), queryFn: () => projectApi.list(filter) });
  const counties = useQuery({
    queryKey: [...queryKeys.regions, CITY],
    queryFn: () => api.regions({ parent: CITY }),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const zones = useQuery({
    queryKey: projectKeys.ranking(2023, 3, 'zone'),
    queryFn: () => projectApi.ranking(2023, 3, 'zone'),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const pipeline = usePipeline();

  // the list carries no warning light: each row's comes with its detail
  const rows = list.data?.items ?? [];
  const lights = useQueries({
    queries: rows.map((p) => ({
      queryKey: projectKeys.detail(p.id),
      queryFn: () => projectApi.detail(p.id),
      staleTime: 60_000,
    })),
  });
  const lightOf = new Map(rows.map((p, i) => [p.id, lights[i]?.data?.light]));

  const chartOption = useMemo(() => {
    const items = pipeline.data ?? [];
    if (region) {
      const mine = items.filter((p) => p.region?.code === region);
      return {
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        grid: { left: 70, right: 40, top: 10, bottom: 20 },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', inverse: true, data: LIBRARIES.map((l) => libLabel(t, l)) },
        series: [
          {
            type: 'bar',
            barWidth: '55%',
            label: { show: true, position: 'right' },
            data: LIBRARIES.map((l) => ({
              value: mine.filter((p) => p.library === l).length,
              itemStyle: { color: LIBRARY_HEX[l] },
            })),
          },
        ],
      };
    }
    // city-level projects (zones, city-wide) would dwarf the counties: counted in the card title instead
    const regions = (counties.data ?? []).map((c) => c.code);
    const names = (counties.data ?? []).map((c) => c.name);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { bottom: 0 },
      grid: { left: 40, right: 20, top: 10, bottom: 70 },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: LIBRARIES.map((l) => ({
        name: libLabel(t, l),
        type: 'bar',
        stack: 'lib',
        itemStyle: { color: LIBRARY_HEX[l] },
        data: regions.map((code) => items.filter((p) => p.library === l && (p.region?.code ?? CITY) === code).length),
      })),
    };
  }, [pipeline.data, region, counties.data, t]);

  const cityCount = (pipeline.data ?? []).filter((p) => !p.region || p.region.code === CITY).length;
  const chartTitle = region
    ? t('list.funnel', {
        scope: region === CITY ? t('common.city') : (counties.data?.find((c) => c.code === region)?.name ?? region),
      })
    : `${t('list.funnelCity')}${pipeline.data ? t('list.cityLevel', { n: cityCount }) : ''}`;

  const columns: ColumnsType<Project> = [
    {
      title: t('list.col.name'),
      dataIndex: 'name',
      render: (_, p) => (
        <Link to={`/projects/${p.id}`} data-testid="project-link">
          {p.name}
        </Link>
      ),
    },
    { title: t('list.col.county'), width: 100, render: (_, p) => p.region?.name ?? t('common.none') },
    { title: t('list.col.zone'), width: 130, render: (_, p) => p.zone ?? t('common.none') },
    {
      title: t('list.col.library'),
      width: 90,
      render: (_, p) => <LibraryTag library={p.library} />,
    },
    {
      title: t('list.col.investment'),
      width: 130,
      align: 'right',
      render: (_, p) => formatWan(locale, p.totalInvestment),
    },
    { title: t('list.col.milestones'), width: 150, render: (_, p) => <MilestoneDots project={p} /> },
    {
      title: t('list.col.light'),
      width: 70,
      align: 'center',
      render: (_, p) => {
        const l = lightOf.get(p.id);
        return (
          <LightDot
            light={l?.light}
            title={l?.reasons.map((r) => (locale === 'zh' ? r.zh : r.en)).join('；') || undefined}
          />
        );
      },
    },
    {
      title: t('list.col.leader'),
      width: 130,
      render: (_, p) =>
        p.liaisonLeaders.length
          ? p.liaisonLeaders.map((n) => (
              <Link key={n} to={`/leaders/${encodeURIComponent(n)}`}>
                {n}
              </Link>
            ))
          : t('common.none'),
    },
  ];

  return (
    <div className="page">
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
        <div>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {t('list.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('list.subtitle')}</Typography.Paragraph>
        </div>
        <Space size="large" data-testid="project-links">
          <Link to="/quarters">{t('q.title')}</Link>
          <Link to="/leaders">{t('l.title')}</Link>
          <a href={projectApi.templateUrl({ region, library })} data-testid="template-link" download>
            <DownloadOutlined /> {t('list.template')}
          </a>
        </Space>
      </Space>

      <Card size="small" style={{ marginBottom: 16 }} title={chartTitle}>
        <div data-testid="pipeline-chart">
          <EChart option={chartOption} style={{ height: 260 }} />
        </div>
      </Card>

      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          data-testid="filter-library"
          style={{ width: 130 }}
          placeholder={t('list.filter.library')}
          allowClear
          value={library}
          onChange={(v) => set({ library: v })}
          options={LIBRARIES.map((l) => ({ value: l, label: libLabel(t, l) }))}
        />
        <Select
          data-testid="filter-county"
          style={{ width: 150 }}
          placeholder={t('list.filter.county')}
          allowClear
          value={region}
          onChange={(v) => set({ region: v })}
          options={[
            { value: CITY, label: t('common.city') },
            ...(counties.data ?? []).map((c) => ({ value: c.code, label: c.name })),
          ]}
        />
        <Select
          data-testid="filter-zone"
          style={{ width: 170 }}
          placeholder={t('list.filter.zone')}
          allowClear
          showSearch
          value={zone}
          onChange={(v) => set({ zone: v })}
          options={(zones.data?.entries ?? []).map((e) => ({ value: e.region.name, label: e.region.name }))}
        />
        <Input.Search
          data-testid="filter-search"
          style={{ width: 260 }}
          placeholder={t('list.filter.search')}
          allowClear
          defaultValue={q}
          onSearch={(v) => set({ q: v.trim() || undefined })}
        />
        {leader && (
          <Tag closable onClose={() => set({ leader: undefined })}>
            {t('list.leaderFilter', { name: leader })}
          </Tag>
        )}
        {list.data && (
          <Typography.Text type="secondary" data-testid="project-count">
            {t('list.total', { n: list.data.total })}
          </Typography.Text>
        )}
      </Space>

      {list.error ? (
        <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<Project>
          data-testid="project-table"
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          columns={columns}
          dataSource={rows}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            onChange: (p) => set({ page: String(p) }),
          }}
        />
      )}
    </div>
  );
}
