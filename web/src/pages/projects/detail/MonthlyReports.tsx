import { CameraOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Image,
  Input,
  InputNumber,
  Modal,
  Space,
  Table,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import { useRef, useState } from 'react';
import { projectKeys } from '../../../api-projects.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { formatDateTime } from '../../../i18n.ts';
import { detailApi, detailKeys, type MonthlyReport } from '../api-detail.ts';
import { formatWan } from '../common.tsx';
import { type DetailMessageKey, type DetailTranslate, useDetailI18n } from './strings.ts';

const STATE_COLOR = { draft: 'default', submitted: 'processing', approved: 'success', returned: 'warning' } as const;
const ym = (r: { year: number; month: number }) => `${r.year}-${String(r.month).padStart(2, '0')}`;

type FormMode =
  | { kind: 'new' }
  | { kind: 'edit'; report: MonthlyReport }
  | { kind: 'correct'; report: MonthlyReport }
  | { kind: 'return'; report: MonthlyReport };

function StateTag({ report, t }: { report: MonthlyReport; t: DetailTranslate }) {
  const s = report.investment.state;
  return (
    <Tag color={STATE_COLOR[s]} data-testid="report-state" data-state={s}>
      {t(`mr.state.${s}` as DetailMessageKey)}
    </Tag>
  );
}

function useInvalidate(projectId: number) {
  const qc = useQueryClient();
  return () => {
    qc.invalidateQueries({ queryKey: detailKeys.reports(projectId) });
    qc.invalidateQueries({ queryKey: projectKeys.detail(projectId) });
  };
}

/** New / edit / correct / send back: one dialog, the fields each step needs. */
function MonthForm({ projectId, mode, onClose }: { projectId: number; mode: FormMode; onClose: () => void }) {
  const { t } = useDetailI18n();
  const { message } = App.useApp();
  const invalidate = useInvalidate(projectId);
  const [form] = Form.useForm();
  const report = mode.kind === 'new' ? null : mode.report;
  const inv = report?.investment;
  const now = new Date();
  const mutation = useMutation({
    mutationFn: async (v: Record<string, unknown>) => {
      const figures = {
        planned: Number(v.planned ?? 0),
        completed: Number(v.completed ?? 0),
        progressText: (v.progressText as string | undefined)?.trim() || null,
      };
      if (mode.kind === 'new') {
        return detailApi.saveMonth(projectId, Number(v.year), Number(v.month), figures);
      }
      const r = mode.report.investment;
      if (mode.kind === 'edit')
        return detailApi.saveMonth(projectId, r.year, r.month, { ...figures, version: r.version });
      if (mode.kind === 'return') {
        return detailApi.returnMonth(projectId, r.year, r.month, r.version, String(v.reason ?? ''));
      }
      return detailApi.correctMonth(projectId, r.year, r.month, {
        ...figures,
        version: r.version,
        reason: String(v.reason ?? ''),
      });
    },
    onSuccess: () => {
      message.success(t('ap.saved'));
      invalidate();
      onClose();
    },
  });
  const title =
    mode.kind === 'new'
      ? t('mr.form.new')
      : mode.kind === 'edit'
        ? t('mr.form.edit', { ym: ym(mode.report.investment) })
        : mode.kind === 'return'
          ? t('mr.form.return', { ym: ym(mode.report.investment) })
          : t('mr.form.correct', { ym: ym(mode.report.investment), n: mode.report.reportVersion + 1 });
  const required = [{ required: true, message: t('mr.form.required') }];
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      okText={t('mr.form.ok')}
      cancelText={t('ap.cancel')}
      okButtonProps={{ 'data-testid': 'month-form-ok', loading: mutation.isPending } as never}
      onOk={() => form.submit()}
      destroyOnHidden
      width={560}
    >
      <Form
        form={form}
        layout="vertical"
        data-testid="month-form"
        initialValues={{
          year: now.getFullYear(),
          month: now.getMonth() + 1,
          planned: inv?.planned ?? 0,
          completed: inv?.completed ?? 0,
          progressText: inv?.progressText ?? '',
        }}
        onFinish={(v) => mutation.mutate(v)}
      >
        {mode.kind === 'new' && (
          <Space size={12}>
            <Form.Item name="year" label={t('mr.form.year')} rules={required}>
              <InputNumber min={2000} max={2100} data-testid="month-form-year" />
            </Form.Item>
            <Form.Item name="month" label={t('mr.form.month')} rules={required}>
              <InputNumber min={1} max={12} data-testid="month-form-month" />
            </Form.Item>
          </Space>
        )}
        {mode.kind !== 'return' && (
          <>
            <Space size={12}>
              <Form.Item name="planned" label={t('mr.form.planned')} rules={required}>
                <InputNumber min={0} style={{ width: 200 }} data-testid="month-form-planned" />
              </Form.Item>
              <Form.Item name="completed" label={t('mr.form.completed')} rules={required}>
                <InputNumber min={0} style={{ width: 200 }} data-testid="month-form-completed" />
              </Form.Item>
            </Space>
            <Form.Item name="progressText" label={t('mr.form.progress')}>
              <Input.TextArea rows={3} maxLength={2000} data-testid="month-form-progress" />
            </Form.Item>
          </>
        )}
        {(mode.kind === 'correct' || mode.kind === 'return') && (
          <Form.Item
            name="reason"
            label={mode.kind === 'correct' ? t('mr.form.reason') : t('mr.form.returnReason')}
            rules={[{ required: true, whitespace: true, message: t('mr.form.required') }]}
          >
            <Input.TextArea rows={2} maxLength={1000} data-testid="month-form-reason" />
          </Form.Item>
        )}
      </Form>
      {mode.kind === 'correct' && <Alert type="info" showIcon title={t('mr.frozen')} style={{ marginBottom: 8 }} />}
      {mutation.error && <ErrorAlert error={mutation.error} />}
    </Modal>
  );
}

function Versions({ report, t }: { report: MonthlyReport; t: DetailTranslate }) {
  const { locale } = useDetailI18n();
  if (!report.versions.length) return <Typography.Text type="secondary">{t('mr.noVersions')}</Typography.Text>;
  const latest = report.versions.at(-1)?.version;
  return (
    <Timeline
      data-testid="report-versions"
      items={[...report.versions].reverse().map((v) => ({
        key: v.version,
        color: v.version === latest ? 'green' : 'gray',
        content: (
          <div data-testid="report-version" data-version={v.version}>
            <Space wrap>
              <strong>{t('mr.version', { n: v.version })}</strong>
              {v.version === latest && report.investment.state === 'approved' && (
                <Tag color="green">{t('mr.current')}</Tag>
              )}
              <span>
                {t('mr.thisMonth')} {formatWan(locale, v.completed)} / {t('mr.planned')} {formatWan(locale, v.planned)}{' '}
                {locale === 'zh' ? '万元' : '(10k yuan)'}
              </span>
            </Space>
            <div style={{ color: '#555' }}>{v.progressText ?? ''}</div>
            <div style={{ color: '#888', fontSize: 12 }}>
              {v.reason ? t('mr.versionReason', { reason: v.reason }) : t('mr.firstApproval')}
              {v.implicit ? ` ${t('mr.implicit')}` : ''}
              {v.approvedBy ? ` · ${t('mr.versionBy', { who: v.approvedBy })}` : ''}
              {v.approvedAt ? ` · ${formatDateTime(v.approvedAt)}` : ''}
            </div>
          </div>
        ),
      }))}
    />
  );
}

function MonthPanel({
  projectId,
  report,
  onForm,
}: {
  projectId: number;
  report: MonthlyReport;
  onForm: (m: FormMode) => void;
}) {
  const { t, locale } = useDetailI18n();
  const { message } = App.useApp();
  const invalidate = useInvalidate(projectId);
  const fileInput = useRef<HTMLInputElement>(null);
  const inv = report.investment;
  const step = useMutation({
    mutationFn: (action: 'submit' | 'approve') =>
      action === 'submit'
        ? detailApi.submitMonth(projectId, inv.year, inv.month, inv.version)
        : detailApi.approveMonth(projectId, inv.year, inv.month, inv.version),
    onSuccess: () => {
      message.success(t('mr.done'));
      invalidate();
    },
  });
  const upload = useMutation({
    mutationFn: (file: File) => detailApi.uploadPhoto(projectId, inv.year, inv.month, file),
    onSuccess: () => {
      message.success(t('mr.uploaded'));
      invalidate();
    },
  });
  const remove = useMutation({
    mutationFn: (id: number) => detailApi.deletePhoto(id),
    onSuccess: invalidate,
  });
  const f = report.figures;
  const wan = (n: number) => `${formatWan(locale, n)} ${locale === 'zh' ? '万元' : '×10k yuan'}`;
  const open = inv.state !== 'approved';
  return (
    <div data-testid="month-panel" data-ym={ym(inv)}>
      <Space wrap style={{ marginBottom: 12 }}>
        <StateTag report={report} t={t} />
        {report.reportVersion > 0 && <Tag data-testid="report-version-tag">v{report.reportVersion}</Tag>}
        {open && (
          <Button size="small" data-testid="month-edit" onClick={() => onForm({ kind: 'edit', report })}>
            {t('mr.edit')}
          </Button>
        )}
        {(inv.state === 'draft' || inv.state === 'returned') && (
          <Button
            size="small"
            data-testid="month-submit"
            onClick={() => step.mutate('submit')}
            loading={step.isPending}
          >
            {t('mr.submit')}
          </Button>
        )}
        {open && (
          <Button
            size="small"
            type="primary"
            data-testid="month-approve"
            onClick={() => step.mutate('approve')}
            loading={step.isPending}
          >
            {t('mr.approve')}
          </Button>
        )}
        {inv.state === 'submitted' && (
          <Button size="small" danger data-testid="month-return" onClick={() => onForm({ kind: 'return', report })}>
            {t('mr.return')}
          </Button>
        )}
        {inv.state === 'approved' && (
          <Button size="small" data-testid="month-correct" onClick={() => onForm({ kind: 'correct', report })}>
            {t('mr.correct')}
          </Button>
        )}
      </Space>
      {step.error && <ErrorAlert error={step.error} />}
      {inv.state === 'approved' && (
        <Alert type="success" showIcon title={t('mr.frozen')} style={{ marginBottom: 12 }} />
      )}
      {report.pendingReason && (
        <Alert
          type="warning"
          showIcon
          data-testid="month-pending-reason"
          title={t('mr.pending', { reason: report.pendingReason })}
          style={{ marginBottom: 12 }}
        />
      )}
      <Descriptions size="small" column={2} bordered data-testid="month-figures">
        <Descriptions.Item label={t('mr.planned')}>{wan(inv.planned)}</Descriptions.Item>
        <Descriptions.Item label={t('mr.thisMonth')}>
          <span data-testid="figure-this-month">{wan(f.thisMonth)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('mr.ytd')}>
          <span data-testid="figure-ytd">{wan(f.yearToDate)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('mr.sinceStart')}>
          <span data-testid="figure-since-start">{wan(f.sinceStart)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('mr.plannedYear')} span={2}>
          {wan(f.plannedThisYear)}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 6 }} data-testid="month-provenance">
        {t('mr.provenance')}：{locale === 'zh' ? f.provenance.rule.split(' / ')[0] : f.provenance.rule.split(' / ')[1]}
        {f.provenance.unapprovedMonths.length > 0 && (
          <Tooltip title={f.provenance.unapprovedMonths.join(', ')}>
            <span>
              {' '}
              ·{' '}
              {t('mr.unapproved', {
                months:
                  f.provenance.unapprovedMonths.length > 4
                    ? `${f.provenance.unapprovedMonths.slice(0, 4).join('、')}…`
                    : f.provenance.unapprovedMonths.join('、'),
              })}
            </span>
          </Tooltip>
        )}
      </Typography.Paragraph>

      <Typography.Title level={5}>{t('mr.progress')}</Typography.Title>
      <Typography.Paragraph data-testid="month-progress">{inv.progressText || t('mr.noProgress')}</Typography.Paragraph>

      <Typography.Title level={5}>
        <Space>
          {t('mr.photos')}
          <Button
            size="small"
            icon={<CameraOutlined />}
            data-testid="photo-upload"
            onClick={() => fileInput.current?.click()}
            loading={upload.isPending}
          >
            {t('mr.upload')}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
            {t('mr.uploadHint')}
          </Typography.Text>
        </Space>
      </Typography.Title>
      <input
        ref={fileInput}
        type="file"
        accept="image/jpeg,image/png,image/webp"
        data-testid="photo-input"
        style={{ display: 'none' }}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) upload.mutate(file);
          e.target.value = '';
        }}
      />
      {upload.error && <ErrorAlert error={upload.error} />}
      {report.photos.length ? (
        <Image.PreviewGroup>
          <Space wrap size={12} data-testid="photo-list">
            {report.photos.map((p) => (
              <div key={p.id} data-testid="photo" style={{ width: 160 }}>
                <Image
                  src={p.url}
                  alt={p.caption ?? p.fileName}
                  width={160}
                  height={110}
                  style={{ objectFit: 'cover', borderRadius: 4 }}
                />
                <div
                  style={{
                    fontSize: 12,
                    color: '#666',
                    overflow: 'hidden',
                    textOverflow: 'ellipsis',
                    whiteSpace: 'nowrap',
                  }}
                >
                  {p.caption ?? p.fileName}
                </div>
                <div style={{ fontSize: 11, color: '#999' }}>
                  {formatDateTime(p.uploadedAt)}
                  {open && (
                    <Button
                      type="link"
                      size="small"
                      danger
                      onClick={() => remove.mutate(p.id)}
                      style={{ padding: '0 4px' }}
                    >
                      {t('mr.deletePhoto')}
                    </Button>
                  )}
                </div>
              </div>
            ))}
          </Space>
        </Image.PreviewGroup>
      ) : (
        <Empty description={t('mr.noPhotos')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      )}
      {remove.error && <ErrorAlert error={remove.error} />}

      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('mr.versions')}
      </Typography.Title>
      <Versions report={report} t={t} />
    </div>
  );
}

/** The monthly reports card: months newest first; a month opens in a drawer with its figures, photos and versions. */
export function MonthlyReports({ projectId }: { projectId: number }) {
  const { t, locale } = useDetailI18n();
  const [selected, setSelected] = useState<string | null>(null);
  const [form, setForm] = useState<FormMode | null>(null);
  const q = useQuery({ queryKey: detailKeys.reports(projectId), queryFn: () => detailApi.reports(projectId) });
  const items = q.data?.items ?? [];
  const current = selected ? items.find((r) => ym(r.investment) === selected) : undefined;
  return (
    <Card
      size="small"
      title={t('mr.title')}
      data-testid="report-card"
      style={{ marginBottom: 16 }}
      extra={
        <Button size="small" data-testid="month-new" onClick={() => setForm({ kind: 'new' })}>
          {t('mr.new')}
        </Button>
      }
    >
      {q.error && <ErrorAlert error={q.error} onRetry={() => q.refetch()} />}
      {q.data && items.length === 0 ? (
        <Empty description={t('mr.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Table<MonthlyReport>
          data-testid="report-table"
          size="small"
          rowKey={(r) => ym(r.investment)}
          loading={q.isLoading}
          dataSource={items}
          pagination={{ pageSize: 6, size: 'small', hideOnSinglePage: true }}
          onRow={(r) => ({ onClick: () => setSelected(ym(r.investment)), style: { cursor: 'pointer' } })}
          columns={[
            {
              title: t('mr.col.month'),
              key: 'ym',
              render: (_, r) => <span data-testid="report-ym">{ym(r.investment)}</span>,
            },
            { title: t('mr.col.state'), key: 'state', render: (_, r) => <StateTag report={r} t={t} /> },
            {
              title: t('mr.col.version'),
              key: 'version',
              render: (_, r) => (r.reportVersion > 0 ? `v${r.reportVersion}` : '—'),
            },
            {
              title: t('mr.col.thisMonth'),
              key: 'thisMonth',
              align: 'right',
              render: (_, r) => formatWan(locale, r.figures.thisMonth),
            },
            {
              title: t('mr.col.ytd'),
              key: 'ytd',
              align: 'right',
              render: (_, r) => formatWan(locale, r.figures.yearToDate),
            },
            {
              title: t('mr.col.sinceStart'),
              key: 'since',
              align: 'right',
              render: (_, r) => formatWan(locale, r.figures.sinceStart),
            },
            { title: t('mr.col.photos'), key: 'photos', align: 'right', render: (_, r) => r.photos.length || '—' },
            {
              title: '',
              key: 'open',
              render: (_, r) => (
                <Button
                  type="link"
                  size="small"
                  data-testid="report-open"
                  onClick={() => setSelected(ym(r.investment))}
                >
                  {t('mr.open')}
                </Button>
              ),
            },
          ]}
        />
      )}
      <Drawer
        open={current !== undefined}
        onClose={() => setSelected(null)}
        title={current ? t('mr.drawer', { ym: ym(current.investment) }) : ''}
        size="large"
        data-testid="month-drawer"
      >
        {current && <MonthPanel projectId={projectId} report={current} onForm={setForm} />}
      </Drawer>
      {form && <MonthForm projectId={projectId} mode={form} onClose={() => setForm(null)} />}
    </Card>
  );
}
