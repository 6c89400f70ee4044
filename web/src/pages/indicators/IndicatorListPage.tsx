import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import {
  type EvaluatedIndicator,
  type Evaluation,
  type Indicator,
  indicatorApi,
  indicatorKeys,
  STATUSES,
  type Status,
} from '../../api-indicators.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PlanMonitorHead } from '../../components/indicators/PlanMonitorHead.tsx';
import { periodLabel } from '../../components/indicators/periods.ts';
import { AttributeTag, StatusTag } from '../../components/indicators/StatusTag.tsx';
import { usePlanScope } from '../../components/indicators/usePlanScope.ts';
import '../../components/indicators/indicators.css';
import type { Locale } from '../../i18n.ts';
import { formatValue, type IndTranslate, pick, statusLabel, useIndI18n } from '../../i18n-indicators.ts';

/** 需年均增长 3.2% / 需每年 +120 万吨: what the rest of the period asks for, or null. */
export function requiredText(t: IndTranslate, locale: Locale, ind: Indicator, e: Evaluation): string | null {
  // a share in percent that must reach a level: say how many points a year, not a growth rate of the share
  if (
    ind.target.kind === 'level' &&
    ind.unit === '%' &&
    e.requiredPerYear !== null &&
    Number.isFinite(e.requiredPerYear)
  ) {
    return t('list.required.points', {
      sign: e.requiredPerYear < 0 ? '−' : '+',
      amount: formatValue(locale, Math.abs(e.requiredPerYear), 2),
    });
  }
  if (e.requiredRate !== null && Number.isFinite(e.requiredRate)) {
    const rate = formatValue(locale, Math.abs(e.requiredRate), 2);
    return e.requiredRate < 0 ? t('list.required.fall', { rate }) : t('list.required.rate', { rate });
  }
  if (e.requiredPerYear !== null && Number.isFinite(e.requiredPerYear)) {
    return t('list.required.perYear', {
      sign: e.requiredPerYear < 0 ? '−' : '+',
      amount: formatValue(locale, Math.abs(e.requiredPerYear), 2),
      unit: ind.unit,
    });
  }
  return null;
}

export function baselineText(locale: Locale, t: IndTranslate, ind: Indicator, planStart: number | undefined) {
  if (!ind.baseline) return null;
  const v = formatValue(locale, ind.baseline.value, 4);
  return {
    value: v,
    year:
      planStart !== undefined && ind.baseline.year !== planStart - 1
        ? t('list.baselineYear', { year: ind.baseline.year })
        : null,
  };
}

const statusRank = (s: Status) => STATUSES.indexOf(s);

export function IndicatorListPage() {
  const { id = '' } = useParams();
  const { t, locale } = useIndI18n();
  const scope = usePlanScope(id);
  const { plan, period, region } = scope;
  // the cockpit's heat map opens this page on one category (and county)
  const [params] = useSearchParams();
  const [category, setCategory] = useState<string | undefined>(params.get('category') ?? undefined);
  const [status, setStatus] = useState<Status | undefined>((params.get('status') as Status | null) ?? undefined);
  const [attribute, setAttribute] = useState<string | undefined>();
  const [unit, setUnit] = useState<string | undefined>();
  const [search, setSearch] = useState('');

  const list = useQuery({
    queryKey: indicatorKeys.list(id, period ?? '', region ?? ''),
    queryFn: () => indicatorApi.list(id, period as string, region),
    enabled: !!period && !!region,
  });
  const xlsx = useQuery({
    queryKey: indicatorKeys.xlsx(id, period ?? '', region ?? ''),
    queryFn: () => indicatorApi.xlsxAvailable(id, period as string, region),
    enabled: !!period && !!region,
    staleTime: 60_000,
  });

  const items = list.data?.items ?? [];
  const categories = useMemo(() => [...new Set(items.map((i) => i.indicator.category ?? ''))].filter(Boolean), [items]);
  const units = useMemo(() => [...new Set(items.map((i) => i.indicator.unit))].sort(), [items]);
  const present = useMemo(() => new Set(items.map((i) => i.evaluation.status)), [items]);

  const shown = items.filter(
    (i) =>
      (!category || i.indicator.category === category) &&
      (!status || i.evaluation.status === status) &&
      (!attribute || i.indicator.attribute === attribute) &&
      (!unit || i.indicator.unit === unit) &&
      (!search.trim() || i.indicator.name.includes(search.trim())),
  );
  const filtered = !!(category || status || attribute || unit || search.trim());

  const columns: ColumnsType<EvaluatedIndicator> = [
    {
      key: 'code',
      title: t('list.col.code'),
      width: 92,
      render: (_, r) => <span className="mon-code">{r.indicator.code}</span>,
    },
    {
      key: 'name',
      title: t('list.col.name'),
      render: (_, r) => (
        <Link
          to={`/indicators/${r.indicator.id}${region && region !== plan?.region.code ? `?region=${region}` : ''}`}
          className="mon-name-link"
          data-testid="indicator-link"
        >
          {r.indicator.name}
        </Link>
      ),
    },
    { key: 'unit', title: t('list.col.unit'), width: 88, render: (_, r) => r.indicator.unit },
    {
      key: 'category',
      title: t('list.col.category'),
      width: 120,
      render: (_, r) => <span className="mon-muted">{r.indicator.category ?? '—'}</span>,
    },
    {
      key: 'attribute',
      title: t('list.col.attribute'),
      width: 82,
      render: (_, r) => <AttributeTag attribute={r.indicator.attribute} />,
    },
    {
      key: 'baseline',
      title: t('list.col.baseline'),
      width: 90,
      align: 'right',
      render: (_, r) => {
        const b = baselineText(locale, t, r.indicator, plan?.periodStart);
        if (!b) return <span className="mon-muted">—</span>;
        return (
          <span>
            {b.value}
            {b.year && <div className="mon-sub">{b.year}</div>}
          </span>
        );
      },
    },
    {
      key: 'target',
      title: t('list.col.target'),
      width: 116,
      align: 'right',
      render: (_, r) => r.indicator.targetText || '—',
    },
    {
      key: 'latest',
      title: t('list.col.latest'),
      width: 96,
      align: 'right',
      render: (_, r) =>
        r.latest ? (
          <span data-testid="latest-value">
            {formatValue(locale, r.latest.value)}
            {r.latest.period !== period && (
              <div className="mon-sub">{t('list.valueOf', { period: periodLabel(r.latest.period, locale) })}</div>
            )}
            <JudgedValue r={r} />
          </span>
        ) : (
          <span className="mon-muted">—</span>
        ),
    },
    {
      key: 'expected',
      title: t('list.col.expected'),
      width: 90,
      align: 'right',
      render: (_, r) => <span className="mon-muted-strong">{formatValue(locale, r.evaluation.expected)}</span>,
    },
    {
      key: 'status',
      title: t('list.col.status'),
      width: 118,
      sorter: (a, b) => statusRank(a.evaluation.status) - statusRank(b.evaluation.status),
      render: (_, r) => <StatusTag status={r.evaluation.status} reason={r.evaluation.reason} />,
    },
    {
      key: 'required',
      title: t('list.col.required'),
      width: 168,
      render: (_, r) => {
        const text = requiredText(t, locale, r.indicator, r.evaluation);
        return text ? <span className="mon-required">{text}</span> : <span className="mon-muted">—</span>;
      },
    },
  ];

  if (scope.planError) return <ErrorAlert error={scope.planError} />;

  return (
    <div data-testid="indicator-list-page">
      <PlanMonitorHead
        scope={scope}
        active="monitor"
        subtitle={t('list.subtitle')}
        extra={
          xlsx.data ? (
            <Button
              icon={<DownloadOutlined />}
              href={indicatorApi.xlsxUrl(id, period as string, region)}
              data-testid="export-xlsx"
            >
              {t('list.export')}
            </Button>
          ) : null
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        <div className="mon-filters" data-testid="indicator-filters">
          <Input.Search
            allowClear
            placeholder={t('list.filter.search')}
            style={{ width: 200 }}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <Select
            allowClear
            data-testid="filter-category"
            placeholder={t('list.filter.category')}
            style={{ width: 190 }}
            value={category}
            onChange={setCategory}
            options={categories.map((c) => ({ value: c, label: c }))}
          />
          <Select<Status>
            allowClear
            data-testid="filter-status"
            placeholder={t('list.filter.status')}
            style={{ width: 150 }}
            value={status}
            onChange={setStatus}
            options={STATUSES.filter((s) => present.has(s)).map((s) => ({
              value: s,
              label: (
                <span>
                  <StatusTag status={s} />
                </span>
              ),
              title: statusLabel(t, s),
            }))}
            optionLabelProp="title"
          />
          <Select
            allowClear
            data-testid="filter-attribute"
            placeholder={t('list.filter.attribute')}
            style={{ width: 120 }}
            value={attribute}
            onChange={setAttribute}
            options={[
              { value: 'binding', label: t('attr.binding') },
              { value: 'expected', label: t('attr.expected') },
            ]}
          />
          <Select
            allowClear
            data-testid="filter-unit"
            placeholder={t('list.filter.unit')}
            style={{ width: 120 }}
            value={unit}
            onChange={setUnit}
            options={units.map((u) => ({ value: u, label: u }))}
          />
          {filtered && (
            <Button
              type="link"
              onClick={() => {
                setCategory(undefined);
                setStatus(undefined);
                setAttribute(undefined);
                setUnit(undefined);
                setSearch('');
              }}
            >
              {t('list.filter.clear')}
            </Button>
          )}
          <span className="mon-count" data-testid="indicator-count">
            {list.data ? t('list.shown', { shown: shown.length, total: items.length }) : ''}
          </span>
        </div>
        {list.error ? (
          <div style={{ padding: 16 }}>
            <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
          </div>
        ) : (
          <Table<EvaluatedIndicator>
            rowKey={(r) => r.indicator.id}
            data-testid="indicator-table"
            size="middle"
            columns={columns}
            dataSource={shown}
            loading={list.isLoading || !period}
            pagination={false}
            scroll={{ x: 1200 }}
            locale={{ emptyText: list.isLoading ? ' ' : t('list.empty') }}
            expandable={{
              expandedRowRender: (r) => <ReasonRow r={r} />,
              rowExpandable: () => true,
            }}
          />
        )}
      </Card>
    </div>
  );
}

/** The value the status was judged on when it is not the latest value: a total, or an average rate. */
function JudgedValue({ r }: { r: EvaluatedIndicator }) {
  const { t, locale } = useIndI18n();
  const a = r.evaluation.actual;
  if (a === null || !r.latest || Math.abs(a - r.latest.value) < 0.005) return null;
  const v = formatValue(locale, a);
  if (r.indicator.target.kind === 'cumulative')
    return <div className="mon-sub">{t('list.actual.cumulative', { v })}</div>;
  if (r.indicator.target.kind === 'growth' || r.indicator.target.kind === 'relative')
    return <div className="mon-sub">{t('list.actual.average', { v })}</div>;
  return null;
}

function ReasonRow({ r }: { r: EvaluatedIndicator }) {
  const { t, locale } = useIndI18n();
  return (
    <div className="mon-reason" data-testid="reason-row">
      <div>
        <Typography.Text type="secondary">
          {t('list.reason')}
          {t('common.colon')}
        </Typography.Text>
        {pick(locale, r.evaluation.reason)}
      </div>
      <Space size={24} wrap style={{ marginTop: 4 }}>
        <span>
          <Typography.Text type="secondary">
            {t('list.col.lead')}
            {t('common.colon')}
          </Typography.Text>
          {r.indicator.leadUnit ?? <Typography.Text type="secondary">{t('common.unassigned')}</Typography.Text>}
        </span>
        <span>
          <Typography.Text type="secondary">
            {t('list.rule')}
            {t('common.colon')}
          </Typography.Text>
          <code>{r.evaluation.rule}</code>
        </span>
        <Link to={`/indicators/${r.indicator.id}`}>{t('list.open')} →</Link>
      </Space>
    </div>
  );
}
