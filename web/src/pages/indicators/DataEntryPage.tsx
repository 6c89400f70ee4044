import { useQuery, useQueryClient } from '@tanstack/react-query';
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
import {
  frequencyOf,
  periodLabel,
  periodsWithin,
  previousPeriod,
  toFrequency,
} from '../../components/indicators/periods.ts';
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
  /** The period this row records: the page's period in the indicator's own frequency, or one the user chose. */
  period: string;
  /** The periods of the indicator's frequency inside the page's period (the quarters of a year …). */
  choices: string[];
  current: IndicatorValue | undefined;
  previous: IndicatorValue | undefined;
  previousPeriod: string;
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

/**
 * Which of a row's periods to show first: the one after the latest that has a value (the next to fill),
 * or the last when all have one. A row with one period has no choice.
 */
function nextToFill(choices: string[], has: (p: string) => boolean): string {
  let last = -1;
  choices.forEach((p, i) => {
    if (has(p)) last = i;
  });
  return choices[Math.min(last + 1, choices.length - 1)] ?? '';
}

/** The stored note, except the generated one of a demo value, which a person's entry should not inherit. */
function shownNote(v: IndicatorValue | undefined): string {
  return v && !v.isDemo ? (v.note ?? '') : '';
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
  // a period the user picked for one indicator (a quarter of the chosen year …), per page period
  const [picked, setPicked] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<Record<number, string>>({});
  const [returning, setReturning] = useState<{ row: EntryRow } | null>(null);
  const [returnForm] = Form.useForm<{ reason: string }>();

  const list = useQuery({
    queryKey: indicatorKeys.list(id, period ?? '', region ?? ''),
    queryFn: () => indicatorApi.list(id, period as string, region),
    enabled: !!period && !!region,
  });
  const items = list.data?.items ?? [];
  // One request for every value of the region (all periods): current and previous values of each row come
  // from it, whatever period each row records.
  const values = useQuery({
    queryKey: indicatorKeys.values(id, region ?? ''),
    queryFn: () => indicatorApi.values(id, region),
    enabled: !!region,
  });
  const byKey = useMemo(() => {
    const map = new Map<string, IndicatorValue>();
    for (const v of values.data ?? []) map.set(`${v.indicatorId}|${v.period}`, v);
    return map;
  }, [values.data]);

  const leads = useMemo(
    () => [...new Set(items.map((i) => i.indicator.leadUnit).filter((u): u is string => !!u))].sort(),
    [items],
  );

  const loaded = !!values.data;
  const data: EntryRow[] = items
    .map((item) => {
      const iid = item.indicator.id;
      const choices = period ? periodsWithin(period, item.indicator.frequency) : [];
      const rowPeriod = picked[`${period}|${iid}`] ?? nextToFill(choices, (p) => byKey.has(`${iid}|${p}`));
      const prevPeriod = previousPeriod(rowPeriod);
      return {
        item,
        period: rowPeriod,
        choices,
        current: byKey.get(`${iid}|${rowPeriod}`),
        previous: byKey.get(`${iid}|${prevPeriod}`),
        previousPeriod: prevPeriod,
        loaded,
      };
    })
    .filter((r) => !lead || (lead === NO_LEAD ? !r.item.indicator.leadUnit : r.item.indicator.leadUnit === lead));
  const loadingValues = values.isLoading;

  const patchRow = (indicatorId: number, patch: Partial<RowState> | null) =>
    setRows((prevRows) => {
      const next = { ...prevRows };
      if (patch === null) delete next[indicatorId];
      else next[indicatorId] = { ...next[indicatorId], ...patch };
      return next;
    });

  const refresh = (indicatorId: number) => {
    qc.invalidateQueries({ queryKey: ['indicators', 'values', id] });
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
    const text = err.code === 'STALE_VERSION' ? staleMessage(locale, err) : err.localized(locale);
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
    if (!row.period || !region) return;
    setBusy((b) => ({ ...b, [indicatorId]: 'save' }));
    try {
      const res = await indicatorApi.recordValue(indicatorId, {
        regionCode: region,
        period: row.period,
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
      key: 'period',
      title: t('entry.col.period'),
      width: 150,
      render: (_, r) => {
        const iid = r.item.indicator.id;
        const f = r.item.indicator.frequency;
        return (
          <div data-testid={`period-${iid}`} data-period={r.period}>
            {r.choices.length > 1 ? (
              <Select
                size="small"
                data-testid={`period-pick-${iid}`}
                style={{ width: 130 }}
                value={r.period}
                onChange={(v) => {
                  setPicked((p) => ({ ...p, [`${period}|${iid}`]: v }));
                  patchRow(iid, null);
                }}
                options={r.choices.map((p) => ({ value: p, label: periodLabel(p, locale) }))}
              />
            ) : (
              periodLabel(r.period, locale)
            )}
            {f !== 'year' && <div className="mon-sub">{t(`freq.${f}` as IndMessageKey)}</div>}
          </div>
        );
      },
    },
    {
      key: 'previous',
      title: t('entry.col.previous'),
      width: 96,
      align: 'right',
      render: (_, r) =>
        r.previous ? (
          <div>
            <span data-testid={`previous-${r.item.indicator.id}`}>{formatValue(locale, r.previous.value)}</span>
            <div className="mon-sub">{periodLabel(r.previousPeriod, locale)}</div>
          </div>
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
        // the list's evaluation is at the page's period; a row recording another period has no expected value
        if (period && toFrequency(period, ind.frequency) !== r.period) return <span className="mon-muted">—</span>;
        if (r.item.evaluation.expected === null && scope.plan && frequencyOf(r.period) === 'year') {
          // without an approved value the server gives no expected value; the plan's path still does
          const path = pathValue(ind, Number(r.period), scope.plan.periodEnd);
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
            scroll={{ x: 1400 }}
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
