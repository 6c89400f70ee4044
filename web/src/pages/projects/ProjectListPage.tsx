import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType, SortOrder } from 'antd/es/table/interface';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import { api, queryKeys } from '../../api.ts';
import { LIBRARIES, type Library, type Light, projectApi } from '../../api-projects.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatWan, LibraryTag, LightDot, libLabel, MilestoneDots } from './common.tsx';
import { LIGHTS, type ListedProject, type ListFilter, listApi, listKeys, SORTS, type Sort } from './list/api.ts';
import { PipelineFunnel } from './list/PipelineFunnel.tsx';
import { useListI18n } from './list/strings.ts';
import { useProjI18n } from './strings.ts';

const CITY = '140800';
const PAGE_SIZE = 20;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const QUARTER_END = ['03-31', '06-30', '09-30', '12-31'];

/** Every filter, the sort and the page live in the URL, so a filtered list can be bookmarked and shared. */
function useListParams() {
  const [params, setParams] = useSearchParams();
  const get = (k: string) => params.get(k) || undefined;
  const filter: ListFilter = {
    library: get('library') as Library | undefined,
    region: get('region'),
    zone: get('zone'),
    chain: get('chain'),
    light: get('light') as Light | undefined,
    q: get('q'),
    leader: get('leader'),
    asOf: ISO_DAY.test(get('asOf') ?? '') ? get('asOf') : undefined,
  };
  const sortParam = get('sort');
  const sort: Sort = (SORTS as readonly string[]).includes(sortParam ?? '') ? (sortParam as Sort) : 'id';
  const order: 'asc' | 'desc' = get('order') === 'desc' ? 'desc' : 'asc';
  const page = Number(params.get('page') ?? '1') || 1;
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    // a new filter or sort starts again at page 1
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };
  return { filter, sort, order, page, set };
}

export function ProjectListPage() {
  const { t, locale } = useProjI18n();
  const { tl } = useListI18n();
  const { filter, sort, order, page, set } = useListParams();
  const { library, region, zone, chain, light, q, leader, asOf: asOfParam } = filter;

  const list = useQuery({
    queryKey: listKeys.page(filter, { page, sort, order }),
    queryFn: () => listApi.page(filter, { page, pageSize: PAGE_SIZE, sort, order }),
    placeholderData: keepPreviousData,
  });
  const counties = useQuery({
    queryKey: [...queryKeys.regions, CITY],
    queryFn: () => api.regions({ parent: CITY }),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const facets = useQuery({ queryKey: listKeys.facets, queryFn: listApi.facets, staleTime: 60_000 });
  const latest = useQuery({ queryKey: listKeys.latestData, queryFn: listApi.latestData, staleTime: 60_000 });
  /** The last day with monthly investment data (the demo's: 2024-12-31); lights judged later mean little. */
  const dataEnd = latest.data ? `${latest.data.year}-${QUARTER_END[latest.data.quarter - 1]}` : undefined;
  const judgedOn = asOfParam ?? dayjs().format('YYYY-MM-DD');

  const rows = list.data?.items ?? [];
  const scopeName =
    !region || region === CITY ? t('common.city') : (counties.data?.find((c) => c.code === region)?.name ?? region);
  const sortOrderOf = (key: Sort): SortOrder | undefined =>
    sort === key ? (order === 'desc' ? 'descend' : 'ascend') : null;
  // the evaluation date is not a filter: the same projects, judged on another day
  const anyFilter = Object.entries(filter).some(([k, v]) => k !== 'asOf' && v !== undefined);

  const columns: ColumnsType<ListedProject> = [
    {
      title: t('list.col.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: sortOrderOf('name'),
      render: (_, p) => (
        <Link to={`/projects/${p.id}`} data-testid="project-link">
          {p.name}
        </Link>
      ),
    },
    {
      title: t('list.col.county'),
      key: 'region',
      width: 110,
      sorter: true,
      sortOrder: sortOrderOf('region'),
      render: (_, p) => p.region?.name ?? t('common.none'),
    },
    { title: t('list.col.zone'), width: 130, render: (_, p) => p.zone ?? t('common.none') },
    {
      title: t('list.col.library'),
      key: 'library',
      width: 100,
      sorter: true,
      sortOrder: sortOrderOf('library'),
      render: (_, p) => <LibraryTag library={p.library} />,
    },
    {
      title: t('list.col.investment'),
      key: 'investment',
      width: 140,
      align: 'right',
      sorter: true,
      sortOrder: sortOrderOf('investment'),
      render: (_, p) => formatWan(locale, p.totalInvestment),
    },
    {
      title: tl('col.planYear'),
      width: 180,
      align: 'right',
      render: (_, p) =>
        p.schedule.plannedYear > 0
          ? `${formatWan(locale, p.schedule.plannedYear)} / ${formatWan(locale, p.schedule.completedYtd)}`
          : t('common.none'),
    },
    {
      title: t('list.col.milestones'),
      width: 150,
      render: (_, p) => <MilestoneDots project={{ ...p, light: p.light.light }} />,
    },
    {
      title: t('list.col.light'),
      key: 'light',
      width: 80,
      align: 'center',
      sorter: true,
      sortOrder: sortOrderOf('light'),
      render: (_, p) => (
        <LightDot
          light={p.light.light}
          title={p.light.reasons.map((r) => (locale === 'zh' ? r.zh : r.en)).join('；') || undefined}
        />
      ),
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

  const asOf = list.data?.asOf;
  const firstRow = rows[0];

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
          <Link to="/problems" data-testid="problems-link">
            {t('p.overdueTitle')}
          </Link>
          <a href={projectApi.templateUrl({ region, library })} data-testid="template-link" download>
            <DownloadOutlined /> {t('list.template')}
          </a>
        </Space>
      </Space>

      <PipelineFunnel
        filter={filter}
        scopeName={scopeName}
        library={library}
        cityCode={CITY}
        onStage={(l) => set({ library: l === library ? undefined : l })}
        onRegion={(code) => set({ region: code })}
      />

      <Card size="small">
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
            options={(facets.data?.zones ?? []).map((z) => ({ value: z.value, label: `${z.value}（${z.n}）` }))}
          />
          {(facets.data?.chains.length ?? 0) > 0 || chain ? (
            <Select
              data-testid="filter-chain"
              style={{ width: 150 }}
              placeholder={tl('filter.chain')}
              allowClear
              showSearch
              value={chain}
              onChange={(v) => set({ chain: v })}
              options={(facets.data?.chains ?? []).map((c) => ({ value: c.value, label: `${c.value}（${c.n}）` }))}
            />
          ) : null}
          <Select
            data-testid="filter-light"
            style={{ width: 110 }}
            placeholder={tl('filter.light')}
            allowClear
            value={light}
            onChange={(v) => set({ light: v })}
            options={LIGHTS.map((l) => ({
              value: l,
              title: t(`light.${l}` as const),
              label: (
                <Space size={6}>
                  <LightDot light={l} />
                  {t(`light.${l}` as const)}
                </Space>
              ),
            }))}
          />
          <Input.Search
            key={q ?? ''}
            data-testid="filter-search"
            style={{ width: 260 }}
            placeholder={t('list.filter.search')}
            allowClear
            defaultValue={q}
            onSearch={(v) => set({ q: v.trim() || undefined })}
          />
          <Tooltip title={tl('asOf.title')}>
            <Space size={4}>
              <Typography.Text type="secondary">{tl('asOf.label')}</Typography.Text>
              <DatePicker
                data-testid="filter-asof"
                style={{ width: 140 }}
                placeholder={tl('asOf.placeholder')}
                value={asOfParam ? dayjs(asOfParam) : null}
                onChange={(d) => set({ asOf: d ? d.format('YYYY-MM-DD') : undefined })}
              />
            </Space>
          </Tooltip>
          {leader && (
            <Tag closable onClose={() => set({ leader: undefined })}>
              {t('list.leaderFilter', { name: leader })}
            </Tag>
          )}
          {anyFilter && (
            <Button
              size="small"
              type="link"
              data-testid="filter-clear"
              onClick={() =>
                set({
                  library: undefined,
                  region: undefined,
                  zone: undefined,
                  chain: undefined,
                  light: undefined,
                  q: undefined,
                  leader: undefined,
                })
              }
            >
              {tl('filter.clear')}
            </Button>
          )}
        </Space>
        <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} wrap>
          <Space size="middle">
            {list.data && (
              <Typography.Text strong data-testid="project-count">
                {t('list.total', { n: list.data.total })}
              </Typography.Text>
            )}
            {asOf && firstRow && (
              <Typography.Text type="secondary" data-testid="light-hint">
                {tl('light.hint', { date: asOf, year: firstRow.schedule.year, m: firstRow.schedule.monthsElapsed })}
              </Typography.Text>
            )}
            {dataEnd && judgedOn > dataEnd && (
              <Typography.Text type="warning" data-testid="asof-stale">
                {tl('asOf.stale', { date: dataEnd })}
                <Button size="small" type="link" data-testid="asof-data-end" onClick={() => set({ asOf: dataEnd })}>
                  {tl('asOf.use', { date: dataEnd })}
                </Button>
              </Typography.Text>
            )}
            {asOfParam && (
              <Button size="small" type="link" data-testid="asof-today" onClick={() => set({ asOf: undefined })}>
                {tl('asOf.today')}
              </Button>
            )}
          </Space>
          <Tooltip title={tl('export.title')}>
            <Button
              icon={<FileExcelOutlined />}
              href={listApi.exportUrl(filter, { sort, order })}
              data-testid="export-link"
              download
            >
              {tl('export')}
            </Button>
          </Tooltip>
        </Space>

        {list.error ? (
          <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<ListedProject>
            data-testid="project-table"
            rowKey="id"
            size="middle"
            loading={list.isFetching}
            columns={columns}
            dataSource={rows}
            showSorterTooltip={{ title: tl('sort.hint') }}
            onChange={(pagination, _filters, sorter, extra) => {
              if (extra.action === 'sort') {
                const s = Array.isArray(sorter) ? sorter[0] : sorter;
                const key = s?.order ? (String(s.columnKey) as Sort) : undefined;
                set({ sort: key, order: key && s?.order === 'descend' ? 'desc' : undefined });
              } else if (extra.action === 'paginate') {
                set({ page: String(pagination.current ?? 1) });
              }
            }}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
            }}
          />
        )}
      </Card>
    </div>
  );
}
