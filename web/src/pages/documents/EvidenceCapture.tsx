import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { type RefObject, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api.ts';
import { indicatorApi } from '../../api-indicators.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { documentLink } from '../../components/indicators/evidence.ts';
import { useI18n } from '../../i18n.ts';
import { type IndMessageKey, useIndI18n } from '../../i18n-indicators.ts';
import type { Span } from './api-documents.ts';
import { firstNumber, yearIn } from './quote.ts';
import { selectionOffsets } from './selection.ts';

const TEXT = {
  zh: {
    selected: '已选 {n} 字',
    use: '用作指标数值依据',
    damaged: '所选文字含有无法修复的乱码，不能作为依据。',
    title: '以所选文字为依据填报数值',
    quote: '依据原文',
    plan: '规划',
    indicator: '指标',
    region: '地区',
    period: '期间',
    periodHint: '2023、2023Q3 或 2023-07',
    value: '数值',
    note: '说明',
    save: '保存为草稿',
    cancel: '取消',
    existing: '该指标在此地区和期间已有数值 {value}（{state}），保存后将被替换为草稿，原值保留在修改历史中。',
    saved: '已保存为草稿：{name} {period} = {value}',
    open: '打开指标',
    required: '请填写',
  },
  en: {
    selected: '{n} characters selected',
    use: 'Use as evidence for a value',
    damaged: 'The selection contains text that could not be repaired; it cannot be evidence.',
    title: 'Record a value with the selected text as evidence',
    quote: 'Quoted text',
    plan: 'Plan',
    indicator: 'Indicator',
    region: 'Region',
    period: 'Period',
    periodHint: '2023, 2023Q3 or 2023-07',
    value: 'Value',
    note: 'Note',
    save: 'Save as draft',
    cancel: 'Cancel',
    existing:
      'This indicator already has {value} ({state}) for this region and period; saving replaces it with a draft, and the old value stays in the history.',
    saved: 'Saved as draft: {name} {period} = {value}',
    open: 'Open the indicator',
    required: 'Required',
  },
} as const;

interface Values {
  planId?: number;
  indicatorId?: number;
  regionCode?: string;
  period?: string;
  value?: string;
  note?: string;
}

const fill = (s: string, vars: Record<string, string | number>) =>
  s.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));

/**
 * Select text in the reader, then record an indicator's value with that place as its evidence: the value is
 * saved as a draft whose evidence is `{documentId, start, end}` (the server quotes the text from the
 * document), so "where does this number come from?" opens the document at the selection.
 */
export function EvidenceCapture({
  documentId,
  text,
  damaged,
  reader,
}: {
  documentId: number;
  text: string;
  damaged: Span[];
  reader: RefObject<HTMLElement | null>;
}) {
  const { locale } = useI18n();
  const s = TEXT[locale];
  const [sel, setSel] = useState<{ start: number; end: number } | null>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const onUp = () => {
      const el = reader.current;
      if (!el) return;
      const at = selectionOffsets(window.getSelection(), el);
      if (at) setSel(at);
    };
    document.addEventListener('mouseup', onUp);
    document.addEventListener('keyup', onUp);
    return () => {
      document.removeEventListener('mouseup', onUp);
      document.removeEventListener('keyup', onUp);
    };
  }, [reader]);

  if (!sel) return null;
  const quote = text.slice(sel.start, sel.end);
  const hitsDamage = damaged.some((d) => d.start < sel.end && d.end > sel.start);
  return (
    <>
      <Card
        size="small"
        data-testid="evidence-capture"
        style={{ position: 'fixed', right: 24, bottom: 24, width: 360, zIndex: 20, boxShadow: '0 4px 16px #0002' }}
      >
        <Typography.Paragraph
          ellipsis={{ rows: 3 }}
          style={{ marginBottom: 8 }}
          data-testid="evidence-quote"
          data-range={`${sel.start}-${sel.end}`}
        >
          「{quote}」
        </Typography.Paragraph>
        <Space>
          <Typography.Text type="secondary">{fill(s.selected, { n: quote.length })}</Typography.Text>
          <Button
            type="primary"
            size="small"
            disabled={hitsDamage}
            onClick={() => setOpen(true)}
            data-testid="evidence-use"
          >
            {s.use}
          </Button>
          <Button size="small" onClick={() => setSel(null)}>
            ×
          </Button>
        </Space>
        {hitsDamage && <Alert type="warning" showIcon style={{ marginTop: 8 }} title={s.damaged} />}
      </Card>
      {open && <EvidenceForm documentId={documentId} span={sel} quote={quote} onClose={() => setOpen(false)} />}
    </>
  );
}

function EvidenceForm({
  documentId,
  span,
  quote,
  onClose,
}: {
  documentId: number;
  span: { start: number; end: number };
  quote: string;
  onClose: () => void;
}) {
  const { locale } = useI18n();
  const { t } = useIndI18n();
  const s = TEXT[locale];
  const [form] = Form.useForm<Values>();
  const plans = useQuery({ queryKey: ['plans'], queryFn: () => api.plans() });
  const planId = Form.useWatch('planId', form) ?? plans.data?.[0]?.id;
  const plan = plans.data?.find((p) => p.id === planId);
  const indicators = useQuery({
    queryKey: ['evidence-indicators', planId],
    enabled: plan !== undefined,
    queryFn: () => indicatorApi.list(plan!.id, String(plan!.periodStart)),
  });
  const regions = useQuery({
    queryKey: ['regions', plan?.region.code],
    enabled: plan !== undefined,
    queryFn: () => api.regions({ parent: plan!.region.code }),
  });
  const [indicatorId, regionCode, period] = [
    Form.useWatch('indicatorId', form),
    Form.useWatch('regionCode', form),
    Form.useWatch('period', form),
  ];
  const existing = useQuery({
    queryKey: ['evidence-existing', planId, regionCode, period],
    enabled: plan !== undefined && !!regionCode && !!period,
    queryFn: () => indicatorApi.values(plan!.id, regionCode, period),
  });
  const current = existing.data?.find((v) => v.indicatorId === indicatorId && v.period === period);
  const save = useMutation({
    mutationFn: (v: Values) =>
      indicatorApi.recordValue(v.indicatorId as number, {
        regionCode: v.regionCode as string,
        period: (v.period ?? '').trim(),
        value: (v.value ?? '').trim(),
        note: v.note?.trim() || null,
        evidence: { documentId, start: span.start, end: span.end, rule: 'document.selection' },
        ...(current ? { version: current.version } : {}),
      }),
  });
  const chosen = indicators.data?.items.find((i) => i.indicator.id === indicatorId)?.indicator;
  return (
    <Modal
      open
      title={s.title}
      width={640}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      data-testid="evidence-modal"
    >
      <Typography.Paragraph type="secondary">
        {s.quote}：「{quote}」
      </Typography.Paragraph>
      {plan && (
        <Form<Values>
          form={form}
          layout="vertical"
          data-testid="evidence-form"
          initialValues={{
            planId: plan.id,
            regionCode: plan.region.code,
            period: yearIn(quote) ?? String(plan.periodStart),
            value: firstNumber(quote),
          }}
          onValuesChange={() => save.reset()}
          onFinish={(v) => save.mutate(v)}
        >
          <div style={{ display: 'flex', gap: 12 }}>
            <Form.Item name="planId" label={s.plan} style={{ flex: 1 }}>
              <Select options={(plans.data ?? []).map((p) => ({ value: p.id, label: p.title }))} />
            </Form.Item>
            <Form.Item name="regionCode" label={s.region} style={{ width: 160 }}>
              <Select
                data-testid="evidence-region"
                options={[plan.region, ...(regions.data ?? [])].map((r) => ({ value: r.code, label: r.name }))}
              />
            </Form.Item>
          </div>
          <Form.Item name="indicatorId" label={s.indicator} rules={[{ required: true, message: s.required }]}>
            <Select
              data-testid="evidence-indicator"
              showSearch={{ optionFilterProp: 'label' }}
              loading={indicators.isLoading}
              options={(indicators.data?.items ?? []).map((i) => ({
                value: i.indicator.id,
                label: `${i.indicator.name}（${i.indicator.unit}）`,
              }))}
            />
          </Form.Item>
          <div style={{ display: 'flex', gap: 12 }}>
            <Form.Item
              name="period"
              label={s.period}
              extra={s.periodHint}
              style={{ width: 180 }}
              rules={[{ required: true, message: s.required }]}
            >
              <Input data-testid="evidence-period" />
            </Form.Item>
            <Form.Item
              name="value"
              label={chosen ? `${s.value}（${chosen.unit}）` : s.value}
              style={{ width: 160 }}
              rules={[{ required: true, message: s.required }]}
            >
              <Input data-testid="evidence-value" />
            </Form.Item>
            <Form.Item name="note" label={s.note} style={{ flex: 1 }}>
              <Input data-testid="evidence-note" maxLength={2000} />
            </Form.Item>
          </div>
          {current && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="evidence-existing"
              title={fill(s.existing, {
                value: current.value,
                state: t(`entry.state.${current.state}` as IndMessageKey),
              })}
            />
          )}
          {save.error && <ErrorAlert error={save.error} />}
          {save.data ? (
            <Alert
              type="success"
              showIcon
              data-testid="evidence-saved"
              title={fill(s.saved, {
                name: chosen?.name ?? '',
                period: save.data.value.period,
                value: save.data.value.value,
              })}
              action={
                <Space>
                  <Link to={`/indicators/${save.data.value.indicatorId}`} data-testid="evidence-open">
                    {s.open}
                  </Link>
                  <Link to={documentLink({ documentId, start: span.start, end: span.end })}>↗</Link>
                </Space>
              }
            />
          ) : (
            <Space>
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="evidence-save">
                {s.save}
              </Button>
              <Button onClick={onClose}>{s.cancel}</Button>
            </Space>
          )}
        </Form>
      )}
    </Modal>
  );
}
