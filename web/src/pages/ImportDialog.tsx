import { InboxOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Result,
  Select,
  Space,
  Table,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, type DocumentView, type PlanView, queryKeys, type Region, type Repair } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { formatBytes, formatNumber, repairLabel, useI18n } from '../i18n.ts';

const ACCEPT = '.txt,.text,.docx,.pdf,.html,.htm';
const DEFAULT_REGION = '140800';

interface FormValues {
  files: UploadFile[];
  regionCode: string;
  periodStart: number;
  periodEnd: number;
  title?: string;
}

function useRegionOptions() {
  const { t } = useI18n();
  const regions = useQuery({
    queryKey: queryKeys.regions,
    queryFn: async () => {
      const [cities, counties] = await Promise.all([api.regions({ level: 'city' }), api.regions({ level: 'county' })]);
      return { cities, counties };
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
  const options = useMemo(() => {
    if (!regions.data) return [];
    const { cities, counties } = regions.data;
    const byCode = (a: Region, b: Region) => a.code.localeCompare(b.code);
    return [
      {
        label: t('import.cities'),
        title: t('import.cities'),
        options: [...cities].sort(byCode).map((c) => ({ value: c.code, label: c.name })),
      },
      ...[...cities].sort(byCode).map((city) => ({
        label: t('import.countiesOf', { city: city.name }),
        title: city.name,
        options: counties
          .filter((c) => c.parentCode === city.code)
          .sort(byCode)
          .map((c) => ({ value: c.code, label: c.name })),
      })),
    ].filter((g) => g.options.length > 0);
  }, [regions.data, t]);
  return { options, loading: regions.isLoading, error: regions.error };
}

function ImportReport({ plan, document }: { plan: PlanView; document: DocumentView }) {
  const { t, locale } = useI18n();
  return (
    <div data-testid="import-report">
      <Result
        status="success"
        title={t('import.success')}
        subTitle={t('import.successDetail', { title: plan.title, n: plan.chapterCount })}
        style={{ padding: '8px 0 16px' }}
      />
      <Typography.Title level={5}>{t('import.report')}</Typography.Title>
      <Descriptions
        size="small"
        bordered
        column={2}
        items={[
          { key: 'file', label: t('import.report.file'), children: document.fileName, span: 2 },
          { key: 'format', label: t('import.report.format'), children: document.format.toUpperCase() },
          {
            key: 'encoding',
            label: t('import.report.encoding'),
            children: (
              <Space size={6}>
                <span data-testid="report-encoding">{document.encoding.toUpperCase()}</span>
                {document.format === 'txt' && (
                  <Typography.Text type="secondary">
                    {t('import.report.confidence')} {Math.round(document.encodingConfidence * 100)}%
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          { key: 'chars', label: t('import.report.chars'), children: formatNumber(locale, document.chars) },
          { key: 'size', label: t('import.report.size'), children: formatBytes(document.byteSize) },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('import.report.repairs')}
      </Typography.Title>
      {document.repairs.length === 0 ? (
        <Typography.Text type="secondary" data-testid="report-no-repairs">
          {t('import.report.noRepairs')}
        </Typography.Text>
      ) : (
        <Table<Repair>
          size="small"
          rowKey="kind"
          pagination={false}
          dataSource={document.repairs}
          columns={[
            { key: 'kind', title: t('import.report.kind'), width: 160, render: (_, r) => repairLabel(t, r.kind) },
            {
              key: 'count',
              title: t('import.report.count'),
              width: 80,
              align: 'right',
              render: (_, r) => formatNumber(locale, r.count),
            },
            {
              key: 'examples',
              title: t('import.report.examples'),
              render: (_, r) =>
                r.examples.length === 0 ? (
                  '—'
                ) : (
                  <ul className="report-examples">
                    {r.examples.slice(0, 3).map((ex) => (
                      <li key={ex}>{ex}</li>
                    ))}
                  </ul>
                ),
            },
          ]}
        />
      )}
    </div>
  );
}

export function ImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<FormValues>();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const regions = useRegionOptions();

  const mutation = useMutation({
    mutationFn: (values: FormValues) => {
      const file = values.files[0]?.originFileObj;
      if (!file) throw new Error('no file');
      return api.importPlan({
        file,
        regionCode: values.regionCode,
        periodStart: values.periodStart,
        periodEnd: values.periodEnd,
        title: values.title,
      });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.plans }),
  });
  const [formKey, setFormKey] = useState(0);

  const reset = () => {
    mutation.reset();
    form.resetFields();
    setFormKey((k) => k + 1);
  };
  const close = () => {
    if (mutation.isPending) return;
    reset();
    onClose();
  };

  const result = mutation.data;
  const footer = result
    ? [
        <Button key="another" onClick={reset}>
          {t('import.another')}
        </Button>,
        <Button key="done" onClick={close} data-testid="import-done">
          {t('import.done')}
        </Button>,
        <Button
          key="open"
          type="primary"
          onClick={() => {
            const id = result.plan.id;
            close();
            navigate(`/plans/${encodeURIComponent(id)}`);
          }}
        >
          {t('import.open')}
        </Button>,
      ]
    : [
        <Button key="cancel" onClick={close} disabled={mutation.isPending}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="submit"
          type="primary"
          loading={mutation.isPending}
          onClick={() => form.submit()}
          data-testid="import-submit"
        >
          {mutation.isPending ? t('import.submitting') : t('import.submit')}
        </Button>,
      ];

  return (
    <Modal
      open={open}
      title={t('import.title')}
      onCancel={close}
      footer={footer}
      width={680}
      className="import-dialog"
      destroyOnHidden
      mask={{ closable: !mutation.isPending }}
    >
      {result ? (
        <ImportReport plan={result.plan} document={result.document} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('import.intro')}</Typography.Paragraph>
          {mutation.error && (
            <div style={{ marginBottom: 16 }}>
              <ErrorAlert error={mutation.error} title={t('import.failed')} />
            </div>
          )}
          <Form<FormValues>
            key={formKey}
            form={form}
            layout="vertical"
            requiredMark
            initialValues={{ regionCode: DEFAULT_REGION, periodStart: 2021, periodEnd: 2025, files: [] }}
            onFinish={(values) => mutation.mutate(values)}
            onValuesChange={() => {
              if (mutation.error) mutation.reset();
            }}
          >
            <Form.Item
              name="files"
              label={t('import.file')}
              valuePropName="fileList"
              getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
              rules={[{ required: true, type: 'array', min: 1, message: t('import.fileRequired') }]}
            >
              <Upload.Dragger accept={ACCEPT} maxCount={1} beforeUpload={() => false} data-testid="import-file">
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p className="ant-upload-text">{t('import.fileSelect')}</p>
                <p className="ant-upload-hint">{t('import.fileHint')}</p>
              </Upload.Dragger>
            </Form.Item>
            <Form.Item
              name="regionCode"
              label={t('import.region')}
              rules={[{ required: true, message: t('import.regionRequired') }]}
            >
              <Select
                data-testid="import-region"
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('import.regionPlaceholder')}
                options={regions.options}
                loading={regions.loading}
                status={regions.error ? 'error' : undefined}
              />
            </Form.Item>
            <Form.Item label={t('import.period')} required style={{ marginBottom: 0 }}>
              <Space align="start">
                <Form.Item name="periodStart" rules={[{ required: true, message: t('import.periodRequired') }]}>
                  <InputNumber
                    min={1949}
                    max={2100}
                    precision={0}
                    controls={false}
                    placeholder={t('import.periodStart')}
                    aria-label={t('import.periodStart')}
                    suffix={t('import.yearSuffix') || undefined}
                    data-testid="import-period-start"
                    style={{ width: 150 }}
                  />
                </Form.Item>
                <span style={{ lineHeight: '32px' }}>—</span>
                <Form.Item
                  name="periodEnd"
                  dependencies={['periodStart']}
                  rules={[
                    { required: true, message: t('import.periodRequired') },
                    ({ getFieldValue }) => ({
                      validator: (_, value: number | null) =>
                        value == null || value >= Number(getFieldValue('periodStart'))
                          ? Promise.resolve()
                          : Promise.reject(new Error(t('import.periodOrder'))),
                    }),
                  ]}
                >
                  <InputNumber
                    min={1949}
                    max={2100}
                    precision={0}
                    controls={false}
                    placeholder={t('import.periodEnd')}
                    aria-label={t('import.periodEnd')}
                    suffix={t('import.yearSuffix') || undefined}
                    data-testid="import-period-end"
                    style={{ width: 150 }}
                  />
                </Form.Item>
              </Space>
            </Form.Item>
            <Form.Item name="title" label={t('import.titleLabel')}>
              <Input placeholder={t('import.titlePlaceholder')} maxLength={200} data-testid="import-title" />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
