import { DeleteOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, InputNumber, Modal, Radio, Select, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { type Project, projectApi } from '../../../api-projects.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { quarterKeys } from './api.ts';
import { EventInvalid, eventApi } from './event-api.ts';
import {
  type EventFormValues,
  type EventProjectRow,
  eventBody,
  eventProblemsToFields,
  formTotal,
  missingFields,
  quarterDays,
} from './event-form.ts';
import { useEventI18n } from './event-strings.ts';
import { useQuarterI18n } from './strings.ts';

type Row = EventProjectRow & { region: string | null };

/** The project search of the form: the project list API with q=, debounced, 20 at a time. */
function useProjectSearch(text: string) {
  const [q, setQ] = useState('');
  useEffect(() => {
    const id = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(id);
  }, [text]);
  return useQuery({
    queryKey: ['projects', 'event-search', q],
    queryFn: () => projectApi.list({ q, pageSize: 20 }),
    enabled: q.length > 0,
  });
}

/**
 * 登记活动: kind, date, title, place, note and the projects (found by search) each with its amount in
 * 万元 or 亿元; the server's problems (date outside the quarter, …) land on their fields, bilingual.
 */
export function EventFormModal({
  year,
  quarter,
  open,
  onClose,
}: {
  year: number;
  quarter: number;
  open: boolean;
  onClose: (saved?: string) => void;
}) {
  const { t, locale } = useEventI18n();
  const { t: tq } = useQuarterI18n();
  const client = useQueryClient();
  const [form] = Form.useForm<EventFormValues>();
  const [rows, setRows] = useState<Row[]>([]);
  const [search, setSearch] = useState('');
  const [projectErrors, setProjectErrors] = useState<string[]>([]);
  const found = useProjectSearch(search);
  const kind = Form.useWatch('kind', form) ?? 'signing';
  const unit = Form.useWatch('unit', form) ?? 'yi';
  const days = quarterDays(year, quarter);

  const reset = () => {
    form.resetFields();
    setRows([]);
    setSearch('');
    setProjectErrors([]);
    save.reset();
  };
  const save = useMutation({
    mutationFn: (v: EventFormValues) => eventApi.create(year, quarter, eventBody(v)),
    onSuccess: (e) => {
      client.invalidateQueries({ queryKey: quarterKeys.events(year, quarter) });
      client.invalidateQueries({ queryKey: ['quarters', year, quarter] });
      reset();
      onClose(e.title);
    },
  });
  // the API's problems sit at their fields, in the language shown (switching language re-words them)
  const problems = save.error instanceof EventInvalid ? save.error.problems : null;
  useEffect(() => {
    if (!problems) return;
    const fields = eventProblemsToFields(problems, locale);
    form.setFields(fields.filter((f) => f.name !== 'projects') as never);
    setProjectErrors(fields.find((f) => f.name === 'projects')?.errors ?? []);
  }, [problems, locale, form]);

  const submit = () => {
    const v = { ...form.getFieldsValue(true), projects: rows } as EventFormValues;
    const missing = missingFields(v);
    form.setFields(
      (['title', 'heldOn'] as const).map((name) => ({
        name,
        errors: missing.includes(name) ? [t(`evf.required.${name}`)] : [],
      })),
    );
    setProjectErrors([]);
    if (missing.length) return;
    save.mutate(v);
  };

  const addProject = (id: number) => {
    const p = found.data?.items.find((x: Project) => x.id === id);
    if (!p || rows.some((r) => r.projectId === id)) return;
    setRows((rs) => [...rs, { projectId: p.id, name: p.name, region: p.region?.name ?? null, amount: null }]);
    setSearch('');
  };
  const total = formTotal(rows, unit);
  const unitLabel = unit === 'yi' ? t('evf.yi') : t('evf.wan');

  return (
    <Modal
      open={open}
      width={820}
      title={t('evf.title', { year, q: quarter })}
      onCancel={() => {
        reset();
        onClose();
      }}
      footer={[
        <Button
          key="cancel"
          onClick={() => {
            reset();
            onClose();
          }}
        >
          {t('evf.cancel')}
        </Button>,
        <Button key="save" type="primary" loading={save.isPending} onClick={submit} data-testid="event-save">
          {t('evf.save')}
        </Button>,
      ]}
      destroyOnHidden
    >
      <div data-testid="event-form">
        {save.error && (
          <div data-testid="event-form-error" style={{ marginBottom: 12 }}>
            <ErrorAlert error={save.error} />
          </div>
        )}
        <Form<EventFormValues>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ kind: 'signing', unit: 'yi', heldOn: '', title: '', place: '', note: '' }}
        >
          <div style={{ display: 'flex', gap: 12 }}>
            <Form.Item label={t('evf.kind')} name="kind" style={{ width: 160 }}>
              <Select
                data-testid="event-kind"
                options={(['signing', 'groundbreaking', 'tour'] as const).map((k) => ({
                  value: k,
                  label: tq(`ev.${k}`),
                }))}
              />
            </Form.Item>
            <Form.Item label={t('evf.heldOn')} name="heldOn" style={{ width: 200 }} extra={t('evf.heldOnHint', days)}>
              <Input type="date" data-testid="event-date" />
            </Form.Item>
            <Form.Item label={t('evf.name')} name="title" style={{ flex: 1 }}>
              <Input data-testid="event-name" placeholder={t('evf.namePh')} maxLength={200} />
            </Form.Item>
          </div>
          <div style={{ display: 'flex', gap: 12 }}>
            <Form.Item label={t('evf.place')} name="place" style={{ width: 240 }}>
              <Input data-testid="event-place" maxLength={200} />
            </Form.Item>
            <Form.Item label={t('evf.note')} name="note" style={{ flex: 1 }}>
              <Input maxLength={2000} />
            </Form.Item>
            {kind !== 'tour' && (
              <Form.Item label={t('evf.unit')} name="unit">
                <Radio.Group
                  data-testid="event-unit"
                  optionType="button"
                  options={[
                    { value: 'yi', label: t('evf.yi') },
                    { value: 'wan', label: t('evf.wan') },
                  ]}
                />
              </Form.Item>
            )}
          </div>
          <Form.Item
            label={t('evf.projects')}
            validateStatus={projectErrors.length ? 'error' : undefined}
            help={projectErrors.length ? projectErrors.join('；') : undefined}
          >
            <div>
              <Select
                data-testid="event-project-search"
                showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
                value={null}
                placeholder={t('evf.search')}
                style={{ width: '100%', marginBottom: 8 }}
                loading={found.isFetching}
                notFoundContent={null}
                onChange={(id: number) => addProject(id)}
                options={(found.data?.items ?? [])
                  .filter((p) => !rows.some((r) => r.projectId === p.id))
                  .map((p) => ({
                    value: p.id,
                    label: `${p.name}${p.region ? `（${p.region.name}）` : ''}`,
                  }))}
              />
              <Table<Row>
                data-testid="event-form-projects"
                size="small"
                rowKey="projectId"
                pagination={false}
                dataSource={rows}
                columns={[
                  { title: t('evf.col.project'), render: (_, r) => r.name },
                  { title: t('evf.col.county'), width: 110, render: (_, r) => r.region ?? '—' },
                  ...(kind === 'tour'
                    ? []
                    : [
                        {
                          title: t('evf.col.amount', { unit: unitLabel }),
                          width: 170,
                          render: (_: unknown, r: Row, i: number) => (
                            <InputNumber
                              data-testid={`event-amount-${i}`}
                              style={{ width: '100%' }}
                              value={r.amount}
                              placeholder={t('evf.amountPh')}
                              onChange={(v) =>
                                setRows((rs) =>
                                  rs.map((x) =>
                                    x.projectId === r.projectId
                                      ? { ...x, amount: typeof v === 'number' ? v : null }
                                      : x,
                                  ),
                                )
                              }
                            />
                          ),
                        },
                      ]),
                  {
                    width: 50,
                    render: (_, r) => (
                      <Button
                        size="small"
                        icon={<DeleteOutlined />}
                        aria-label={t('evf.remove')}
                        onClick={() => setRows((rs) => rs.filter((x) => x.projectId !== r.projectId))}
                      />
                    ),
                  },
                ]}
              />
            </div>
          </Form.Item>
          <Typography.Text strong data-testid="event-form-total">
            {kind === 'tour'
              ? t('evf.totalTour', { n: total.projects })
              : t('evf.total', {
                  n: total.projects,
                  yi: (total.wan / 10_000).toFixed(2),
                  wan: new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-US', {
                    maximumFractionDigits: 2,
                  }).format(total.wan),
                })}
          </Typography.Text>
        </Form>
      </div>
    </Modal>
  );
}
