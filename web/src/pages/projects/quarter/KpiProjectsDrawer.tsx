import { useQuery } from '@tanstack/react-query';
import { Drawer, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import type { Library } from '../../../api-projects.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { formatWan, LibraryTag, pct } from '../common.tsx';
import { type By, type KpiKey, type KpiProjects, quarterApi, quarterKeys } from './api.ts';
import { type KpiMessageKey, useKpiI18n } from './kpi-strings.ts';

type Line = KpiProjects['projects'][number];
type DateKpi = Exclude<KpiKey, 'investmentCompletionRate'>;

/** The KPI cell a user clicked: which county (or zone) and which KPI. */
export interface KpiCell {
  region: { code: string; name: string };
  kpi: KpiKey;
  /** The county's or zone's projects in the project list (the drawer's way out to the whole list). */
  listUrl: string;
}

/**
 * The projects behind one KPI of the ranking (issue 6: "each with the projects behind it one click
 * away"): the denominator's projects, whether each counts in the numerator, and the dates or the
 * investment the KPI looked at, from GET /api/quarters/:year/:quarter/kpi-projects.
 */
export function KpiProjectsDrawer({
  year,
  quarter,
  by,
  cell,
  onClose,
}: {
  year: number;
  quarter: number;
  by: By;
  cell: KpiCell | null;
  onClose: () => void;
}) {
  const { tk, locale } = useKpiI18n();
  const q = useQuery({
    queryKey: quarterKeys.kpiProjects(year, quarter, by, cell?.region.code ?? '', cell?.kpi ?? 'startRate'),
    queryFn: () => quarterApi.kpiProjects(year, quarter, by, cell!.region.code, cell!.kpi),
    enabled: cell !== null,
  });
  const kpi = cell?.kpi ?? 'startRate';
  const kpiName = tk(`kpi.${kpi}` as KpiMessageKey);
  const invest = kpi === 'investmentCompletionRate';
  const d = q.data;
  const m = d?.period.throughMonth ?? quarter * 3;
  const to = d?.period.to ?? '';

  const figures: ColumnsType<Line> = invest
    ? [
        {
          title: tk('kpi.planned'),
          width: 130,
          align: 'right',
          render: (_, p) => (p.inDenominator ? formatWan(locale, p.planned) : '—'),
        },
        {
          title: tk('kpi.completed', { m }),
          width: 140,
          align: 'right',
          render: (_, p) => formatWan(locale, p.completed),
        },
      ]
    : [
        {
          title: tk(`kpi.basis.${kpi as DateKpi}`),
          width: 110,
          render: (_, p) => p.basis ?? '—',
        },
        {
          title: tk(`kpi.reached.${kpi as DateKpi}`),
          width: 150,
          render: (_, p) =>
            p.reached === null ? (
              '—'
            ) : p.reached > to ? (
              <Typography.Text type="secondary">
                {p.reached}
                {tk('kpi.late')}
              </Typography.Text>
            ) : (
              p.reached
            ),
        },
      ];

  const columns: ColumnsType<Line> = [
    {
      title: tk('kpi.col.project'),
      render: (_, p) => (
        <Link to={`/projects/${p.id}`} data-testid="kpi-project-link">
          {p.name}
        </Link>
      ),
    },
    { title: tk('kpi.col.region'), width: 100, render: (_, p) => p.region?.name ?? '—' },
    {
      title: tk('kpi.col.library'),
      width: 90,
      render: (_, p) => <LibraryTag library={p.library as Library} />,
    },
    {
      title: tk('kpi.col.counted'),
      width: 100,
      render: (_, p) =>
        p.counted ? (
          <Tag color="green" data-counted="yes">
            {tk('kpi.counted')}
          </Tag>
        ) : (
          <Tag data-counted="no">{tk('kpi.notCounted')}</Tag>
        ),
    },
    ...figures,
  ];

  return (
    <Drawer
      open={cell !== null}
      onClose={onClose}
      size="large"
      destroyOnHidden
      title={cell ? tk('kpi.title', { region: cell.region.name, kpi: kpiName, year, q: quarter }) : null}
      data-testid="kpi-drawer"
      rootClassName="kpi-drawer"
    >
      {q.error ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          {d && (
            <div>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
                {tk(`kpi.def.${kpi}`, { from: d.period.from, to: d.period.to, year: d.period.year, m })}
              </Typography.Paragraph>
              <Typography.Text strong data-testid="kpi-summary">
                {invest
                  ? tk('kpi.summaryInvest', {
                      den: formatWan(locale, d.denominator),
                      num: formatWan(locale, d.numerator),
                      m,
                      kpi: kpiName,
                      rate: pct(d.rate),
                    })
                  : tk('kpi.summary', { den: d.denominator, num: d.numerator, kpi: kpiName, rate: pct(d.rate) })}
              </Typography.Text>
            </div>
          )}
          {d && d.projects.length === 0 ? (
            <Typography.Text type="secondary" data-testid="kpi-none">
              {tk('kpi.none')}
            </Typography.Text>
          ) : (
            <Table<Line>
              data-testid="kpi-table"
              rowKey="id"
              size="small"
              loading={q.isFetching}
              columns={columns}
              dataSource={d?.projects ?? []}
              pagination={{ pageSize: 100, hideOnSinglePage: true, showSizeChanger: false }}
              footer={() => (
                <Typography.Text type="secondary">{tk('kpi.count', { n: d?.projects.length ?? 0 })}</Typography.Text>
              )}
            />
          )}
          {cell && (
            <Link to={cell.listUrl} data-testid="kpi-list-link">
              {tk('kpi.list')}
            </Link>
          )}
        </Space>
      )}
    </Drawer>
  );
}
