import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ButtonProps } from 'antd';
import { App as AntApp, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { toApiError } from '../../api.ts';
import {
  type EvaluatedIndicator,
  type FieldError,
  type Indicator,
  IndicatorApiError,
  type IndicatorValue,
  indicatorApi,
  indicatorKeys,
  type ValueAction,
  type ValueWarning,
} from '../../api-indicators.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PlanMonitorHead } from '../../components/indicators/PlanMonitorHead.tsx';
import { AttributeTag } from '../../components/indicators/StatusTag.tsx';
import { usePlanScope } from '../../components/indicators/usePlanScope.ts';
import '../../components/indicators/indicators.css';
import { formatValue, type IndMessageKey, pick, staleMessage, useIndI18n } from '../../i18n-indicators.ts';

const NO_LEAD = '__none__';

const STATE_COLOR: Record<IndicatorValue['state'] | 'new', string> = {
  new: 'default',
  draft: 'default',
  submitted: 'processing',
  approved: 'success',
  returned: 'warning',
};

interface RowState {
  value?: string;
  note?: string;
  errors?: FieldError[];
  warnings?: ValueWarning[];
  message?: string;
}

interface EntryRow {
  item: EvaluatedIndicator;
  current: IndicatorValue | undefined;
  previous: IndicatorValue | undefined;
  loaded: boolean;
}

/**
 * The value the plan's path calls for in `year`, for the simple targets only: a growth rate, a bound, and
 * a level on its path from the baseline (时间过半、任务过半), as the evaluation rules compute it. Null otherwise.
 */
function pathValue(ind: Indicator, year: number, planEnd: number): number | null {
  const tg = ind.target;
  const num = (k: string) => (typeof tg[k] === 'number' ? (tg[k] as number) : null);
  if (!Number.isFinite(year)) return null;
  if (tg.kind === 'growth' && tg.measure === 'rate') return num('ratePct');
  if (tg.kind === 'bound') return num('value');
  if (tg.kind === 'level' && ind.baseline) {
    const target = num('value');
    const b = ind.baseline.value;
    const span = planEnd - ind.baseline.year;
    if (target === null || span <= 0) return null;
    // a target on the already-good side of the baseline is a level to hold (as the evaluation judges it)
    if ((target - b) * (ind.direction === 'higher' ? 1 : -1) <= 0) return target;
    const share = Math.min(1, Math.max(0, (year - ind.baseline.year) / span));
    const v = tg.path === 'geometric' && b > 0 && target > 0 ? b * (target / b) ** share : b + (target - b) * share;
    return Math.round(v * 10000) / 10000;
  }
  return null;
}

/** The stored note, except the generated one of a demo value, which a person's entry should not inherit. */
function shownNote(v: IndicatorValue | undefined): string {
  return v && !v.isDemo ? (v.note ?? '') : '';
}

function previousPeriod(period: string): string {
  return /^\d{4}$/.test(period) ? String(Number(period) - 1) : period;
}

export function DataEntryPage() {
  const { id = '' } = useParams();
  const { t, locale } = useIndI18n();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const scope = usePlanScope(id);
  const { period, region } = scope;
  const [lead, setLead] = useState<string | undefined>();
  const [rows, setRows] = useState<Record<number, RowState>>({});
  const [busy, setBusy] = useState<Record<number, string>>({});
  const [returning, setReturning] = useState<{ row: EntryRow } | null>(null);
  const [returnForm] = Form.useForm<{ reason: string }>();

  const list = useQuery({
    queryKey: indicatorKeys.list(id, period ?? '', region ?? ''),
    queryFn: () => indicatorApi.list(id, period as string, region),
    enabled: !!period && !!region,
  });
  const items = list.data?.items ?? [];
  const details = useQueries({
    queries: items.map((it) => ({
      queryKey: indicatorKeys.detail(it.indicator.id),
      queryFn: () => indicatorApi.detail(it.indicator.id),
    })),
  });

  const leads = useMemo(
    () => [...new Set(items.map((i) => i.indicator.leadUnit).filter((u): u is string => !!u))].sort(),
    [items],
  );

  const prev = period ? previousPeriod(period) : '';
  const data: EntryRow[] = items
    .map((item, i) => {
      const values = details[i]?.data?.values ?? [];
      return {
        item,
        current: values.find((v) => v.regionCode === region && v.period === period),
        previous: values.find((v) => v.regionCode === region && v.period === prev),
        loaded: !!details[i]?.data,
      };
    })
    .filter((r) => !lead || (lead === NO_LEAD ? !r.item.indicator.leadUnit : r.item.indicator.leadUnit === lead));
  const loadingValues = details.some((d) => d.isLoading);

  const patchRow = (indicatorId: number, patch: Partial<RowState> | null) =>
    setRows((prevRows) => {
      const next = { ...prevRows };
      if (patch === null) delete next[indicatorId];
      else next[indicatorId] = { ...next[indicatorId], ...patch };
      return next;
    });

  const refresh = (indicatorId: number) => {
    qc.invalidateQueries({ queryKey: indicatorKeys.detail(indicatorId) });
    qc.invalidateQueries({ queryKey: ['indicators', 'list', id] });
    qc.invalidateQueries({ queryKey: ['indicators', 'cockpit', id] });
  };

  const fail = (indicatorId: number, e: unknown) => {
    const err = toApiError(e);
    if (err instanceof IndicatorApiError && err.code === 'VALUE_INVALID' && err.fieldErrors.length > 0) {
      patchRow(indicatorId, { errors: err.fieldErrors, warnings: [], message: undefined });
      return;
    }
    const text = err.code === 'STALE_VERSION' ? staleMessage(t, locale, err.localized(locale)) : err.localized(locale);
    patchRow(indicatorId, { errors: [], message: text });
    message.error(text);
    if (err.code === 'STALE_VERSION') refresh(indicatorId);
  };

  const save = async (row: EntryRow) => {
    const indicatorId = row.item.indicator.id;
    const st = rows[indicatorId] ?? {};
    const value = (st.value ?? (row.current ? String(row.current.value) : '')).trim();
    const note = st.note ?? shownNote(row.current);
    if (!value) {
      patchRow(indicatorId, { errors: [{ field: 'value', zh: t('entry.required'), en: t('entry.required') }] });
      return;
    }
    if (!period || !region) return;
    setBusy((b) => ({ ...b, [indicatorId]: 'save' }));
    try {
      const res = await indicatorApi.recordValue(indicatorId, {
        regionCode: region,
        period,
        value,
        note: note.trim() ? note.trim() : null,
        ...(row.current ? { version: row.current.version } : {}),
      });
      patchRow(indicatorId, {
        value: undefined,
        note: undefined,
        errors: [],
        warnings: res.warnings,
        message: undefined,
      });
      message.success(`${row.item.indicator.name}${t('common.colon')}${t('entry.saved')}`);
      refresh(indicatorId);
    } catch (e) {
      fail(indicatorId, e);
    } finally {
      setBusy((b) => {
        const n = { ...b };
        delete n[indicatorId];
        return n;
      });
    }
  };

  const transition = async (row: EntryRow, action: ValueAction, reason?: string) => {
    const indicatorId = row.item.indicator.id;
    if (!row.current) return;
    setBusy((b) => ({ ...b, [indicatorId]: action }));
    try {
      await indicatorApi.transition(row.current.id, action, row.current.version, reason);
      const done: Record<ValueAction, IndMessageKey> = {
        submit: 'entry.submitted',
        approve: 'entry.approved',
        return: 'entry.returned',
      };
      patchRow(indicatorId, { errors: [], message: undefined });
      message.success(`${row.item.indicator.name}${t('common.colon')}${t(done[action])}`);
      refresh(indicatorId);
    } catch (e) {
      fail(indicatorId, e);
    } finally {
      setBusy((b) => {
        const n = { ...b };
        delete n[indicatorId];
        return n;
      });
    }
  };

  const errorsOf = (indicatorId: number, field: 'value' | 'note') =>
    (rows[indicatorId]?.errors ?? []).filter((e) => (field === 'note' ? e.field === 'note' : e.field !== 'note'));

  const columns: ColumnsType<EntryRow> = [
    {
      key: 'indicator',
      title: t('entry.col.indicator'),
      render: (_, r) => (
        <div>
          <Link to={`/indicators/${r.item.indicator.id}`} className="mon-entry-name">
            {r.item.indicator.name}
          </Link>
          <div className="mon-sub">
            {r.item.indicator.code} · {r.item.indicator.unit}
            {r.item.indicator.attribute === 'binding' && (
              <span style={{ marginLeft: 6 }}>
                <AttributeTag attribute="binding" />
              </span>
            )}
          </div>
          <div className="mon-sub">
            {t('list.col.lead')}
            {t('common.colon')}
            {r.item.indicator.leadUnit ?? t('common.unassigned')}
          </div>
        </div>
      ),
    },
    {
      key: 'previous',
      title: t('entry.col.previous'),
      width: 96,
      align: 'right',
      render: (_, r) =>
        r.previous ? (
          <span data-testid={`previous-${r.item.indicator.id}`}>{formatValue(locale, r.previous.value)}</span>
        ) : (
          <span className="mon-muted">—</span>
        ),
    },
    {
      key: 'expected',
      title: t('entry.col.expected'),
      width: 120,
      align: 'right',
      render: (_, r) => {
        const ind = r.item.indicator;
        const total = typeof ind.target.total === 'number' ? ind.target.total : null;
        // a total over the plan ([1300]) reported year by year: a year's share is what to compare with
        if (ind.target.kind === 'cumulative' && ind.target.basis !== 'to_date' && total !== null && scope.plan) {
          const years = scope.plan.periodEnd - scope.plan.periodStart + 1;
          return (
            <div>
              <span className="mon-muted-strong">{formatValue(locale, total / years)}</span>
              <div className="mon-sub">{t('entry.perYearOf', { total: formatValue(locale, total), years })}</div>
            </div>
          );
        }
        if (r.item.evaluation.expected === null && scope.plan && period) {
          // without an approved value the server gives no expected value; the plan's path still does
          const path = pathValue(ind, Number(period), scope.plan.periodEnd);
          if (path !== null)
            return (
              <span className="mon-muted-strong" title={t('entry.pathHint')} data-testid={`path-${ind.id}`}>
                {formatValue(locale, path)}
              </span>
            );
        }
        return <span className="mon-muted-strong">{formatValue(locale, r.item.evaluation.expected)}</span>;
      },
    },
    {
      key: 'value',
      title: t('entry.col.value'),
      width: 190,
      render: (_, r) => {
        const iid = r.item.indicator.id;
        const errs = errorsOf(iid, 'value');
        const st = rows[iid];
        return (
          <div>
            <Input
              data-testid={`value-input-${iid}`}
              status={errs.length ? 'error' : undefined}
              placeholder={t('entry.valuePlaceholder')}
              suffix={<span className="mon-muted">{r.item.indicator.unit}</span>}
              value={st?.value ?? (r.current ? String(r.current.value) : '')}
              disabled={!r.loaded}
              onChange={(e) => patchRow(iid, { value: e.target.value, errors: [], warnings: [] })}
              onPressEnter={() => save(r)}
            />
            {errs.map((e) => (
              <div key={e.zh} className="mon-field-error" data-testid={`value-error-${iid}`}>
                {pick(locale, e)}
              </div>
            ))}
            {(st?.warnings ?? []).map((w) => (
              <div key={w.code} className="mon-field-warning" data-testid={`value-warning-${iid}`}>
                {pick(locale, w)}
              </div>
            ))}
            {st?.message && (
              <div className="mon-field-error" data-testid={`value-error-${iid}`}>
                {st.message}
              </div>
            )}
          </div>
        );
      },
    },
    {
      key: 'note',
      title: t('entry.col.note'),
      width: 220,
      render: (_, r) => {
        const iid = r.item.indicator.id;
        const errs = errorsOf(iid, 'note');
        return (
          <div>
            <Input.TextArea
              data-testid={`note-input-${iid}`}
              status={errs.length ? 'error' : undefined}
              autoSize={{ minRows: 1, maxRows: 3 }}
              placeholder={t('entry.notePlaceholder')}
              value={rows[iid]?.note ?? shownNote(r.current)}
              disabled={!r.loaded}
              onChange={(e) => patchRow(iid, { note: e.target.value, errors: [] })}
            />
            {errs.map((e) => (
              <div key={e.zh} className="mon-field-error" data-testid={`note-error-${iid}`}>
                {pick(locale, e)}
              </div>
            ))}
          </div>
        );
      },
    },
    {
      key: 'state',
      title: t('entry.col.state'),
      width: 140,
      render: (_, r) => {
        const iid = r.item.indicator.id;
        const dirty = rows[iid]?.value !== undefined || rows[iid]?.note !== undefined;
        const state = r.current?.state ?? 'new';
        return (
          <Space size={2} orientation="vertical">
            <Tag color={STATE_COLOR[state]} data-testid={`state-${iid}`} data-state={state}>
              {t(`entry.state.${state}` as IndMessageKey)}
            </Tag>
            {r.current?.isDemo && <Tag color="purple">{t('entry.demo')}</Tag>}
            {dirty && <span className="mon-field-warning">{t('entry.unsaved')}</span>}
            {r.current?.state === 'returned' && r.current.returnReason && (
              <Tooltip title={r.current.returnReason}>
                <span className="mon-field-warning">
                  {t('entry.returnedBecause', { reason: r.current.returnReason })}
                </span>
              </Tooltip>
            )}
          </Space>
        );
      },
    },
    {
      key: 'actions',
      title: t('entry.col.actions'),
      width: 310,
      render: (_, r) => {
        const iid = r.item.indicator.id;
        const st = r.current?.state;
        const dirty = rows[iid]?.value !== undefined || rows[iid]?.note !== undefined;
        const b = busy[iid];
        return (
          <Space size={4}>
            <Button
              size="small"
              type={dirty || !r.current ? 'primary' : 'default'}
              data-testid={`save-${iid}`}
              loading={b === 'save'}
              disabled={!r.loaded || (!!b && b !== 'save')}
              onClick={() => save(r)}
            >
              {t('entry.saveDraft')}
            </Button>
            <Button
              size="small"
              data-testid={`submit-${iid}`}
              loading={b === 'submit'}
              disabled={dirty || !r.current || !(st === 'draft' || st === 'returned')}
              onClick={() => transition(r, 'submit')}
            >
              {t('entry.submit')}
            </Button>
            <Button
              size="small"
              data-testid={`approve-${iid}`}
              loading={b === 'approve'}
              disabled={dirty || !r.current || !(st === 'submitted' || st === 'draft')}
              onClick={() => transition(r, 'approve')}
            >
              {t('entry.approve')}
            </Button>
            <Button
              size="small"
              danger
              data-testid={`return-${iid}`}
              loading={b === 'return'}
              disabled={dirty || !r.current || !(st === 'submitted' || st === 'approved')}
              onClick={() => {
                returnForm.resetFields();
                setReturning({ row: r });
              }}
            >
              {t('entry.return')}
            </Button>
          </Space>
        );
      },
    },
  ];

  if (scope.planError) return <ErrorAlert error={scope.planError} />;

  return (
    <div data-testid="data-entry-page">
      <PlanMonitorHead
        scope={scope}
        active="entry"
        subtitle={t('entry.subtitle')}
        extra={
          <span className="mon-field">
            <span className="mon-field-label">{t('entry.unitFilter')}</span>
            <Select
              allowClear
              data-testid="lead-filter"
              style={{ width: 200 }}
              placeholder={t('entry.unitFilterPlaceholder')}
              value={lead}
              onChange={setLead}
              options={[...leads.map((u) => ({ value: u, label: u })), { value: NO_LEAD, label: t('entry.noLead') }]}
            />
          </span>
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        {list.error ? (
          <div style={{ padding: 16 }}>
            <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
          </div>
        ) : (
          <Table<EntryRow>
            rowKey={(r) => r.item.indicator.id}
            data-testid="entry-table"
            size="small"
            columns={columns}
            dataSource={data}
            loading={list.isLoading || !period}
            pagination={false}
            scroll={{ x: 1250 }}
            title={
              loadingValues
                ? () => <Typography.Text type="secondary">{t('entry.loadingValues')}</Typography.Text>
                : undefined
            }
            locale={{ emptyText: list.isLoading ? ' ' : t('entry.empty') }}
          />
        )}
      </Card>
      <Modal
        open={!!returning}
        title={returning ? t('entry.returnTitle', { name: returning.row.item.indicator.name }) : ''}
        okText={t('entry.return')}
        okButtonProps={{ danger: true, 'data-testid': 'return-confirm' } as ButtonProps}
        cancelText={t('common.cancel')}
        onCancel={() => setReturning(null)}
        onOk={async () => {
          const v = await returnForm.validateFields();
          if (returning) await transition(returning.row, 'return', v.reason.trim());
          setReturning(null);
        }}
        destroyOnHidden
      >
        <Form form={returnForm} layout="vertical">
          <Form.Item
            name="reason"
            label={t('entry.returnReason')}
            rules={[{ required: true, whitespace: true, message: t('entry.returnReasonRequired') }]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} data-testid="return-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
