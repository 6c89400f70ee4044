import { useQuery } from '@tanstack/react-query';
import { Card, Segmented, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import { request } from '../../../api.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { format, type Locale, useI18n } from '../../../i18n.ts';
import { pct } from '../common.tsx';
import { type KpiMessageKey, useKpiI18n } from './kpi-strings.ts';

/** KPIs per industry chain (链长制) or liaison leader (一联五): compared, not scored or ranked. */
type GroupBy = 'chain' | 'leader';
interface Ratio {
  numerator: number;
  denominator: number;
  rate: number | null;
}
interface GroupRow {
  group: string;
  projectCount: number;
  landingRate: Ratio;
  startRate: Ratio;
  investmentCompletionRate: Ratio;
  productionRate: Ratio;
  capacityRate: Ratio;
}
interface GroupKpis {
  by: GroupBy;
  ungrouped: number;
  period: { from: string; to: string; year: number; throughMonth: number };
  groups: GroupRow[];
}

const KPIS = ['landingRate', 'startRate', 'investmentCompletionRate', 'productionRate', 'capacityRate'] as const;

const zh = {
  title: '产业链与包联领导',
  chain: '按产业链（链长制）',
  leader: '按包联领导（一联五）',
  chainCol: '产业链',
  leaderCol: '包联领导',
  projects: '项目数',
  ungrouped: '另有 {n} 个项目未归入{by}，不在此表中',
  none: '暂无归入{by}的项目',
  ratio: '{num} / {den}',
  ratioInvest: '完成 {num} 万元 / 计划 {den} 万元',
  note: '口径与县区排名相同（{from} 至 {to}）；产业链和领导只作比较，不计分排名；一个项目有多位包联领导时分别计入',
};
type Key = keyof typeof zh;
const en: Record<Key, string> = {
  title: 'Chains and liaison leaders',
  chain: 'By industry chain',
  leader: 'By liaison leader',
  chainCol: 'Chain',
  leaderCol: 'Leader',
  projects: 'Projects',
  ungrouped: '{n} more projects have no {by} and are not in this table',
  none: 'No project has a {by} yet',
  ratio: '{num} / {den}',
  ratioInvest: '{num} completed of {den} planned (10k yuan)',
  note: 'Same definitions as the county ranking ({from} to {to}); chains and leaders are compared, not scored; a project with several leaders counts for each',
};
const messages: Record<Locale, Record<Key, string>> = { zh, en };

export function GroupKpisCard({ year, quarter }: { year: number; quarter: number }) {
  const { locale } = useI18n();
  const { tk } = useKpiI18n();
  const t = useCallback(
    (key: Key, vars?: Record<string, string | number>) => format(messages[locale][key], vars),
    [locale],
  );
  const [by, setBy] = useState<GroupBy>('chain');
  const q = useQuery({
    queryKey: ['quarters', year, quarter, 'group-kpis', by],
    queryFn: () => request<GroupKpis>(`/api/quarters/${year}/${quarter}/group-kpis?by=${by}`),
  });
  const byWord = by === 'chain' ? t('chainCol') : t('leaderCol');
  const columns: ColumnsType<GroupRow> = [
    {
      title: byWord,
      dataIndex: 'group',
      render: (g: string) =>
        by === 'chain' ? (
          <Link to={`/projects?chain=${encodeURIComponent(g)}`} data-testid="group-link">
            {g}
          </Link>
        ) : (
          <Link to={`/leaders/${encodeURIComponent(g)}`} data-testid="group-link">
            {g}
          </Link>
        ),
    },
    { title: t('projects'), dataIndex: 'projectCount', align: 'right' },
    ...KPIS.map((k) => ({
      title: tk(`kpi.${k}` as KpiMessageKey),
      key: k,
      align: 'right' as const,
      render: (_: unknown, r: GroupRow) => {
        const ratio = r[k];
        const tip =
          k === 'investmentCompletionRate'
            ? t('ratioInvest', { num: Math.round(ratio.numerator), den: Math.round(ratio.denominator) })
            : t('ratio', { num: ratio.numerator, den: ratio.denominator });
        return (
          <Tooltip title={tip}>
            <span data-testid={`group-${k}`}>{pct(ratio.rate)}</span>
          </Tooltip>
        );
      },
    })),
  ];
  return (
    <Card
      size="small"
      title={t('title')}
      style={{ marginTop: 16 }}
      data-testid="group-kpis"
      extra={
        <Segmented
          data-testid="group-by"
          value={by}
          onChange={(v) => setBy(v as GroupBy)}
          options={[
            { value: 'chain', label: t('chain') },
            { value: 'leader', label: t('leader') },
          ]}
        />
      }
    >
      {q.error ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <>
          <Table<GroupRow>
            data-testid="group-table"
            rowKey="group"
            size="small"
            loading={q.isFetching}
            columns={columns}
            dataSource={q.data?.groups ?? []}
            pagination={false}
            locale={{ emptyText: t('none', { by: byWord }) }}
          />
          {q.data && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {t('note', { from: q.data.period.from, to: q.data.period.to })}
              {q.data.ungrouped > 0 && (
                <>
                  {locale === 'zh' ? '；' : '; '}
                  {t('ungrouped', { n: q.data.ungrouped, by: byWord })}
                </>
              )}
            </Typography.Paragraph>
          )}
        </>
      )}
    </Card>
  );
}
