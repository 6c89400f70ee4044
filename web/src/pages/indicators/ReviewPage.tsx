import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Breadcrumb, Button, Input, Modal, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api, request, sendJson } from '../../api.ts';
import { type IndicatorValue, indicatorApi } from '../../api-indicators.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { documentEvidence, documentLink } from '../../components/indicators/evidence.ts';
import { IndicatorNav } from '../../components/indicators/IndicatorNav.tsx';
import { periodLabel } from '../../components/indicators/periods.ts';
import '../../components/indicators/indicators.css';
import { format, formatDateTime, type Locale, useI18n } from '../../i18n.ts';
import { formatValue } from '../../i18n-indicators.ts';

interface ReviewItem {
  value: IndicatorValue;
  indicator: { id: number; name: string; unit: string; leadUnit: string | null };
  region: { code: string; name: string };
  previous: { period: string; value: number } | null;
}
type State = 'submitted' | 'returned';

const TEXT: Record<Locale, Record<string, string>> = {
  zh: {
    title: '数值审核',
    subtitle:
      '各县（市、区）和牵头单位提交的数值，逐条或批量审核通过，或说明理由退回；退回的数值由填报单位修改后再提交。',
    submitted: '待审核 {n}',
    returned: '已退回 {n}',
    'col.indicator': '指标',
    'col.region': '地区',
    'col.period': '期间',
    'col.value': '数值',
    'col.previous': '上期',
    'col.note': '说明与依据',
    'col.by': '填报',
    'col.reason': '退回理由',
    evidence: '依据原文',
    approve: '通过',
    return: '退回',
    approveMany: '通过所选（{n}）',
    returnTitle: '退回：{name} · {region} · {period}',
    reason: '退回理由（必填，填报单位将看到）',
    ok: '退回',
    cancel: '取消',
    empty: '没有待审核的数值',
    emptyReturned: '没有已退回的数值',
    approved: '已通过 {n} 条',
  },
  en: {
    title: 'Review',
    subtitle:
      'Values submitted by the counties and lead units: approve them one by one or together, or return one with a reason for its unit to correct and resubmit.',
    submitted: 'Submitted {n}',
    returned: 'Returned {n}',
    'col.indicator': 'Indicator',
    'col.region': 'Region',
    'col.period': 'Period',
    'col.value': 'Value',
    'col.previous': 'Previous',
    'col.note': 'Note and evidence',
    'col.by': 'Entered',
    'col.reason': 'Reason returned',
    evidence: 'quoted source',
    approve: 'Approve',
    return: 'Return',
    approveMany: 'Approve selected ({n})',
    returnTitle: 'Return: {name} · {region} · {period}',
    reason: 'Reason (required; the unit will see it)',
    ok: 'Return',
    cancel: 'Cancel',
    empty: 'Nothing waits for review',
    emptyReturned: 'No returned value',
    approved: '{n} approved',
  },
};

/**
 * 数值审核: the plan's review queue across all its regions (submitted, or returned), each value beside
 * the period before and its evidence; approve one, approve the selected together (all or none, 409 when
 * someone changed one meanwhile), or return one with a reason.
 */
export function ReviewPage() {
  const { id = '' } = useParams();
  const { locale } = useI18n();
  const t = (key: string, vars?: Record<string, string | number>) => format(TEXT[locale][key] ?? key, vars);
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const state: State = params.get('state') === 'returned' ? 'returned' : 'submitted';
  const [selected, setSelected] = useState<number[]>([]);
  const [returning, setReturning] = useState<ReviewItem | null>(null);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);

  const plan = useQuery({ queryKey: ['plans', id], queryFn: () => api.plan(id) });
  const queue = (s: State) => ({
    queryKey: ['plans', id, 'review', s],
    queryFn: () => request<{ items: ReviewItem[] }>(`/api/plans/${encodeURIComponent(id)}/review?state=${s}`),
  });
  const submitted = useQuery(queue('submitted'));
  const returned = useQuery(queue('returned'));
  const current = state === 'submitted' ? submitted : returned;
  const refresh = () => client.invalidateQueries({ queryKey: ['plans', id] });

  const approveMany = useMutation({
    mutationFn: (items: ReviewItem[]) =>
      sendJson<{ items: IndicatorValue[] }>('/api/values/approve', 'POST', {
        items: items.map((i) => ({ id: i.value.id, version: i.value.version })),
      }),
    onSuccess: (r) => {
      setDone(t('approved', { n: r?.items.length ?? 0 }));
      setSelected([]);
      refresh();
    },
  });
  const returnOne = useMutation({
    mutationFn: (i: ReviewItem) => indicatorApi.transition(i.value.id, 'return', i.value.version, reason.trim()),
    onSuccess: () => {
      setReturning(null);
      setReason('');
      refresh();
    },
  });
  const items = current.data?.items ?? [];
  const byId = new Map(items.map((i) => [i.value.id, i]));

  return (
    <div className="page">
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[
          { title: <Link to="/">{locale === 'zh' ? '规划列表' : 'Plans'}</Link> },
          { title: plan.data ? <Link to={`/plans/${encodeURIComponent(id)}`}>{plan.data.title}</Link> : '…' },
          { title: t('title') },
        ]}
      />
      <div className="mon-head-row">
        <div>
          <Typography.Title level={2} style={{ fontSize: 22, margin: 0 }} data-testid="mon-page-title">
            {t('title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('subtitle')}</Typography.Text>
        </div>
        <IndicatorNav planId={id} active="review" />
      </div>
      <Space style={{ margin: '12px 0' }} wrap>
        <Segmented<State>
          data-testid="review-state"
          value={state}
          onChange={(v) => {
            setSelected([]);
            setParams(v === 'returned' ? { state: v } : {}, { replace: true });
          }}
          options={[
            { value: 'submitted', label: t('submitted', { n: submitted.data?.items.length ?? 0 }) },
            { value: 'returned', label: t('returned', { n: returned.data?.items.length ?? 0 }) },
          ]}
        />
        {state === 'submitted' && (
          <Button
            type="primary"
            data-testid="review-approve-many"
            disabled={selected.length === 0}
            loading={approveMany.isPending}
            onClick={() => approveMany.mutate(selected.map((s) => byId.get(s)).filter((i): i is ReviewItem => !!i))}
          >
            {t('approveMany', { n: selected.length })}
          </Button>
        )}
        {done && (
          <Tag color="green" data-testid="review-done">
            {done}
          </Tag>
        )}
      </Space>
      {(current.error || approveMany.error) && (
        <div style={{ marginBottom: 12 }}>
          <ErrorAlert error={current.error ?? approveMany.error} onRetry={() => current.refetch()} />
        </div>
      )}
      <Table<ReviewItem>
        data-testid="review-table"
        rowKey={(i) => i.value.id}
        size="small"
        loading={current.isFetching}
        dataSource={items}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        locale={{ emptyText: state === 'submitted' ? t('empty') : t('emptyReturned') }}
        rowSelection={
          state === 'submitted'
            ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(Number)) }
            : undefined
        }
        columns={[
          {
            title: t('col.indicator'),
            render: (_, i) => (
              <div>
                <Link to={`/indicators/${i.indicator.id}`} data-testid="review-indicator">
                  {i.indicator.name}
                </Link>
                {i.indicator.leadUnit && <div className="mon-sub">{i.indicator.leadUnit}</div>}
              </div>
            ),
          },
          { title: t('col.region'), width: 100, render: (_, i) => i.region.name },
          { title: t('col.period'), width: 110, render: (_, i) => periodLabel(i.value.period, locale) },
          {
            title: t('col.value'),
            width: 110,
            align: 'right',
            render: (_, i) => (
              <b data-testid="review-value">
                {formatValue(locale, i.value.value)} <span className="mon-muted">{i.indicator.unit}</span>
              </b>
            ),
          },
          {
            title: t('col.previous'),
            width: 110,
            align: 'right',
            render: (_, i) =>
              i.previous ? (
                <div>
                  {formatValue(locale, i.previous.value)}
                  <div className="mon-sub">{periodLabel(i.previous.period, locale)}</div>
                </div>
              ) : (
                <span className="mon-muted">—</span>
              ),
          },
          {
            title: state === 'submitted' ? t('col.note') : t('col.reason'),
            render: (_, i) => {
              if (state === 'returned') return i.value.returnReason ?? '—';
              const ev = documentEvidence(i.value.evidence);
              return (
                <div>
                  {i.value.note ?? ''}
                  {ev && (
                    <div className="mon-sub">
                      <Link to={documentLink(ev)} data-testid="review-evidence">
                        {t('evidence')}
                      </Link>
                      {ev.text ? `：「${ev.text}」` : ''}
                    </div>
                  )}
                </div>
              );
            },
          },
          {
            title: t('col.by'),
            width: 150,
            render: (_, i) => (
              <div>
                {i.value.updatedBy}
                <div className="mon-sub">{formatDateTime(i.value.updatedAt)}</div>
              </div>
            ),
          },
          ...(state === 'submitted'
            ? [
                {
                  title: '',
                  width: 130,
                  render: (_: unknown, i: ReviewItem) => (
                    <Space size={4}>
                      <Button
                        size="small"
                        type="link"
                        data-testid={`review-approve-${i.value.id}`}
                        onClick={() => approveMany.mutate([i])}
                      >
                        {t('approve')}
                      </Button>
                      <Button
                        size="small"
                        type="link"
                        danger
                        data-testid={`review-return-${i.value.id}`}
                        onClick={() => setReturning(i)}
                      >
                        {t('return')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {returning && (
        <Modal
          open
          title={t('returnTitle', {
            name: returning.indicator.name,
            region: returning.region.name,
            period: periodLabel(returning.value.period, locale),
          })}
          okText={t('ok')}
          cancelText={t('cancel')}
          okButtonProps={{ disabled: !reason.trim(), 'data-testid': 'review-return-ok' } as never}
          confirmLoading={returnOne.isPending}
          onOk={() => returnOne.mutate(returning)}
          onCancel={() => setReturning(null)}
        >
          <Typography.Paragraph type="secondary">{t('reason')}</Typography.Paragraph>
          <Input.TextArea
            data-testid="review-reason"
            rows={3}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          {returnOne.error && <ErrorAlert error={returnOne.error} />}
        </Modal>
      )}
    </div>
  );
}
