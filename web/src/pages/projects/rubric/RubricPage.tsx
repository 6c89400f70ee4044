import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  AutoComplete,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  message,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { formatDateTime } from '../../../i18n.ts';
import { RubricInvalid, type RubricVersion, rubricApi, rubricKeys } from './api.ts';
import {
  defaultRule,
  describeDeduction,
  describeItem,
  formToRubric,
  INPUTS,
  inputName,
  newItem,
  problemsToFields,
  RULE_KINDS,
  type RubricForm,
  type RuleKind,
  rubricToForm,
  totals,
} from './form.ts';
import { type RubricMessageKey, useRubricI18n } from './strings.ts';

type Json = Record<string, unknown>;
type Item = { key: string; label: { zh: string; en: string }; input: string; weight: number; rule: Json };

/**
 * 评分细则: every version (the current one marked, the quarters bound to each), the chosen version's
 * items in words, and a form that edits a copy into the next version. Old quarters keep theirs.
 */
export function RubricPage() {
  const { t, locale } = useRubricI18n();
  const q = useQuery({ queryKey: rubricKeys.all, queryFn: rubricApi.list });
  const [selected, setSelected] = useState<number | null>(null);
  const [editing, setEditing] = useState<RubricVersion | null>(null);
  const versions = q.data ?? [];
  const current = versions.find((v) => v.current) ?? versions[0];
  const shown = versions.find((v) => v.version === selected) ?? current;
  const newest = versions.reduce((m, v) => Math.max(m, v.version), 0);

  return (
    <div className="page" data-testid="rubric-page">
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('r.title')}
        </Typography.Title>
        <Link to="/quarters">{t('r.back')}</Link>
      </Space>
      <Typography.Paragraph type="secondary">{t('r.subtitle')}</Typography.Paragraph>
      <Alert type="info" showIcon title={t('r.keep')} style={{ marginBottom: 16 }} data-testid="rubric-keep" />
      {q.error ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <>
          <Card size="small" title={t('r.versions')} style={{ marginBottom: 16 }}>
            <Table<RubricVersion>
              data-testid="rubric-versions"
              size="small"
              loading={q.isLoading}
              rowKey={(v) => `${v.id}@${v.version}`}
              pagination={false}
              dataSource={versions}
              rowClassName={(v) => (v.version === shown?.version ? 'ant-table-row-selected' : '')}
              onRow={(v) => ({ onClick: () => setSelected(v.version), style: { cursor: 'pointer' } })}
              columns={[
                {
                  title: t('r.col.version'),
                  width: 150,
                  render: (_, v) => (
                    <span data-testid="rubric-version" data-version={v.version} data-current={v.current}>
                      {t('r.v', { v: v.version })}
                      {v.current && (
                        <Tag color="blue" style={{ marginLeft: 8 }} data-testid="rubric-current">
                          {t('r.current')}
                        </Tag>
                      )}
                    </span>
                  ),
                },
                { title: t('r.col.name'), render: (_, v) => v.name[locale] },
                {
                  title: t('r.col.created'),
                  width: 190,
                  render: (_, v) =>
                    v.createdAt
                      ? `${formatDateTime(v.createdAt)}${v.createdBy && v.createdBy !== 'system' ? ` · ${v.createdBy}` : ''}`
                      : t('r.builtin'),
                },
                { title: t('r.col.note'), render: (_, v) => v.note ?? '—' },
                {
                  title: t('r.col.quarters'),
                  render: (_, v) =>
                    v.quarters.length === 0 ? (
                      <Typography.Text type="secondary">{t('r.noQuarters')}</Typography.Text>
                    ) : (
                      <span data-testid="rubric-quarters">
                        {v.quarters.map((b) => (
                          <Tag key={`${b.year}Q${b.quarter}`} color={b.state === 'closed' ? 'default' : 'green'}>
                            <Link to={`/quarters?year=${b.year}&quarter=${b.quarter}`}>
                              {t(b.state === 'closed' ? 'r.quarterClosed' : 'r.quarter', {
                                year: b.year,
                                q: b.quarter,
                              })}
                            </Link>
                          </Tag>
                        ))}
                      </span>
                    ),
                },
              ]}
            />
          </Card>
          {shown && !editing && (
            <VersionCard
              v={shown}
              onEdit={() => {
                setEditing(shown);
              }}
            />
          )}
          {editing && (
            <RubricEditor
              base={editing}
              next={newest + 1}
              onDone={(v) => {
                setEditing(null);
                setSelected(v);
              }}
            />
          )}
        </>
      )}
    </div>
  );
}

/** One version in words: items with block, points and parameters; deductions; vetoes; tie-break. */
function VersionCard({ v, onEdit }: { v: RubricVersion; onEdit: () => void }) {
  const { t, locale } = useRubricI18n();
  const d = v.definition;
  const items = (d.items as Item[] | undefined) ?? [];
  const deductions = (d.deductions as Array<Item & { pointsEach: number; max: number }> | undefined) ?? [];
  const vetoes = (d.vetoes as Item[] | undefined) ?? [];
  const tie = (d.tieBreak as string[] | undefined) ?? [];
  const sum = totals(items);
  const labelOf = (key: string) => items.find((i) => i.key === key)?.label[locale] ?? key;
  return (
    <Card
      size="small"
      data-testid="rubric-view"
      title={`${t('r.view', { v: v.version })} · ${v.name[locale]}`}
      extra={
        <Button type="primary" size="small" data-testid="rubric-edit" onClick={onEdit}>
          {t('r.edit')}
        </Button>
      }
    >
      <Table<Item>
        data-testid="rubric-items"
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={items}
        columns={[
          {
            title: t('r.col.item'),
            width: 150,
            render: (_, i) => <span data-testid="rubric-item">{i.label[locale]}</span>,
          },
          { title: t('r.col.input'), width: 150, render: (_, i) => inputName(i.input, locale) },
          {
            title: t('r.col.kind'),
            width: 150,
            render: (_, i) => <Tag>{t(`kind.${String(i.rule.kind)}` as RubricMessageKey)}</Tag>,
          },
          {
            title: t('r.col.weight'),
            width: 80,
            align: 'right',
            render: (_, i) => <span data-testid="rubric-item-weight">{i.weight}</span>,
          },
          { title: t('r.col.how'), render: (_, i) => describeItem(i, locale) },
        ]}
        footer={() => <span data-testid="rubric-total">{t('r.total', sum)}</span>}
      />
      <Descriptions size="small" column={1} style={{ marginTop: 12 }} bordered>
        <Descriptions.Item label={t('r.deductions')}>
          {deductions.length === 0
            ? t('r.none')
            : deductions.map((x) => (
                <div key={x.key}>
                  {x.label[locale]}
                  {locale === 'zh' ? '：' : ': '}
                  {describeDeduction(x, locale)}
                </div>
              ))}
        </Descriptions.Item>
        <Descriptions.Item label={t('r.vetoes')}>
          {vetoes.length === 0
            ? t('r.none')
            : vetoes.map((x) => (
                <div key={x.key}>
                  {x.label[locale]}
                  {locale === 'zh' ? '：' : ': '}
                  {t('r.vetoHow', { score: Number(d.vetoScore ?? 0) })}
                </div>
              ))}
        </Descriptions.Item>
        <Descriptions.Item label={t('r.f.tieBreak')}>
          {tie.length === 0 ? t('r.none') : tie.map(labelOf).join(' → ')}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** A recorded input's name as a rubric stores it: a letter, then letters, digits or underscores. */
const INPUT_NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

/**
 * The input of a deduction or veto: one the assessment computes, or a name of the city's own for matters
 * recorded on the quarter page (the server checks the name too, and its problem lands here).
 */
function RecordedInputField({ name, testId }: { name: number; testId: string }) {
  const { t, locale } = useRubricI18n();
  return (
    <Form.Item
      label={t('r.f.input')}
      name={[name, 'input']}
      rules={[{ pattern: INPUT_NAME, message: t('r.f.inputName') }]}
    >
      <AutoComplete options={INPUT_OPTIONS(locale)} placeholder={t('r.f.inputPh')} data-testid={testId} />
    </Form.Item>
  );
}

const INPUT_OPTIONS = (locale: 'zh' | 'en') =>
  Object.entries(INPUTS).map(([value, n]) => ({
    value,
    label: locale === 'zh' ? `${n.zh}（${value}）` : `${n.en} (${value})`,
  }));

/** Edits a copy of `base`; saving posts it as version `next`. The API's 422 lands on the fields. */
function RubricEditor({ base, next, onDone }: { base: RubricVersion; next: number; onDone: (v: number) => void }) {
  const { t, locale } = useRubricI18n();
  const client = useQueryClient();
  const [form] = Form.useForm<RubricForm>();
  const initial = useMemo(() => rubricToForm({ ...base.definition, id: base.id }), [base]);
  const [msg, ctx] = message.useMessage();
  const errorRef = useRef<HTMLDivElement>(null);
  const save = useMutation({
    mutationFn: (values: RubricForm) => rubricApi.create(formToRubric(values)),
    onSuccess: (r) => {
      msg.success(t('r.saved', { v: r.version }));
      client.invalidateQueries({ queryKey: rubricKeys.all });
      client.invalidateQueries({ queryKey: ['quarters'] });
      onDone(r.version);
      window.scrollTo({ top: 0 });
    },
  });
  // the API's problems sit at their fields, in the language shown (switching language re-words them)
  const problems = save.error instanceof RubricInvalid ? save.error.problems : null;
  useEffect(() => {
    if (problems) form.setFields(problemsToFields(problems, locale) as never);
  }, [problems, locale, form]);
  // a refused save shows its problems above the form: bring them into view
  useEffect(() => {
    if (save.error) errorRef.current?.scrollIntoView({ block: 'center' });
  }, [save.error]);
  const submit = () => {
    // clear the errors of the last attempt, then send everything the form holds
    const all = form.getFieldsValue(true) as RubricForm;
    form.setFields(
      form
        .getFieldsError()
        .filter((f) => f.errors.length)
        .map((f) => ({ name: f.name, errors: [] })),
    );
    save.mutate(all);
  };
  const inputOptions = INPUT_OPTIONS(locale);
  return (
    <Card size="small" data-testid="rubric-editor" title={t('r.editTitle', { v: next, from: base.version })}>
      {ctx}
      <Alert type="warning" showIcon title={t('r.keep')} style={{ marginBottom: 12 }} />
      {save.error && (
        <div data-testid="rubric-error" style={{ marginBottom: 12 }} ref={errorRef}>
          <ErrorAlert error={save.error} />
        </div>
      )}
      <Form<RubricForm> form={form} layout="vertical" initialValues={initial} size="small">
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item label={t('r.f.nameZh')} name={['name', 'zh']}>
              <Input data-testid="rubric-name-zh" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('r.f.nameEn')} name={['name', 'en']}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>{t('r.items')}</Typography.Title>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Card
                  key={field.key}
                  size="small"
                  style={{ marginBottom: 8, background: '#fafafa' }}
                  data-testid={`rubric-form-item-${field.name}`}
                >
                  <Row gutter={8} align="bottom">
                    <Col xs={12} md={4}>
                      <Form.Item label={t('r.f.labelZh')} name={[field.name, 'label', 'zh']}>
                        <Input data-testid={`rubric-item-label-${field.name}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={4}>
                      <Form.Item label={t('r.f.labelEn')} name={[field.name, 'label', 'en']}>
                        <Input />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={5}>
                      <Form.Item label={t('r.f.input')} name={[field.name, 'input']}>
                        <Select options={inputOptions} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={3}>
                      <Form.Item label={t('r.f.weight')} name={[field.name, 'weight']}>
                        <InputNumber style={{ width: '100%' }} data-testid={`rubric-item-weight-${field.name}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={20} md={6}>
                      <Form.Item label={t('r.f.kind')} name={[field.name, 'rule', 'kind']}>
                        <Select
                          data-testid={`rubric-item-kind-${field.name}`}
                          options={RULE_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
                          onChange={(k: RuleKind) => form.setFieldValue(['items', field.name, 'rule'], defaultRule(k))}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={4} md={2}>
                      <Form.Item>
                        <Button
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('r.f.remove')}
                          data-testid={`rubric-item-remove-${field.name}`}
                          onClick={() => remove(field.name)}
                        />
                      </Form.Item>
                    </Col>
                  </Row>
                  <RuleFields form={form} index={field.name} />
                </Card>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add(newItem())}
                style={{ marginBottom: 12 }}
                data-testid="rubric-add-item"
              >
                {t('r.f.addItem')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item noStyle shouldUpdate>
          {() => (
            <Typography.Paragraph type="secondary" data-testid="rubric-form-total">
              {t('r.total', totals((form.getFieldValue('items') as RubricForm['items']) ?? []))}
            </Typography.Paragraph>
          )}
        </Form.Item>
        <Typography.Title level={5}>{t('r.deductions')}</Typography.Title>
        <Form.List name="deductions">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Row gutter={8} key={field.key} align="bottom">
                  <Col xs={12} md={5}>
                    <Form.Item label={t('r.f.labelZh')} name={[field.name, 'label', 'zh']}>
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={5}>
                    <Form.Item label={t('r.f.labelEn')} name={[field.name, 'label', 'en']}>
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={5}>
                    <RecordedInputField name={field.name} testId={`rubric-deduction-input-${field.name}`} />
                  </Col>
                  <Col xs={6} md={3}>
                    <Form.Item label={t('r.f.pointsEach')} name={[field.name, 'pointsEach']}>
                      <InputNumber style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={6} md={3}>
                    <Form.Item label={t('r.f.max')} name={[field.name, 'max']}>
                      <InputNumber style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={4} md={2}>
                    <Form.Item>
                      <Button danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Button
                icon={<PlusOutlined />}
                style={{ marginBottom: 12 }}
                onClick={() =>
                  add({
                    key: '',
                    label: { zh: '问题超期未办结', en: 'Overdue problems' },
                    input: 'overdueProblems',
                    pointsEach: 0.5,
                    max: 5,
                  })
                }
              >
                {t('r.f.addDeduction')}
              </Button>
            </>
          )}
        </Form.List>
        <Typography.Title level={5}>{t('r.vetoes')}</Typography.Title>
        <Form.List name="vetoes">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Row gutter={8} key={field.key} align="bottom">
                  <Col xs={12} md={7}>
                    <Form.Item label={t('r.f.labelZh')} name={[field.name, 'label', 'zh']}>
                      <Input data-testid={`rubric-veto-zh-${field.name}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={7}>
                    <Form.Item label={t('r.f.labelEn')} name={[field.name, 'label', 'en']}>
                      <Input data-testid={`rubric-veto-en-${field.name}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={20} md={8}>
                    <RecordedInputField name={field.name} testId={`rubric-veto-input-${field.name}`} />
                  </Col>
                  <Col xs={4} md={2}>
                    <Form.Item>
                      <Button danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Button
                icon={<PlusOutlined />}
                style={{ marginBottom: 12 }}
                onClick={() => add({ key: '', label: { zh: '', en: '' }, input: 'majorSafetyAccident' })}
                data-testid="rubric-add-veto"
              >
                {t('r.f.addVeto')}
              </Button>
            </>
          )}
        </Form.List>
        <Row gutter={12}>
          <Col xs={24} md={6}>
            <Form.Item label={t('r.f.vetoScore')} name="vetoScore">
              <InputNumber style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={18}>
            <Form.Item noStyle shouldUpdate>
              {() => (
                <Form.Item label={t('r.f.tieBreak')} name="tieBreak">
                  <Select
                    mode="multiple"
                    options={((form.getFieldValue('items') as RubricForm['items']) ?? [])
                      .filter((i) => i?.key)
                      .map((i) => ({ value: i.key, label: i.label?.[locale] || i.key }))}
                  />
                </Form.Item>
              )}
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('r.f.note')} name="note">
          <Input.TextArea rows={2} placeholder={t('r.f.notePh')} maxLength={500} data-testid="rubric-note" />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('r.f.tourKept')}</Typography.Paragraph>
        <Space>
          <Button type="primary" onClick={submit} loading={save.isPending} data-testid="rubric-save">
            {t('r.save', { v: next })}
          </Button>
          <Button onClick={() => onDone(base.version)}>{t('r.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}

/** The parameters of one item's block, by its type, and the item described in words. */
function RuleFields({ form, index }: { form: FormInstance<RubricForm>; index: number }) {
  const { t, locale } = useRubricI18n();
  return (
    <Form.Item noStyle shouldUpdate>
      {() => {
        const item = form.getFieldValue(['items', index]) as RubricForm['items'][number] | undefined;
        if (!item?.rule) return null;
        const kind = item.rule.kind;
        const num = (name: string, label: string, extra?: string) => (
          <Col xs={12} md={4} key={name}>
            <Form.Item label={label} name={[index, 'rule', name]} extra={extra}>
              <InputNumber style={{ width: '100%' }} data-testid={`rubric-item-${name}-${index}`} />
            </Form.Item>
          </Col>
        );
        return (
          <>
            <Row gutter={8}>
              {kind === 'ratio_to_target' && (
                <>
                  <Col xs={12} md={4}>
                    <Form.Item label={t('r.f.targetMode')} name={[index, 'rule', 'targetMode']}>
                      <Select
                        options={[
                          { value: 'fixed', label: t('r.f.fixed') },
                          { value: 'input', label: t('r.f.fromInput') },
                        ]}
                      />
                    </Form.Item>
                  </Col>
                  {item.rule.targetMode === 'input' ? (
                    <Col xs={12} md={5}>
                      <Form.Item label={t('r.f.targetInput')} name={[index, 'rule', 'targetInput']}>
                        <Select options={INPUT_OPTIONS(locale)} />
                      </Form.Item>
                    </Col>
                  ) : (
                    num(
                      'target',
                      t('r.f.target'),
                      INPUTS[item.input]?.unit === 'ratio' ? t('r.f.targetHint') : undefined,
                    )
                  )}
                  {num('cap', t('r.f.cap'), t('r.f.capHint'))}
                </>
              )}
              {kind === 'per_point' && (
                <>
                  {num('baseline', t('r.f.baseline'), t('r.f.targetHint'))}
                  {num('basePoints', t('r.f.basePoints'))}
                  {num('pointsPerPoint', t('r.f.pointsPerPoint'))}
                  {num('min', t('r.f.min'))}
                </>
              )}
              {kind === 'count' && num('pointsEach', t('r.f.pointsEach'))}
              {kind === 'rank_bands' && (
                <Col xs={12} md={4}>
                  <Form.Item label={t('r.f.order')} name={[index, 'rule', 'order']}>
                    <Select
                      options={[
                        { value: 'desc', label: t('r.f.desc') },
                        { value: 'asc', label: t('r.f.asc') },
                      ]}
                    />
                  </Form.Item>
                </Col>
              )}
            </Row>
            {(kind === 'size_bands' || kind === 'rank_bands') && (
              <Form.List name={[index, 'rule', 'bands']}>
                {(bands, { add, remove }) => (
                  <div style={{ marginBottom: 8 }}>
                    <Typography.Text type="secondary">{t('r.f.bands')}</Typography.Text>
                    {bands.map((b) => (
                      <Space key={b.key} align="baseline" style={{ display: 'flex' }}>
                        <Form.Item
                          label={kind === 'size_bands' ? t('r.f.bandMin') : t('r.f.bandRank')}
                          name={[b.name, kind === 'size_bands' ? 'min' : 'upToRank']}
                        >
                          <InputNumber />
                        </Form.Item>
                        <Form.Item label={t('r.f.bandPoints')} name={[b.name, 'points']}>
                          <InputNumber />
                        </Form.Item>
                        <Button size="small" icon={<DeleteOutlined />} onClick={() => remove(b.name)} />
                      </Space>
                    ))}
                    <Button
                      size="small"
                      icon={<PlusOutlined />}
                      onClick={() => add(kind === 'size_bands' ? { min: 0, points: 0 } : { upToRank: 1, points: 0 })}
                    >
                      {t('r.f.addBand')}
                    </Button>
                  </div>
                )}
              </Form.List>
            )}
            <Typography.Text type="secondary" data-testid={`rubric-item-preview-${index}`}>
              {t('r.f.preview')}
              {describeItem(item, locale)}
            </Typography.Text>
          </>
        );
      }}
    </Form.Item>
  );
}
