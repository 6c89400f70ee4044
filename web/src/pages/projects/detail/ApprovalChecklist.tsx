import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import {
  APPROVAL_KINDS,
  APPROVAL_STATUSES,
  type Approval,
  type ApprovalFields,
  type ApprovalKind,
  type ApprovalStatus,
  detailApi,
  detailKeys,
} from '../api-detail.ts';
import { pickText } from '../common.tsx';
import { useDetailI18n } from './strings.ts';

/** Status colours: done green, in progress blue, blocked red, not started grey, not needed plain. */
export const STATUS_COLOR: Record<ApprovalStatus, string> = {
  not_started: 'default',
  in_progress: 'processing',
  done: 'success',
  blocked: 'error',
  not_needed: '',
};

const KIND_NAMES: Record<ApprovalKind, { zh: string; en: string }> = {
  land: { zh: '用地', en: 'Land' },
  energy: { zh: '能耗', en: 'Energy' },
  environment: { zh: '环境容量', en: 'Environment' },
  funding: { zh: '资金', en: 'Funding' },
  planning: { zh: '规划', en: 'Planning' },
  construction_permit: { zh: '施工许可', en: 'Construction permit' },
  other: { zh: '其他', en: 'Other' },
};
const STATUS_NAMES: Record<ApprovalStatus, { zh: string; en: string }> = {
  not_started: { zh: '未启动', en: 'Not started' },
  in_progress: { zh: '办理中', en: 'In progress' },
  done: { zh: '已办结', en: 'Done' },
  blocked: { zh: '受阻', en: 'Blocked' },
  not_needed: { zh: '无需办理', en: 'Not needed' },
};

type FormValues = {
  kind: ApprovalKind;
  title: string;
  status: ApprovalStatus;
  permitNo?: string;
  department?: string;
  dueOn?: string;
  doneOn?: string;
  quantity?: number | null;
  quantityUnit?: string;
  note?: string;
};

const orNull = (v: string | undefined) => (v?.trim() ? v.trim() : null);

function ApprovalDialog({
  projectId,
  item,
  onClose,
}: {
  projectId: number;
  /** The item to edit; null to add one. */
  item: Approval | null;
  onClose: () => void;
}) {
  const { t, locale } = useDetailI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const status = Form.useWatch('status', form);
  const kind = Form.useWatch('kind', form);
  const mutation = useMutation({
    mutationFn: (v: FormValues) => {
      const fields: ApprovalFields = {
        status: v.status,
        permitNo: orNull(v.permitNo),
        department: orNull(v.department),
        dueOn: orNull(v.dueOn),
        doneOn: orNull(v.doneOn),
        quantity: v.quantity ?? null,
        quantityUnit: orNull(v.quantityUnit),
        note: orNull(v.note),
      };
      return item
        ? detailApi.updateApproval(item.id, item.version, { ...fields, title: v.title })
        : detailApi.createApproval(projectId, { ...fields, kind: v.kind, title: v.title });
    },
    onSuccess: () => {
      message.success(t('ap.saved'));
      qc.invalidateQueries({ queryKey: detailKeys.approvals(projectId) });
      onClose();
    },
  });
  const permitKind = kind ? !['funding', 'other'].includes(kind) : false;
  return (
    <Modal
      open
      title={item ? t('ap.dialog.edit', { title: item.title }) : t('ap.dialog.add')}
      onCancel={onClose}
      okText={t('ap.save')}
      cancelText={t('ap.cancel')}
      okButtonProps={{ 'data-testid': 'approval-save', loading: mutation.isPending } as never}
      onOk={() => form.submit()}
      destroyOnHidden
      width={680}
    >
      <Form
        form={form}
        layout="vertical"
        data-testid="approval-form"
        initialValues={{
          kind: item?.kind ?? 'other',
          title: item?.title ?? '',
          status: item?.status ?? 'not_started',
          permitNo: item?.permitNo ?? '',
          department: item?.department ?? '',
          dueOn: item?.dueOn ?? '',
          doneOn: item?.doneOn ?? '',
          quantity: item?.quantity ?? null,
          quantityUnit: item?.quantityUnit ?? '',
          note: item?.note ?? '',
        }}
        onFinish={(v) => mutation.mutate(v)}
      >
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="kind" label={t('ap.field.kind')} style={{ width: 180 }}>
            <Select
              disabled={item !== null}
              options={APPROVAL_KINDS.map((k) => ({ value: k, label: pickText(locale, KIND_NAMES[k]) }))}
            />
          </Form.Item>
          <Form.Item
            name="title"
            label={t('ap.field.title')}
            style={{ flex: 1 }}
            rules={[{ required: true, message: t('mr.form.required') }]}
          >
            <Input data-testid="approval-title" maxLength={200} />
          </Form.Item>
        </div>
        <Form.Item name="status" label={t('ap.field.status')}>
          <Select
            data-testid="approval-status"
            options={APPROVAL_STATUSES.map((s) => ({ value: s, label: pickText(locale, STATUS_NAMES[s]) }))}
          />
        </Form.Item>
        <Form.Item
          name="permitNo"
          label={t('ap.field.permitNo')}
          extra={permitKind ? t('ap.field.permitNoHint') : undefined}
          required={permitKind && status === 'done'}
        >
          <Input data-testid="approval-permit" maxLength={100} />
        </Form.Item>
        <Form.Item name="department" label={t('ap.field.department')}>
          <Input data-testid="approval-department" maxLength={200} />
        </Form.Item>
        <Space size={12} style={{ display: 'flex' }}>
          <Form.Item name="dueOn" label={t('ap.field.dueOn')}>
            <Input type="date" data-testid="approval-due" />
          </Form.Item>
          <Form.Item name="doneOn" label={t('ap.field.doneOn')} required={status === 'done'}>
            <Input type="date" data-testid="approval-done-on" />
          </Form.Item>
          <Form.Item name="quantity" label={t('ap.field.quantity')}>
            <InputNumber min={0} style={{ width: 130 }} />
          </Form.Item>
          <Form.Item name="quantityUnit" label={t('ap.field.quantityUnit')}>
            <Input style={{ width: 100 }} maxLength={20} />
          </Form.Item>
        </Space>
        <Form.Item name="note" label={t('ap.field.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
      {mutation.error && <ErrorAlert error={mutation.error} />}
    </Modal>
  );
}

/** The checklist card: status tags, permit numbers, departments; overdue and blocked rows highlighted. */
export function ApprovalChecklist({ projectId }: { projectId: number }) {
  const { t, locale } = useDetailI18n();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<Approval | null | 'new'>(null);
  const q = useQuery({ queryKey: detailKeys.approvals(projectId), queryFn: () => detailApi.approvals(projectId) });
  const defaults = useMutation({
    mutationFn: () => detailApi.addDefaults(projectId),
    onSuccess: () => qc.invalidateQueries({ queryKey: detailKeys.approvals(projectId) }),
  });
  const items = q.data?.items ?? [];
  const blocked = items.filter((i) => i.alert.blocked).length;
  const overdue = items.filter((i) => i.alert.overdue).length;
  const done = items.filter((i) => i.status === 'done' || i.status === 'not_needed').length;

  return (
    <Card
      size="small"
      data-testid="approval-card"
      style={{ marginBottom: 16 }}
      title={
        <Space wrap>
          <span>{t('ap.title')}</span>
          {items.length > 0 && <Tag>{t('ap.doneCount', { n: done, total: items.length })}</Tag>}
          {blocked > 0 && <Tag color="red">{t('ap.blockedCount', { n: blocked })}</Tag>}
          {overdue > 0 && <Tag color="volcano">{t('ap.overdueCount', { n: overdue })}</Tag>}
        </Space>
      }
      extra={
        <Button size="small" data-testid="approval-add" onClick={() => setEditing('new')}>
          {t('ap.add')}
        </Button>
      }
    >
      {q.error && <ErrorAlert error={q.error} onRetry={() => q.refetch()} />}
      {defaults.error && <ErrorAlert error={defaults.error} />}
      {q.data && items.length === 0 ? (
        <Empty description={t('ap.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE}>
          <Button type="primary" loading={defaults.isPending} onClick={() => defaults.mutate()}>
            {t('ap.defaults')}
          </Button>
        </Empty>
      ) : (
        <Table<Approval>
          data-testid="approval-table"
          size="small"
          rowKey="id"
          loading={q.isLoading}
          pagination={false}
          dataSource={items}
          rowClassName={(r) => (r.alert.blocked || r.alert.overdue ? 'approval-alert' : '')}
          onRow={(r) =>
            ({
              'data-approval-kind': r.kind,
              'data-status': r.status,
              ...(r.alert.overdue ? { 'data-overdue': 'true' } : {}),
              style: r.alert.blocked || r.alert.overdue ? { background: '#fff1f0' } : undefined,
            }) as HTMLAttributes<HTMLElement>
          }
          columns={[
            {
              title: t('ap.col.item'),
              key: 'title',
              render: (_, r) => (
                <div>
                  <div>{r.title}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {pickText(locale, r.kindLabel)}
                    {r.note ? ` · ${r.note}` : ''}
                  </Typography.Text>
                </div>
              ),
            },
            {
              title: t('ap.col.status'),
              key: 'status',
              width: 110,
              render: (_, r) => (
                <Tag color={STATUS_COLOR[r.status]} data-testid="approval-status-tag">
                  {pickText(locale, r.statusLabel)}
                </Tag>
              ),
            },
            {
              title: t('ap.col.permitNo'),
              key: 'permitNo',
              render: (_, r) => <span data-testid="approval-permit-no">{r.permitNo ?? '—'}</span>,
            },
            { title: t('ap.col.department'), key: 'department', render: (_, r) => r.department ?? '—' },
            {
              title: t('ap.col.due'),
              key: 'due',
              width: 130,
              render: (_, r) => (
                <div>
                  <div>{r.dueOn ?? '—'}</div>
                  {r.alert.overdue && (
                    <Tag color="red" data-testid="approval-overdue" title={pickText(locale, r.alert)}>
                      {t('ap.overdue', { n: r.alert.daysOverdue })}
                    </Tag>
                  )}
                </div>
              ),
            },
            { title: t('ap.col.done'), key: 'done', width: 110, render: (_, r) => r.doneOn ?? '—' },
            {
              title: t('ap.col.quantity'),
              key: 'quantity',
              width: 110,
              render: (_, r) =>
                r.quantity === null
                  ? '—'
                  : `${r.quantity.toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-US')} ${r.quantityUnit ?? ''}`,
            },
            {
              title: t('ap.col.action'),
              key: 'action',
              width: 70,
              render: (_, r) => (
                <Button type="link" size="small" data-testid="approval-edit" onClick={() => setEditing(r)}>
                  {t('ap.edit')}
                </Button>
              ),
            },
          ]}
        />
      )}
      {editing !== null && (
        <ApprovalDialog
          projectId={projectId}
          item={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Card>
  );
}
