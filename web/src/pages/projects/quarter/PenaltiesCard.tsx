import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import type { By } from './api.ts';
import { type Penalty, type PenaltyKind, penaltyApi, penaltyKeys, penaltyProblems } from './penalty-api.ts';
import { usePenaltyI18n } from './penalty-strings.ts';

const FIRST = ['01-01', '04-01', '07-01', '10-01'];
const LAST = ['03-31', '06-30', '09-30', '12-31'];
const FIELDS = ['groupKey', 'input', 'occurredOn', 'reason', 'source'] as const;

interface FormValues {
  groupKey?: string;
  input?: string;
  occurredOn?: string;
  reason?: string;
  source?: string;
}

/**
 * 扣分与否决事项: what the quarter's rubric lets the office record against a county or zone (its hand-fed
 * vetoes and deductions), the matters recorded with what happened and where it is stated, and a form to
 * record one. A matter moves the ranking at once; the server's problems land on their fields.
 */
export function PenaltiesCard({ year, quarter, by }: { year: number; quarter: number; by: By }) {
  const { t, locale } = usePenaltyI18n();
  const client = useQueryClient();
  const q = useQuery({
    queryKey: penaltyKeys.list(year, quarter, by),
    queryFn: () => penaltyApi.list(year, quarter, by),
  });
  const [form] = Form.useForm<FormValues>();
  const [saved, setSaved] = useState<string | null>(null);
  const label = (k: PenaltyKind) => (locale === 'zh' ? k.label.zh : k.label.en);
  const refresh = () => client.invalidateQueries({ queryKey: ['quarters', year, quarter] });
  const record = useMutation({
    mutationFn: (v: FormValues) => penaltyApi.record(year, quarter, { by, ...v }),
    onSuccess: (p) => {
      setSaved(t('pen.saved', { region: p.region.name, kind: label(p.kind) }));
      form.resetFields(['reason', 'source']);
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: number) => penaltyApi.remove(year, quarter, id),
    onSuccess: refresh,
  });
  // the server's problems sit at their fields, in the language shown
  useEffect(() => {
    const problems = penaltyProblems(record.error);
    if (problems.length === 0) return;
    form.setFields(
      FIELDS.map((name) => {
        const p = problems.filter((x) => x.field === name);
        return { name, errors: p.map((x) => (locale === 'zh' ? x.zh : x.en)) };
      }),
    );
  }, [record.error, locale, form]);

  if (q.error) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  const d = q.data;
  const closed = d?.state === 'closed';
  const first = `${year}-${FIRST[quarter - 1]}`;
  const last = `${year}-${LAST[quarter - 1]}`;
  const kindText = (k: PenaltyKind) =>
    k.kind === 'veto'
      ? `${t('pen.veto')}—${label(k)}`
      : `${t('pen.deduction')}—${label(k)}（${t('pen.each', { each: k.pointsEach ?? 0, max: k.max ?? 0 })}）`;
  return (
    <Card
      size="small"
      title={t('pen.title')}
      style={{ marginTop: 16 }}
      data-testid="penalties-card"
      loading={q.isLoading}
    >
      {d && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }} data-testid="penalty-kinds">
          {d.kinds.length === 0
            ? t('pen.noKinds')
            : t('pen.kinds', {
                rubric: d.rubric.id,
                version: d.rubric.version,
                vetoScore: d.rubric.vetoScore,
                kinds: d.kinds.map(kindText).join(locale === 'zh' ? '；' : '; '),
              })}
        </Typography.Paragraph>
      )}
      <Table<Penalty>
        data-testid="penalties-table"
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={d?.items ?? []}
        locale={{ emptyText: t('pen.empty') }}
        columns={[
          { title: t('pen.col.region'), width: 120, render: (_, p) => p.region.name },
          {
            title: t('pen.col.kind'),
            width: 230,
            render: (_, p) => (
              <span data-testid="penalty-kind">
                <Tag color={p.kind.kind === 'veto' ? 'red' : 'orange'}>
                  {p.kind.kind === 'veto' ? t('pen.veto') : t('pen.deduction')}
                </Tag>
                {label(p.kind)}
              </span>
            ),
          },
          { title: t('pen.col.date'), width: 110, dataIndex: 'occurredOn' },
          { title: t('pen.col.reason'), dataIndex: 'reason' },
          { title: t('pen.col.source'), width: 160, render: (_, p) => p.source ?? '—' },
          { title: t('pen.col.by'), width: 90, render: (_, p) => p.createdBy ?? '—' },
          {
            title: '',
            width: 70,
            render: (_, p) =>
              closed ? null : (
                <Popconfirm
                  title={t('pen.deleteConfirm', { region: p.region.name, kind: label(p.kind) })}
                  onConfirm={() => remove.mutate(p.id)}
                  okButtonProps={{ 'data-testid': 'penalty-delete-ok' } as never}
                >
                  <Button size="small" danger type="link" data-testid={`penalty-delete-${p.id}`}>
                    {t('pen.delete')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      {closed ? (
        <Alert type="info" showIcon title={t('pen.closed')} style={{ marginTop: 12 }} />
      ) : d && d.kinds.length > 0 ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('pen.add')}
          </Typography.Title>
          <Form<FormValues>
            form={form}
            layout="vertical"
            data-testid="penalty-form"
            initialValues={{ input: d.kinds[0]?.input }}
            onValuesChange={() => setSaved(null)}
            onFinish={(v) => record.mutate(v)}
          >
            <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
              <Form.Item
                name="groupKey"
                label={t('pen.region')}
                style={{ width: 180 }}
                rules={[{ required: true, message: t('pen.required') }]}
              >
                <Select
                  data-testid="penalty-region"
                  showSearch={{ optionFilterProp: 'label' }}
                  options={d.regions.map((r) => ({ value: r.code, label: r.name }))}
                />
              </Form.Item>
              <Form.Item name="input" label={t('pen.kind')} style={{ width: 260 }} rules={[{ required: true }]}>
                <Select
                  data-testid="penalty-input"
                  options={d.kinds.map((k) => ({
                    value: k.input,
                    label: `${k.kind === 'veto' ? t('pen.veto') : t('pen.deduction')} · ${label(k)}`,
                  }))}
                />
              </Form.Item>
              <Form.Item
                name="occurredOn"
                label={t('pen.date')}
                style={{ width: 260 }}
                extra={t('pen.dateHint', { first, last })}
                rules={[{ required: true, message: t('pen.required') }]}
              >
                <Input type="date" data-testid="penalty-date" />
              </Form.Item>
            </div>
            <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
              <Form.Item
                name="reason"
                label={t('pen.reason')}
                style={{ flex: 2, minWidth: 320 }}
                rules={[{ required: true, whitespace: true, message: t('pen.required') }]}
              >
                <Input data-testid="penalty-reason" placeholder={t('pen.reasonPh')} maxLength={1000} />
              </Form.Item>
              <Form.Item name="source" label={t('pen.source')} style={{ flex: 1, minWidth: 200 }}>
                <Input data-testid="penalty-source" placeholder={t('pen.sourcePh')} maxLength={300} />
              </Form.Item>
              <Form.Item label=" ">
                <Button type="primary" htmlType="submit" loading={record.isPending} data-testid="penalty-save">
                  {t('pen.save')}
                </Button>
              </Form.Item>
            </div>
          </Form>
        </>
      ) : null}
      <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
        {record.error && <ErrorAlert error={record.error} />}
        {remove.error && <ErrorAlert error={remove.error} />}
        {saved && !record.error && (
          <Tag color="green" data-testid="penalty-saved">
            {saved}
          </Tag>
        )}
      </Space>
    </Card>
  );
}
