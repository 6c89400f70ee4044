import { useQueryClient } from '@tanstack/react-query';
import { Alert, type ButtonProps, Form, Input, InputNumber, Modal, Select, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import type {
  Cell,
  ClusterData,
  ColumnRole,
  CommitmentData,
  Id,
  IndicatorData,
  IndicatorTableData,
  PlanItem,
  PlanItemKind,
  ProjectData,
  ZoneData,
} from '../../api.ts';
import { ApiError, type api, queryKeys } from '../../api.ts';
import { type MessageKey, useI18n } from '../../i18n.ts';
import { cellTag, parseCell, starYear, useItemActions } from './common.tsx';

export interface EditTarget {
  kind: PlanItemKind;
  item?: PlanItem;
  preset?: Record<string, unknown>;
}

type Values = Record<string, unknown>;

export const VALUE_ROLES: ColumnRole[] = ['baseline', 'target', 'growth', 'actual', 'actualGrowth'];

const KIND_LABEL: Record<PlanItemKind, MessageKey> = {
  indicator_table: 'ind.box',
  indicator: 'review.tab.indicators',
  project: 'review.tab.projects',
  cluster: 'review.tab.clusters',
  zone: 'review.tab.zones',
  commitment: 'review.tab.commitments',
};

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const orNull = (v: unknown) => (str(v) === '' ? null : str(v));
const splitList = (s: string) =>
  s
    .split(/[、，,;；/]/)
    .map((x) => x.trim())
    .filter(Boolean);

function chainsToText(chains: ClusterData['chains']): string {
  return chains
    .map((c) => `${c.kind === 'spatial' ? '空间：' : ''}${c.segments.map((seg) => seg.join('、')).join('—')}`)
    .join('\n');
}

function textToChains(text: string, old: ClusterData['chains']): ClusterData['chains'] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line, i) => {
      const spatial = /^(空间|spatial)\s*[：:]/i.test(line);
      const body = line.replace(/^(空间|spatial)\s*[：:]\s*/i, '');
      const segments = body
        .split(/\s*(?:—+|-+|–|→|->)\s*/)
        .map((seg) => splitList(seg))
        .filter((seg) => seg.length > 0);
      const prev = old[i];
      const same = prev && JSON.stringify(prev.segments) === JSON.stringify(segments);
      return {
        ...(same ? prev : {}),
        kind: spatial ? ('spatial' as const) : ('value' as const),
        segments,
      };
    });
}

function industriesToText(list: ZoneData['industries']): string {
  return list.map((i) => `${i.industry}${i.leadFirms.length ? `：${i.leadFirms.join('、')}` : ''}`).join('\n');
}

function textToIndustries(text: string): ZoneData['industries'] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const [industry = '', firms = ''] = line.split(/[：:]/, 2);
      return { industry: industry.trim(), leadFirms: splitList(firms) };
    });
}

function toForm(kind: PlanItemKind, data: Values): Values {
  switch (kind) {
    case 'indicator': {
      const d = data as unknown as IndicatorData;
      const cells: Values = {};
      for (const r of VALUE_ROLES) cells[r] = d.cells?.[r]?.text ?? '';
      return { ...d, tagsText: (d.tags ?? []).join('、'), cells };
    }
    case 'project': {
      const d = data as unknown as ProjectData;
      return {
        ...d,
        capacityText: (d.capacity ?? []).map((c) => c.text).join('、'),
        alsoInText: (d.alsoIn ?? []).join('、'),
      };
    }
    case 'cluster':
      return { ...data, chainsText: chainsToText((data as unknown as ClusterData).chains ?? []) };
    case 'zone':
      return { ...data, industriesText: industriesToText((data as unknown as ZoneData).industries ?? []) };
    default:
      return data;
  }
}

function fromForm(kind: PlanItemKind, v: Values, base: Values, table: IndicatorTableData | undefined): Values {
  switch (kind) {
    case 'indicator': {
      const old = base as unknown as Partial<IndicatorData>;
      const cells: Partial<Record<ColumnRole, Cell>> = { ...(old.cells ?? {}) };
      const texts = (v.cells ?? {}) as Record<string, string | undefined>;
      const star = starYear(table?.notes ?? []);
      for (const r of VALUE_ROLES) {
        const text = texts[r];
        if (text === undefined) continue;
        const prev = old.cells?.[r];
        if (!prev && str(text) === '') continue;
        const year = table?.columns.find((c) => c.role === r)?.year ?? null;
        const cell = parseCell(text, prev, star);
        cells[r] = cell.kind === 'otherYear' ? cell : { ...cell, year: prev?.year ?? year };
      }
      return {
        ...base,
        box: str(v.box) || old.box,
        category: orNull(v.category),
        seq: orNull(v.seq),
        name: str(v.name),
        unit: orNull(v.unit),
        parent: orNull(v.parent),
        tags: splitList(str(v.tagsText)),
        attribute: (v.attribute as IndicatorData['attribute']) ?? null,
        nameParts: old.nameParts ?? [],
        cells,
      };
    }
    case 'project': {
      const old = base as unknown as Partial<ProjectData>;
      const capTexts = splitList(str(v.capacityText));
      const capacity = capTexts.map(
        (text) =>
          old.capacity?.find((c) => c.text === text) ?? {
            text,
            value: null,
            unit: '',
            perYear: /年/.test(text),
          },
      );
      return {
        ...base,
        box: str(v.box),
        boxTitle: str(v.boxTitle) || old.boxTitle || '',
        group: orNull(v.group),
        name: str(v.name),
        county: orNull(v.county),
        zone: orNull(v.zone),
        capacity,
        alsoIn: splitList(str(v.alsoInText)),
      };
    }
    case 'cluster': {
      const old = base as unknown as Partial<ClusterData>;
      return {
        ...base,
        name: str(v.name),
        listed: old.listed ?? false,
        chains: textToChains(str(v.chainsText), old.chains ?? []),
      };
    }
    case 'zone':
      return { ...base, name: str(v.name), box: orNull(v.box), industries: textToIndustries(str(v.industriesText)) };
    case 'commitment': {
      const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : null);
      return {
        ...base,
        subject: str(v.subject),
        valueText: str(v.valueText),
        value: num(v.value),
        valueMax: num(v.valueMax),
        unit: orNull(v.unit),
        comparator: (v.comparator as CommitmentData['comparator']) ?? '=',
        frequency: orNull(v.frequency),
        deadline: num(v.deadline),
      };
    }
    default:
      return { ...base, ...v };
  }
}

function labelOf(kind: PlanItemKind, data: Values): string {
  return str(kind === 'commitment' ? data.subject : data.name);
}

const EMPTY: Record<PlanItemKind, Values> = {
  indicator_table: {},
  indicator: {
    box: '专栏2',
    category: null,
    seq: null,
    name: '',
    unit: null,
    tags: [],
    parent: null,
    nameParts: [],
    cells: {},
    attribute: 'expected',
  },
  project: { box: '', boxTitle: '', group: null, name: '', county: null, zone: null, capacity: [], alsoIn: [] },
  cluster: { name: '', listed: false, chains: [] },
  zone: { name: '', box: null, industries: [] },
  commitment: {
    subject: '',
    value: null,
    valueMax: null,
    valueText: '',
    unit: null,
    comparator: '=',
    frequency: null,
    deadline: null,
  },
};

/** How Lantu will read what is typed into a cell: the same tag the table shows. */
function CellPreview({ role, star }: { role: ColumnRole; star: number | null }) {
  const { t } = useI18n();
  const text = Form.useWatch(['cells', role]) as string | undefined;
  if (text === undefined || text.trim() === '') return null;
  const tag = cellTag(t, parseCell(text, undefined, star));
  return tag ? (
    <Tag className="cell-tag" color={tag.color} data-testid={`preview-${role}`}>
      {tag.label}
    </Tag>
  ) : null;
}

const MULT: Record<string, number> = { 千: 1e3, 万: 1e4, 亿: 1e8, 万亿: 1e12 };

/** `80%以上`, `1.2万元以上`, `1—2万名`, `50% 左右`: value, range, unit and comparator of a commitment. */
export function parseCommitmentValue(text: string): Partial<CommitmentData> | null {
  const m =
    /^(约|超过|不少于|不低于|达到)?\s*(\d+(?:\.\d+)?)\s*(?:[—\-~～至]\s*(\d+(?:\.\d+)?))?\s*(万亿|亿|万|千)?\s*([^\d\s]*?)\s*(以上|以下|左右)?$/.exec(
      text.trim(),
    );
  if (!m) return null;
  const mult = MULT[m[4] ?? ''] ?? 1;
  const scale = (v: string | undefined) => (v === undefined ? null : Math.round(Number(v) * mult * 1e6) / 1e6);
  const pre = m[1] ?? '';
  const post = m[6] ?? '';
  const comparator: CommitmentData['comparator'] =
    post === '以上' || pre === '不少于' || pre === '不低于'
      ? '>='
      : pre === '超过'
        ? '>'
        : post === '以下'
          ? '<='
          : post === '左右' || pre === '约'
            ? 'approx'
            : '=';
  return { value: scale(m[2]), valueMax: scale(m[3]), unit: m[5] || null, comparator };
}

function IndicatorFields({ tables }: { tables: IndicatorTableData[] }) {
  const { t, locale } = useI18n();
  const box = Form.useWatch('box') as string | undefined;
  const table = tables.find((x) => x.box === box);
  const roles: ColumnRole[] = table
    ? VALUE_ROLES.filter((r) => table.columns.some((c) => c.role === r))
    : ['baseline', 'target', 'growth'];
  return (
    <>
      <div className="form-row">
        <Form.Item
          name="box"
          label={t('ind.box')}
          rules={[{ required: true, message: t('ind.noTable') }]}
          style={{ width: 160 }}
        >
          <Select options={tables.map((x) => ({ value: x.box, label: x.box }))} />
        </Form.Item>
        <Form.Item name="category" label={t('ind.category')} style={{ flex: 1 }}>
          <Input />
        </Form.Item>
        <Form.Item name="seq" label={t('ind.col.seq')} style={{ width: 90 }}>
          <Input />
        </Form.Item>
      </div>
      <Form.Item name="name" label={t('ind.col.name')} rules={[{ required: true, message: t('review.required') }]}>
        <Input data-testid="edit-name" />
      </Form.Item>
      <div className="form-row">
        <Form.Item name="parent" label={t('ind.parent')} style={{ flex: 1 }}>
          <Input />
        </Form.Item>
        <Form.Item name="unit" label={t('ind.col.unit')} style={{ width: 140 }}>
          <Input />
        </Form.Item>
        <Form.Item name="attribute" label={t('ind.col.attribute')} style={{ width: 140 }}>
          <Select
            options={[
              { value: 'expected', label: t('ind.attr.expected') },
              { value: 'binding', label: t('ind.attr.binding') },
            ]}
          />
        </Form.Item>
      </div>
      <div className="form-row">
        {roles.map((r) => {
          const col = table?.columns.find((c) => c.role === r);
          const label = locale === 'zh' && col ? col.header : t(`ind.col.${r}` as MessageKey);
          return (
            <Form.Item
              key={r}
              name={['cells', r]}
              label={label}
              style={{ flex: 1, minWidth: 120 }}
              extra={<CellPreview role={r} star={starYear(table?.notes ?? [])} />}
            >
              <Input data-testid={`edit-cell-${r}`} />
            </Form.Item>
          );
        })}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('ind.cellHint')}
      </Typography.Text>
    </>
  );
}

function Fields({ kind, tables }: { kind: PlanItemKind; tables: IndicatorTableData[] }) {
  const { t } = useI18n();
  const req = [{ required: true, message: t('review.required') }];
  switch (kind) {
    case 'indicator':
      return <IndicatorFields tables={tables} />;
    case 'project':
      return (
        <>
          <Form.Item name="name" label={t('proj.col.name')} rules={req}>
            <Input data-testid="edit-name" />
          </Form.Item>
          <div className="form-row">
            <Form.Item name="box" label={t('proj.box')} rules={req} style={{ width: 140 }}>
              <Input placeholder="专栏3" />
            </Form.Item>
            <Form.Item name="group" label={t('proj.group')} style={{ flex: 1 }}>
              <Input />
            </Form.Item>
          </div>
          <div className="form-row">
            <Form.Item name="county" label={t('proj.col.county')} style={{ flex: 1 }}>
              <Input />
            </Form.Item>
            <Form.Item name="zone" label={t('proj.col.zone')} style={{ flex: 1 }}>
              <Input />
            </Form.Item>
          </div>
          <div className="form-row">
            <Form.Item name="capacityText" label={t('proj.col.capacity')} style={{ flex: 1 }}>
              <Input placeholder="年产 200台、20万吨" />
            </Form.Item>
            <Form.Item name="alsoInText" label={t('proj.col.alsoIn')} style={{ flex: 1 }}>
              <Input placeholder="专栏15" />
            </Form.Item>
          </div>
        </>
      );
    case 'cluster':
      return (
        <>
          <Form.Item name="name" label={t('cluster.name')} rules={req}>
            <Input data-testid="edit-name" />
          </Form.Item>
          <Form.Item name="chainsText" label={t('cluster.chains')} extra={t('cluster.chainsHint')}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
          </Form.Item>
        </>
      );
    case 'zone':
      return (
        <>
          <Form.Item name="name" label={t('zone.col.name')} rules={req}>
            <Input data-testid="edit-name" />
          </Form.Item>
          <Form.Item name="industriesText" label={t('zone.col.industries')} extra={t('zone.industriesHint')}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
          </Form.Item>
        </>
      );
    case 'commitment':
      return (
        <>
          <Form.Item name="subject" label={t('commit.col.subject')} rules={req}>
            <Input data-testid="edit-name" />
          </Form.Item>
          <div className="form-row">
            <Form.Item name="valueText" label={t('commit.valueText')} style={{ flex: 1 }}>
              <Input data-testid="edit-valueText" placeholder="80%以上" />
            </Form.Item>
            <Form.Item name="comparator" label={t('commit.comparator')} style={{ width: 130 }}>
              <Select
                options={(['=', '>', '>=', '<', '<=', 'approx'] as const).map((c) => ({
                  value: c,
                  label: t(`commit.cmp.${c}` as MessageKey),
                }))}
              />
            </Form.Item>
          </div>
          <div className="form-row">
            <Form.Item name="value" label={t('commit.value')} style={{ flex: 1 }}>
              <InputNumber style={{ width: '100%' }} data-testid="edit-value" />
            </Form.Item>
            <Form.Item name="valueMax" label={t('commit.valueMax')} style={{ flex: 1 }}>
              <InputNumber style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="unit" label={t('commit.unit')} style={{ width: 110 }}>
              <Input data-testid="edit-unit" />
            </Form.Item>
          </div>
          <div className="form-row">
            <Form.Item name="frequency" label={t('commit.frequencyLabel')} style={{ flex: 1 }}>
              <Select
                allowClear
                options={[
                  { value: 'annual', label: t('commit.freq.annual') },
                  { value: 'per:县（市、区）', label: t('commit.freq.per', { unit: '县（市、区）' }) },
                ]}
                placeholder={t('commit.freq.none')}
              />
            </Form.Item>
            <Form.Item name="deadline" label={t('commit.deadlineLabel')} style={{ flex: 1 }}>
              <InputNumber style={{ width: '100%' }} min={2000} max={2100} data-testid="edit-deadline" />
            </Form.Item>
          </div>
        </>
      );
    default:
      return null;
  }
}

/** 更正 (an existing item) or 添加 (a new one): the main fields of the kind; sends the full corrected object. */
export function EditDialog({
  planId,
  target,
  onClose,
}: {
  planId: Id;
  target: EditTarget | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const { correct, add } = useItemActions(planId);
  const kind = target?.kind ?? 'indicator';
  const base: Values = target?.item ? target.item.data : { ...EMPTY[kind], ...target?.preset };
  const tablesResp = qc.getQueryData<Awaited<ReturnType<typeof api.items>>>(queryKeys.items(planId, 'indicator_table'));
  const tables = (tablesResp?.items ?? []).map((x) => x.data as unknown as IndicatorTableData);

  useEffect(() => {
    if (target) {
      form.resetFields();
      form.setFieldsValue(
        toForm(target.kind, target.item ? target.item.data : { ...EMPTY[target.kind], ...target.preset }),
      );
    }
  }, [target, form]);

  const pending = correct.isPending || add.isPending;
  const submit = async () => {
    if (!target) return;
    const values = (await form.validateFields()) as Values;
    const table = tables.find((x) => x.box === (values.box ?? base.box));
    const data = fromForm(kind, values, base, table);
    if (target.item) {
      correct.mutate(
        { item: target.item, data },
        { onSuccess: onClose, onError: (e) => e instanceof ApiError && e.code === 'STALE_VERSION' && onClose() },
      );
    } else {
      add.mutate({ kind, label: labelOf(kind, data), data }, { onSuccess: onClose });
    }
  };

  return (
    <Modal
      open={target !== null}
      onCancel={onClose}
      onOk={submit}
      okText={t('review.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: pending, 'data-testid': 'edit-save' } as ButtonProps}
      width={720}
      title={
        target?.item
          ? t('review.correctTitle', { label: target.item.label })
          : t('review.addTitle', { kind: t(KIND_LABEL[kind]) })
      }
      destroyOnHidden
      forceRender
      className="edit-dialog"
    >
      {target?.item?.state === 'corrected' && target.item.extracted && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${t('review.originalValue')}：${labelOf(kind, target.item.extracted)}`}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        data-testid="edit-form"
        onValuesChange={(changed: Values) => {
          // a commitment's figure as written fills in its reading; the reviewer can still adjust it
          if (kind === 'commitment' && typeof changed.valueText === 'string') {
            const parsed = parseCommitmentValue(changed.valueText);
            if (parsed) form.setFieldsValue(parsed);
          }
        }}
      >
        <Fields kind={kind} tables={tables} />
      </Form>
    </Modal>
  );
}
