import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Segmented, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import { api, queryKeys, request } from '../../../api.ts';
import type { Problem } from '../../../api-projects.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { format, type Locale, useI18n } from '../../../i18n.ts';
import { listApi, listKeys } from '../list/api.ts';

const CITY = '140800';
const QUARTER_END = ['03-31', '06-30', '09-30', '12-31'];
const LEVELS = ['county', 'city', 'leader'] as const;
type Level = (typeof LEVELS)[number];

interface OverdueItem {
  problem: Problem;
  project: {
    id: number;
    name: string;
    regionCode: string | null;
    regionName: string | null;
    responsibleUnit: string | null;
    liaisonLeaders: string[];
  };
}

const TEXT: Record<Locale, Record<string, string>> = {
  zh: {
    title: '问题督办',
    subtitle:
      '问题台账中超过办理时限仍未办结的问题：超期即由县级督办，超期15天起由市项目办督办，超期30天起报包联市领导（一联五）。',
    asOf: '督办日期',
    today: '改回今天',
    stale: '示例数据止于 {date}，今天所有未办结问题都已超期很久。',
    use: '按 {date} 查看',
    county: '县（市、区）',
    all: '全部',
    total: '超期问题',
    'level.county': '县级督办',
    'level.city': '市项目办督办',
    'level.leader': '包联市领导督办',
    'col.project': '项目',
    'col.county': '县（市、区）',
    'col.problem': '问题',
    'col.owner': '责任人',
    'col.deadline': '办理时限',
    'col.days': '超期天数',
    'col.level': '督办层级',
    'col.leaders': '包联领导',
    'col.unit': '责任单位',
    empty: '截至 {date} 无超期未办结问题',
    days: '{n} 天',
  },
  en: {
    title: 'Overdue problems',
    subtitle:
      'Problems in the ledger still open after their deadline: the county follows them up at once, the city project office from 15 days overdue, the liaison leader from 30 days.',
    asOf: 'As of',
    today: 'Back to today',
    stale: 'The demo data ends on {date}; today every open problem is long overdue.',
    use: 'View as of {date}',
    county: 'County',
    all: 'All',
    total: 'Overdue',
    'level.county': 'County follow-up',
    'level.city': 'City project office',
    'level.leader': 'Liaison leader',
    'col.project': 'Project',
    'col.county': 'County',
    'col.problem': 'Problem',
    'col.owner': 'Owner',
    'col.deadline': 'Deadline',
    'col.days': 'Days overdue',
    'col.level': 'Escalated to',
    'col.leaders': 'Liaison leaders',
    'col.unit': 'Responsible unit',
    empty: 'No overdue open problem as of {date}',
    days: '{n} days',
  },
};

const LEVEL_COLORS: Record<Level, string> = { county: 'gold', city: 'orange', leader: 'red' };

/**
 * 问题督办: every open problem past its deadline, longest overdue first, with the level that follows it up
 * (县级 → 市项目办 → 包联市领导, the domain's escalation rule), the owner, the liaison leaders and the
 * responsible unit; filtered by county and level, judged on a chosen day (kept in the URL).
 */
export function ProblemsPage() {
  const { locale } = useI18n();
  const t = (key: string, vars?: Record<string, string | number>) => format(TEXT[locale][key] ?? key, vars);
  const [params, setParams] = useSearchParams();
  const asOf = /^\d{4}-\d{2}-\d{2}$/.test(params.get('asOf') ?? '') ? (params.get('asOf') as string) : undefined;
  const region = params.get('region') ?? undefined;
  const level = (LEVELS as readonly string[]).includes(params.get('level') ?? '')
    ? (params.get('level') as Level)
    : undefined;
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };

  const q = useQuery({
    queryKey: ['problems', 'overdue', region ?? '', asOf ?? ''],
    queryFn: () => {
      const qs = new URLSearchParams();
      if (region) qs.set('region', region);
      if (asOf) qs.set('asOf', asOf);
      return request<{ asOf: string; items: OverdueItem[] }>(`/api/problems/overdue?${qs}`);
    },
  });
  const counties = useQuery({
    queryKey: [...queryKeys.regions, CITY],
    queryFn: () => api.regions({ parent: CITY }),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const latest = useQuery({ queryKey: listKeys.latestData, queryFn: listApi.latestData, staleTime: 60_000 });
  const dataEnd = latest.data ? `${latest.data.year}-${QUARTER_END[latest.data.quarter - 1]}` : undefined;
  const judgedOn = asOf ?? dayjs().format('YYYY-MM-DD');

  const all = q.data?.items ?? [];
  const count = (l: Level) => all.filter((i) => i.problem.status?.level === l).length;
  const rows = level ? all.filter((i) => i.problem.status?.level === level) : all;

  return (
    <div className="page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('subtitle')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('asOf')}</Typography.Text>
        <DatePicker
          data-testid="problems-asof"
          value={asOf ? dayjs(asOf) : null}
          onChange={(d) => set({ asOf: d ? d.format('YYYY-MM-DD') : undefined })}
        />
        {asOf && (
          <Button size="small" type="link" onClick={() => set({ asOf: undefined })}>
            {t('today')}
          </Button>
        )}
        {dataEnd && judgedOn > dataEnd && (
          <Typography.Text type="warning" data-testid="problems-stale">
            {t('stale', { date: dataEnd })}
            <Button size="small" type="link" data-testid="problems-data-end" onClick={() => set({ asOf: dataEnd })}>
              {t('use', { date: dataEnd })}
            </Button>
          </Typography.Text>
        )}
        <Typography.Text type="secondary" style={{ marginLeft: 16 }}>
          {t('county')}
        </Typography.Text>
        <Select
          data-testid="problems-region"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('all')}
          style={{ width: 150 }}
          value={region}
          onChange={(v?: string) => set({ region: v })}
          options={(counties.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
        />
      </Space>
      {q.error ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <>
          <Card size="small" style={{ marginBottom: 12 }}>
            <Space size={48} wrap>
              <Statistic title={t('total')} value={all.length} data-testid="problems-total" />
              {LEVELS.map((l) => (
                <Statistic
                  key={l}
                  title={t(`level.${l}`)}
                  value={count(l)}
                  styles={{ content: { color: l === 'leader' ? '#dc2626' : undefined } }}
                  data-testid={`problems-count-${l}`}
                />
              ))}
            </Space>
          </Card>
          <Segmented
            data-testid="problems-level"
            style={{ marginBottom: 12 }}
            value={level ?? 'all'}
            onChange={(v) => set({ level: v === 'all' ? undefined : String(v) })}
            options={[
              { value: 'all', label: `${t('all')} ${all.length}` },
              ...LEVELS.map((l) => ({ value: l, label: `${t(`level.${l}`)} ${count(l)}` })),
            ]}
          />
          <Table<OverdueItem>
            data-testid="problems-table"
            rowKey={(i) => i.problem.id}
            size="small"
            loading={q.isFetching}
            dataSource={rows}
            pagination={{ pageSize: 50, showSizeChanger: false }}
            locale={{ emptyText: t('empty', { date: q.data?.asOf ?? judgedOn }) }}
            columns={[
              {
                title: t('col.project'),
                render: (_, i) => (
                  <Link to={`/projects/${i.project.id}`} data-testid="problem-project">
                    {i.project.name}
                  </Link>
                ),
              },
              { title: t('col.county'), width: 100, render: (_, i) => i.project.regionName ?? '—' },
              {
                title: t('col.problem'),
                render: (_, i) => (
                  <span>
                    {i.problem.title}
                    {i.problem.kind && <Tag style={{ marginLeft: 6 }}>{i.problem.kind}</Tag>}
                  </span>
                ),
              },
              { title: t('col.owner'), width: 110, render: (_, i) => i.problem.owner ?? '—' },
              { title: t('col.deadline'), width: 110, render: (_, i) => i.problem.deadline ?? '—' },
              {
                title: t('col.days'),
                width: 100,
                align: 'right',
                render: (_, i) => (
                  <b style={{ color: '#dc2626' }} data-testid="problem-days">
                    {t('days', { n: i.problem.status?.daysOverdue ?? 0 })}
                  </b>
                ),
              },
              {
                title: t('col.level'),
                width: 130,
                render: (_, i) =>
                  i.problem.status ? (
                    <Tag color={LEVEL_COLORS[i.problem.status.level]} data-testid="problem-level">
                      {t(`level.${i.problem.status.level}`)}
                    </Tag>
                  ) : null,
              },
              {
                title: t('col.leaders'),
                width: 140,
                render: (_, i) =>
                  i.project.liaisonLeaders.length === 0
                    ? '—'
                    : i.project.liaisonLeaders.map((l, k) => (
                        <span key={l}>
                          {k > 0 ? '、' : ''}
                          <Link to={`/leaders/${encodeURIComponent(l)}`}>{l}</Link>
                        </span>
                      )),
              },
              { title: t('col.unit'), width: 160, render: (_, i) => i.project.responsibleUnit ?? '—' },
            ]}
          />
        </>
      )}
    </div>
  );
}
