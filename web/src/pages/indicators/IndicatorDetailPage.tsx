import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App as AntApp,
  AutoComplete,
  Breadcrumb,
  Button,
  Card,
  Empty,
  Form,
  Input,
  Radio,
  Select,
  type SelectProps,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api, queryKeys, toApiError } from '../../api.ts';
import {
  type Attribute,
  type Direction,
  type Frequency,
  type HistoryEntry,
  type Indicator,
  type IndicatorPatch,
  type IndicatorValue,
  indicatorApi,
  indicatorKeys,
  type TrajectoryPoint,
} from '../../api-indicators.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { AssignmentsCard } from '../../components/indicators/AssignmentsCard.tsx';
import { comparePeriods, periodLabel, periodsOf } from '../../components/indicators/periods.ts';
import { AttributeTag, StatusTag } from '../../components/indicators/StatusTag.tsx';
import { TrajectoryChart } from '../../components/indicators/TrajectoryChart.tsx';
import { ValuesEvidence } from '../../components/indicators/ValuesEvidence.tsx';
import '../../components/indicators/indicators.css';
import { formatDateTime, useI18n } from '../../i18n.ts';
import {
  formatValue,
  type IndMessageKey,
  type IndTranslate,
  pick,
  staleMessage,
  useIndI18n,
} from '../../i18n-indicators.ts';

/** Units a planning office assigns most often; any other name can be typed. */
const COMMON_UNITS = [
  '市发展改革委',
  '市统计局',
  '市工信局',
  '市科技局',
  '市财政局',
  '市商务局',
  '市生态环境局',
  '市自然资源局',
  '市住建局',
  '市农业农村局',
  '市人社局',
  '市教育局',
  '市卫健委',
  '市能源局',
  '市应急管理局',
  '市医保局',
  '市体育局',
  '市市场监管局',
];

const paren = (locale: string, s: string) => (locale === 'zh' ? `（${s}）` : ` (${s})`);

const VALUE_STATE_COLOR: Record<IndicatorValue['state'], string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'success',
  returned: 'warning',
};

export function IndicatorDetailPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { t, locale } = useIndI18n();
  const app = useI18n();
  const region = params.get('region') ?? undefined;

  const detail = useQuery({
    queryKey: indicatorKeys.detail(id, region),
    queryFn: () => indicatorApi.detail(id, region),
  });
  const ind = detail.data?.indicator;
  const plan = useQuery({
    queryKey: queryKeys.plan(ind?.planId ?? ''),
    queryFn: () => api.plan(ind?.planId as number),
    enabled: !!ind,
  });
  const p = plan.data;
  const counties = useQuery({
    queryKey: [...queryKeys.regions, 'children', p?.region.code ?? ''],
    queryFn: () => api.regions({ parent: p?.region.code as string }),
    enabled: !!p,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const regions = useMemo(
    () => (p ? [{ code: p.region.code, name: p.region.name }, ...(counties.data ?? [])] : []),
    [p, counties.data],
  );
  const regionCode = region ?? p?.region.code;
  const period = params.get('period') ?? undefined;

  if (detail.error) return <ErrorAlert error={detail.error} onRetry={() => detail.refetch()} />;
  if (!detail.data || !ind) return <Skeleton active paragraph={{ rows: 10 }} />;

  const trajectory = detail.data.trajectory;
  const lastWithData = [...trajectory].reverse().find((x) => x.actual !== null) ?? trajectory[trajectory.length - 1];
  const anyDemo = detail.data.values.some((v) => v.isDemo);
  const listLink = p ? `/plans/${encodeURIComponent(p.id)}/indicators${region ? `?region=${region}` : ''}` : '/';

  return (
    <div data-testid="indicator-detail-page">
      <div className="mon-head">
        <Breadcrumb
          style={{ marginBottom: 8 }}
          items={[
            { title: <Link to="/">{app.t('nav.plans')}</Link> },
            ...(p ? [{ title: <Link to={`/plans/${encodeURIComponent(p.id)}`}>{p.title}</Link> }] : []),
            { title: <Link to={listLink}>{t('nav.monitor')}</Link> },
            { title: ind.name },
          ]}
        />
        <div className="mon-head-row">
          <Space size={10} align="center" wrap>
            <Typography.Title level={2} style={{ fontSize: 22, margin: 0 }} data-testid="indicator-name">
              {ind.name}
            </Typography.Title>
            <AttributeTag attribute={ind.attribute} />
            {lastWithData && (
              <span data-testid="indicator-status">
                <StatusTag status={lastWithData.status} reason={lastWithData.reason} />
              </span>
            )}
            {anyDemo && (
              <Tag color="purple" data-testid="demo-label" title={t('common.demoHint')}>
                {t('common.demo')}
              </Tag>
            )}
          </Space>
          <span className="mon-field">
            <span className="mon-field-label">{t('detail.regionTrajectory')}</span>
            <Select
              data-testid="detail-region-select"
              style={{ width: 150 }}
              value={regionCode}
              showSearch={{ optionFilterProp: 'label' }}
              options={regions.map((r) => ({ value: r.code, label: r.name }))}
              onChange={(v) =>
                setParams(
                  (prev) => {
                    const next = new URLSearchParams(prev);
                    if (v === p?.region.code) next.delete('region');
                    else next.set('region', v);
                    return next;
                  },
                  { replace: true },
                )
              }
            />
          </span>
        </div>
        <div className="mon-detail-meta" data-testid="indicator-meta">
          <span>
            <span className="mon-detail-meta-label">{t('list.col.code')}</span>
            {ind.code}
          </span>
          <span>
            <span className="mon-detail-meta-label">{t('list.col.unit')}</span>
            {ind.unit}
          </span>
          {ind.category && (
            <span>
              <span className="mon-detail-meta-label">{t('list.col.category')}</span>
              {ind.category}
            </span>
          )}
          <span>
            <span className="mon-detail-meta-label">{t('detail.baseline')}</span>
            {ind.baseline
              ? `${formatValue(locale, ind.baseline.value, 4)}${paren(locale, String(ind.baseline.year))}`
              : '—'}
          </span>
          <span>
            <span className="mon-detail-meta-label">{t('detail.target')}</span>
            <strong data-testid="indicator-target">{ind.targetText || '—'}</strong>
          </span>
          <span>
            <span className="mon-detail-meta-label">{t('detail.direction')}</span>
            {t(`dir.${ind.direction}` as IndMessageKey)}
          </span>
          <span>
            <span className="mon-detail-meta-label">{t('detail.lead')}</span>
            <span data-testid="indicator-lead">
              {ind.leadUnit ?? <Typography.Text type="secondary">{t('common.unassigned')}</Typography.Text>}
            </span>
          </span>
        </div>
      </div>

      {p && (
        <PeriodEvaluation
          ind={ind}
          planStart={p.periodStart}
          planEnd={p.periodEnd}
          period={period ?? lastWithData?.period ?? String(p.periodEnd)}
          region={regionCode}
          onPeriod={(v) =>
            setParams(
              (prev) => {
                const next = new URLSearchParams(prev);
                next.set('period', v);
                return next;
              },
              { replace: true },
            )
          }
        />
      )}

      {ind.target.kind === 'provincial' && p && (
        <AssignmentsCard
          ind={ind}
          years={Array.from({ length: p.periodEnd - p.periodStart + 1 }, (_, i) => p.periodStart + i)}
        />
      )}

      <Card
        title={
          <span>
            {t('detail.chart')}
            <Typography.Text type="secondary" style={{ marginLeft: 8, fontWeight: 400 }}>
              {regions.find((r) => r.code === regionCode)?.name ?? ''}
            </Typography.Text>
          </span>
        }
        size="small"
        className="mon-section"
      >
        <TrajectoryChart indicator={ind} trajectory={trajectory} />
      </Card>

      <div className="mon-even-col">
        <Card
          title={`${t(ind.frequency === 'year' ? 'detail.statusByYear' : 'detail.statusByPeriod')}${paren(locale, ind.unit)}`}
          size="small"
          styles={{ body: { padding: 0 } }}
        >
          <YearTable ind={ind} trajectory={trajectory} />
        </Card>
        <Card title={t('detail.byCounty')} size="small" styles={{ body: { padding: 0 } }}>
          <CountyTable values={detail.data.values} regions={regions} unit={ind.unit} />
        </Card>
      </div>

      <Card
        title={t('detail.values')}
        size="small"
        className="mon-section"
        styles={{ body: { padding: 0 } }}
        data-testid="values-card"
        extra={
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('detail.valuesHint', { region: regions.find((r) => r.code === regionCode)?.name ?? '' })}
          </Typography.Text>
        }
      >
        <ValuesEvidence values={detail.data.values.filter((v) => v.regionCode === regionCode)} unit={ind.unit} />
      </Card>

      <div className="mon-even-col">
        <Card title={t('detail.owner')} size="small">
          <OwnerForm key={ind.version} ind={ind} />
        </Card>
        <div>
          <Card title={t('detail.source')} size="small" className="mon-section">
            <SourceBox ind={ind} />
          </Card>
          <Card title={t('detail.history')} size="small" styles={{ body: { padding: 0 } }}>
            <History id={ind.id} />
          </Card>
        </div>
      </div>
    </div>
  );
}

/**
 * The status at one period the user picks (a quarter or month too, for an indicator reported that often),
 * in the chosen region, as the indicator list computes it.
 */
function PeriodEvaluation({
  ind,
  planStart,
  planEnd,
  period,
  region,
  onPeriod,
}: {
  ind: Indicator;
  planStart: number;
  planEnd: number;
  period: string;
  region: string | undefined;
  onPeriod: (p: string) => void;
}) {
  const { t, locale } = useIndI18n();
  const list = useQuery({
    queryKey: indicatorKeys.list(ind.planId, period, region ?? ''),
    queryFn: () => indicatorApi.list(ind.planId, period, region),
    enabled: !!region,
  });
  const item = list.data?.items.find((i) => i.indicator.id === ind.id);
  const e = item?.evaluation;
  // a status without a judged value (no assignment, no target) still shows the latest value reported
  const shown = e?.actual ?? item?.latest?.value ?? null;
  const shownOf = e?.actual == null && item?.latest ? item.latest.period : null;
  const groups = (ind.frequency === 'year' ? (['year'] as const) : (['year', ind.frequency] as const)).map((f) => ({
    label: t(`period.group.${f}`),
    title: t(`period.group.${f}`),
    options: periodsOf(f, planStart, planEnd).map((x) => ({ value: x, label: periodLabel(x, locale) })),
  }));
  return (
    <Card size="small" className="mon-section" data-testid="period-evaluation">
      <Space size={16} wrap align="center">
        <span className="mon-field">
          <span className="mon-field-label">{t('detail.period')}</span>
          <Select
            data-testid="detail-period-select"
            style={{ width: 150 }}
            value={period}
            onChange={onPeriod}
            showSearch={{ optionFilterProp: 'label' }}
            options={(groups.length > 1 ? groups : groups[0]?.options) as SelectProps['options']}
          />
        </span>
        {list.error ? (
          <ErrorAlert error={list.error} />
        ) : e ? (
          <>
            <span data-testid="period-status">
              <StatusTag status={e.status} />
            </span>
            <span>
              <Typography.Text type="secondary">
                {t('detail.col.actual')}
                {t('common.colon')}
              </Typography.Text>
              {formatValue(locale, shown)}
              {shownOf && (
                <span className="mon-muted">
                  {locale === 'zh' ? `（${periodLabel(shownOf, locale)}）` : ` (${periodLabel(shownOf, locale)})`}
                </span>
              )}
              <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
                {t('detail.col.expected')}
                {t('common.colon')}
              </Typography.Text>
              {formatValue(locale, e.expected)}
            </span>
            <span style={{ fontSize: 13 }} data-testid="period-reason">
              {pick(locale, e.reason)}
            </span>
          </>
        ) : (
          <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>
        )}
      </Space>
    </Card>
  );
}

function YearTable({ ind, trajectory }: { ind: Indicator; trajectory: TrajectoryPoint[] }) {
  const { t, locale } = useIndI18n();
  const totals = new Map<string, number>();
  if (ind.target.kind === 'cumulative' && ind.target.basis !== 'to_date') {
    let sum = 0;
    for (const p of trajectory) {
      if (p.actual === null) continue;
      sum += p.actual;
      totals.set(p.period, Math.round(sum * 100) / 100);
    }
  }
  const columns: ColumnsType<TrajectoryPoint> = [
    {
      key: 'period',
      title: t(ind.frequency === 'year' ? 'detail.col.period' : 'entry.col.period'),
      width: ind.frequency === 'year' ? 64 : 132,
      render: (_, r) => (ind.frequency === 'year' ? r.period : periodLabel(r.period, locale)),
    },
    {
      key: 'actual',
      title: `${t('detail.col.actual')}`,
      width: 84,
      align: 'right',
      render: (_, r) => {
        const total = totals.get(r.period);
        if (total === undefined) return formatValue(locale, r.actual);
        // a total over the plan: the path is cumulative, so is the value compared with it
        return (
          <div>
            {formatValue(locale, total)}
            <div className="mon-sub">{t('detail.ofYear', { v: formatValue(locale, r.actual) })}</div>
          </div>
        );
      },
    },
    {
      key: 'expected',
      title: t('detail.col.expected'),
      width: 72,
      align: 'right',
      render: (_, r) => <span className="mon-muted-strong">{formatValue(locale, r.expected)}</span>,
    },
    { key: 'status', title: t('detail.col.status'), width: 110, render: (_, r) => <StatusTag status={r.status} /> },
    {
      key: 'reason',
      title: t('detail.col.reason'),
      render: (_, r) => <span style={{ fontSize: 13 }}>{pick(locale, r.reason)}</span>,
    },
  ];
  return (
    <Table<TrajectoryPoint>
      rowKey="period"
      size="small"
      data-testid="year-table"
      columns={columns}
      dataSource={trajectory}
      pagination={false}
      data-unit={ind.unit}
    />
  );
}

interface CountyRow {
  code: string;
  name: string;
  byPeriod: Record<string, IndicatorValue>;
}

function CountyTable({
  values,
  regions,
  unit,
}: {
  values: IndicatorValue[];
  regions: { code: string; name: string }[];
  unit: string;
}) {
  const { t, locale } = useIndI18n();
  const periods = [...new Set(values.map((v) => v.period))].sort(comparePeriods);
  const rows: CountyRow[] = useMemo(() => {
    const byRegion = new Map<string, CountyRow>();
    for (const r of regions) byRegion.set(r.code, { code: r.code, name: r.name, byPeriod: {} });
    for (const v of values) {
      let row = byRegion.get(v.regionCode);
      if (!row) {
        row = { code: v.regionCode, name: v.regionCode, byPeriod: {} };
        byRegion.set(v.regionCode, row);
      }
      row.byPeriod[v.period] = v;
    }
    return [...byRegion.values()];
  }, [values, regions]);
  if (values.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.noData')} />;
  const columns: ColumnsType<CountyRow> = [
    {
      key: 'region',
      title: `${t('detail.col.region')}${paren(locale, unit)}`,
      fixed: 'left',
      width: 130,
      render: (_, r, i) => (i === 0 ? <strong>{r.name}</strong> : r.name),
    },
    ...periods.map((period) => ({
      key: period,
      title: periodLabel(period, locale),
      align: 'right' as const,
      width: 96,
      render: (_: unknown, r: CountyRow) => {
        const v = r.byPeriod[period];
        if (!v) return <span className="mon-muted">—</span>;
        return (
          <span title={v.note ?? undefined}>
            {formatValue(locale, v.value)}
            {v.state !== 'approved' && (
              <Tag color={VALUE_STATE_COLOR[v.state]} style={{ marginLeft: 6, marginInlineEnd: 0 }}>
                {t(`entry.state.${v.state}` as IndMessageKey)}
              </Tag>
            )}
          </span>
        );
      },
    })),
  ];
  return (
    <Table<CountyRow>
      rowKey="code"
      size="small"
      className="mon-county-table"
      data-testid="county-table"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
    />
  );
}

interface OwnerValues {
  leadUnit: string;
  supportingUnits: string[];
  direction: Direction;
  attribute: Attribute;
  frequency: Frequency;
  dataSource: string;
}

function OwnerForm({ ind }: { ind: Indicator }) {
  const { t, locale } = useIndI18n();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<OwnerValues>();
  const save = useMutation({
    mutationFn: (v: OwnerValues) => {
      // only what changed, so the change history says what the user did
      const next = {
        leadUnit: v.leadUnit?.trim() ? v.leadUnit.trim() : null,
        supportingUnits: (v.supportingUnits ?? []).map((s) => s.trim()).filter(Boolean),
        direction: v.direction,
        attribute: v.attribute,
        frequency: v.frequency,
        dataSource: v.dataSource?.trim() ? v.dataSource.trim() : null,
      };
      const patch: IndicatorPatch = {};
      if (next.leadUnit !== ind.leadUnit) patch.leadUnit = next.leadUnit;
      if (JSON.stringify(next.supportingUnits) !== JSON.stringify(ind.supportingUnits))
        patch.supportingUnits = next.supportingUnits;
      if (next.direction !== ind.direction) patch.direction = next.direction;
      if (next.attribute !== ind.attribute) patch.attribute = next.attribute;
      if (next.frequency !== ind.frequency) patch.frequency = next.frequency;
      if (next.dataSource !== ind.dataSource) patch.dataSource = next.dataSource;
      return indicatorApi.update(ind.id, ind.version, patch);
    },
    onSuccess: () => {
      message.success(t('detail.saved'));
      qc.invalidateQueries({ queryKey: indicatorKeys.all });
    },
    onError: (e) => {
      const err = toApiError(e);
      message.error(err.code === 'STALE_VERSION' ? staleMessage(locale, err) : err.localized(locale));
      if (err.code === 'STALE_VERSION') qc.invalidateQueries({ queryKey: indicatorKeys.all });
    },
  });
  const unitOptions = COMMON_UNITS.map((u) => ({ value: u, label: u }));
  return (
    <Form<OwnerValues>
      form={form}
      layout="vertical"
      data-testid="owner-form"
      initialValues={{
        leadUnit: ind.leadUnit ?? '',
        supportingUnits: ind.supportingUnits,
        direction: ind.direction,
        attribute: ind.attribute,
        frequency: ind.frequency,
        dataSource: ind.dataSource ?? '',
      }}
      onFinish={(v) => save.mutate(v)}
    >
      <Form.Item name="leadUnit" label={t('detail.lead')}>
        <AutoComplete
          data-testid="lead-unit"
          allowClear
          placeholder={t('detail.leadHint')}
          options={unitOptions}
          showSearch={{ filterOption: (input, o) => String(o?.value ?? '').includes(input) }}
        />
      </Form.Item>
      <Form.Item name="supportingUnits" label={t('detail.supporting')} extra={t('detail.supportingHint')}>
        <Select mode="tags" data-testid="supporting-units" options={unitOptions} tokenSeparators={['，', ',', '、']} />
      </Form.Item>
      <Space size={24} wrap align="start" style={{ display: 'flex' }}>
        <Form.Item name="direction" label={t('detail.direction')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'higher', label: t('dir.higher') },
              { value: 'lower', label: t('dir.lower') },
            ]}
          />
        </Form.Item>
        <Form.Item name="attribute" label={t('detail.attribute')}>
          <Radio.Group
            optionType="button"
            data-testid="attribute-radio"
            options={[
              { value: 'expected', label: t('attr.expected') },
              { value: 'binding', label: t('attr.binding') },
            ]}
          />
        </Form.Item>
      </Space>
      <Space size={24} wrap align="start" style={{ display: 'flex' }}>
        <Form.Item name="frequency" label={t('detail.frequency')} extra={t('detail.frequencyHint')}>
          <Select<Frequency>
            data-testid="frequency-select"
            style={{ width: 140 }}
            options={(['year', 'quarter', 'month'] as const).map((f) => ({ value: f, label: t(`freq.${f}`) }))}
          />
        </Form.Item>
        <Form.Item name="dataSource" label={t('detail.dataSource')}>
          <Input style={{ width: 240 }} />
        </Form.Item>
      </Space>
      <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="owner-save">
        {t('common.save')}
      </Button>
    </Form>
  );
}

/** The plan row the indicator was read from, as the table in the plan prints it. */
function SourceBox({ ind }: { ind: Indicator }) {
  const { t } = useIndI18n();
  if (!ind.source) return <Typography.Text type="secondary">{t('detail.sourceMissing')}</Typography.Text>;
  const cells = ind.source.text.split('\t');
  return (
    <div data-testid="indicator-source">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('detail.sourceHint')}
      </Typography.Paragraph>
      <div className="mon-source-row">
        {cells.length > 1 ? (
          <table>
            <tbody>
              <tr>
                {cells.map((c, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells of one row have only their position
                  <td key={i}>{c}</td>
                ))}
              </tr>
            </tbody>
          </table>
        ) : (
          ind.source.text
        )}
      </div>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
        {ind.code} · {t('detail.dataSource')}
        {t('common.colon')}
        {ind.dataSource ?? t('common.unassigned')}
      </Typography.Paragraph>
    </div>
  );
}

const FIELD_KEYS: Record<string, IndMessageKey> = {
  leadUnit: 'detail.lead',
  supportingUnits: 'detail.supporting',
  direction: 'detail.direction',
  dataSource: 'detail.dataSource',
  attribute: 'list.col.attribute',
  frequency: 'detail.frequency',
  assignments: 'detail.field.assignments',
};

function show(t: IndTranslate, key: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return t('common.unassigned');
  if (Array.isArray(v)) return v.length ? v.join('、') : t('common.unassigned');
  if (key === 'direction' && (v === 'higher' || v === 'lower')) return t(`dir.${v}`);
  if (key === 'attribute' && (v === 'binding' || v === 'expected')) return t(`attr.${v}`);
  if (key === 'frequency' && (v === 'year' || v === 'quarter' || v === 'month')) return t(`freq.${v}`);
  if (key === 'assignments' && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    return entries.length ? entries.map(([y, x]) => `${y}: ${x}`).join('，') : t('detail.evidence.none');
  }
  return String(v);
}

function History({ id }: { id: number }) {
  const { t } = useIndI18n();
  const history = useQuery({ queryKey: indicatorKeys.history(id), queryFn: () => indicatorApi.history(id) });
  const columns: ColumnsType<HistoryEntry> = [
    { key: 'at', title: t('detail.col.at'), width: 150, render: (_, r) => formatDateTime(r.at) },
    { key: 'actor', title: t('detail.col.actor'), width: 100, render: (_, r) => r.actor },
    {
      key: 'action',
      title: t('detail.col.action'),
      width: 80,
      render: (_, r) =>
        r.action === 'update' || r.action === 'create' || r.action === 'assignments'
          ? t(`detail.action.${r.action}` as IndMessageKey)
          : r.action,
    },
    {
      key: 'change',
      title: t('detail.col.change'),
      render: (_, r) => {
        const before = (r.before ?? {}) as Record<string, unknown>;
        const after = (r.after ?? {}) as Record<string, unknown>;
        const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
          (k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null),
        );
        return (
          <div>
            {keys.map((k) => (
              <div key={k}>
                <Typography.Text type="secondary">
                  {FIELD_KEYS[k] ? t(FIELD_KEYS[k]) : k}
                  {t('common.colon')}
                </Typography.Text>
                {show(t, k, before[k])} → <strong>{show(t, k, after[k])}</strong>
              </div>
            ))}
          </div>
        );
      },
    },
  ];
  if (history.error) return <ErrorAlert error={history.error} />;
  return (
    <Table<HistoryEntry>
      rowKey={(r) => `${r.at}-${r.action}`}
      size="small"
      data-testid="history-table"
      columns={columns}
      dataSource={history.data ?? []}
      loading={history.isLoading}
      pagination={false}
      locale={{ emptyText: t('detail.historyEmpty') }}
    />
  );
}
