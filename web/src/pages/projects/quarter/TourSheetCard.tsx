import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { type By, quarterApi, quarterKeys, type TourSheet } from './api.ts';
import { useQuarterI18n } from './strings.ts';

type Row = TourSheet['regions'][number];

/**
 * 观摩评分: the tour sheet of the quarter's rubric, each region's judges and trimmed mean with the
 * reason, and a form to enter one judge's marks for one region. Saving refreshes the ranking.
 */
export function TourSheetCard({ year, quarter, by }: { year: number; quarter: number; by: By }) {
  const { t, locale } = useQuarterI18n();
  const client = useQueryClient();
  const q = useQuery({
    queryKey: quarterKeys.tour(year, quarter, by),
    queryFn: () => quarterApi.tour(year, quarter, by),
  });
  const [form] = Form.useForm();
  const [saved, setSaved] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: { groupKey: string; judge: string; scores: Record<string, number> }) =>
      quarterApi.saveJudge(year, quarter, { by, ...v }),
    onSuccess: (r) => {
      setSaved(t('tour.saved', { text: `${r.region.name} · ${locale === 'zh' ? r.result.zh : r.result.en}` }));
      client.invalidateQueries({ queryKey: ['quarters', year, quarter] });
    },
  });
  const close = useMutation({
    mutationFn: () => quarterApi.close(year, quarter),
    onSuccess: () => client.invalidateQueries({ queryKey: ['quarters', year, quarter] }),
  });
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  const d = q.data;
  const items = d?.sheet.items ?? [];
  const max = items.reduce((s, i) => s + i.max, 0);
  const closed = d?.state === 'closed';
  return (
    <Card
      size="small"
      title={t('tour.title')}
      style={{ marginTop: 16 }}
      data-testid="tour-card"
      loading={q.isLoading}
      extra={
        d && !closed ? (
          <Popconfirm title={t('tour.closeConfirm')} onConfirm={() => close.mutate()}>
            <Button size="small" data-testid="quarter-close" loading={close.isPending}>
              {t('tour.close')}
            </Button>
          </Popconfirm>
        ) : null
      }
    >
      {d && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('tour.sheet', {
            items: items
              .map((i) => `${locale === 'zh' ? i.label.zh : i.label.en} ${i.max}`)
              .join(locale === 'zh' ? '、' : ', '),
            max,
            n: d.sheet.dropFrom,
          })}
        </Typography.Paragraph>
      )}
      <Table<Row>
        data-testid="tour-table"
        rowKey={(r) => r.region.code}
        size="small"
        pagination={false}
        dataSource={d?.regions ?? []}
        columns={[
          { title: t('tour.col.region'), width: 130, render: (_, r) => r.region.name },
          { title: t('tour.col.judges'), width: 80, align: 'right', render: (_, r) => r.result.judges.length },
          {
            title: t('tour.col.mean'),
            width: 100,
            align: 'right',
            render: (_, r) => (r.result.score === null ? '—' : <b data-testid="tour-score">{r.result.score}</b>),
          },
          {
            title: t('tour.col.how'),
            render: (_, r) => (
              <span data-testid="tour-how">
                {locale === 'zh' ? r.result.zh : r.result.en}
                {r.judges.length > 0 && <JudgeTotals r={r} />}
              </span>
            ),
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('tour.enter')}
      </Typography.Title>
      {closed ? (
        <Alert type="info" showIcon title={t('tour.closed')} />
      ) : (
        <Form
          form={form}
          layout="inline"
          data-testid="tour-form"
          onValuesChange={() => setSaved(null)}
          onFinish={(v: Record<string, unknown>) => {
            const scores: Record<string, number> = {};
            for (const i of items)
              if (typeof v[`item_${i.key}`] === 'number') scores[i.key] = v[`item_${i.key}`] as number;
            save.mutate({ groupKey: String(v.groupKey), judge: String(v.judge ?? ''), scores });
          }}
        >
          <Form.Item name="groupKey" label={t('tour.region')} rules={[{ required: true, message: t('tour.region') }]}>
            <Select
              data-testid="tour-region"
              style={{ width: 150 }}
              showSearch={{ optionFilterProp: 'label' }}
              options={(d?.regions ?? []).map((r) => ({ value: r.region.code, label: r.region.name }))}
            />
          </Form.Item>
          <Form.Item name="judge" label={t('tour.judge')} rules={[{ required: true, message: t('tour.judgePh') }]}>
            <Input data-testid="tour-judge" placeholder={t('tour.judgePh')} style={{ width: 120 }} />
          </Form.Item>
          {items.map((i) => (
            <Form.Item
              key={i.key}
              name={`item_${i.key}`}
              label={`${locale === 'zh' ? i.label.zh : i.label.en}（≤${i.max}）`}
            >
              <InputNumber data-testid={`tour-item-${i.key}`} min={0} style={{ width: 80 }} />
            </Form.Item>
          ))}
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="tour-save">
              {t('tour.save')}
            </Button>
          </Form.Item>
        </Form>
      )}
      <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
        {save.error && <ErrorAlert error={save.error} />}
        {close.error && <ErrorAlert error={close.error} />}
        {saved && !save.error && (
          <Tag color="green" data-testid="tour-saved">
            {saved}
          </Tag>
        )}
      </Space>
    </Card>
  );
}

/**
 * The judges' totals, highest first; with a trimmed mean the first and last are struck through, so
 * the dropped marks are visible beside the explanation.
 */
function JudgeTotals({ r }: { r: Row }) {
  const sorted = [...r.result.judges].sort((a, b) => b.total - a.total || (a.judge < b.judge ? -1 : 1));
  const trimmed = r.result.dropped.length > 0;
  return (
    <span style={{ color: '#888' }} data-testid="tour-judges">
      {' '}
      （
      {sorted.map((j, i) => {
        const dropped = trimmed && (i === 0 || i === sorted.length - 1);
        return (
          <span key={j.judge} style={dropped ? { textDecoration: 'line-through' } : undefined} data-dropped={dropped}>
            {i > 0 ? '、' : ''}
            {j.judge} {j.total}
          </span>
        );
      })}
      ）
    </span>
  );
}
