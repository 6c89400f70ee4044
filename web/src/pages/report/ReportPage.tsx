import { DownOutlined, FileExcelOutlined, FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Breadcrumb,
  Button,
  Select,
  Skeleton,
  Space,
  Spin,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api, queryKeys, toApiError } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n.ts';
import { type AnnualReport, countFills, type ReportFormat, reportApi, saveBlob } from './model.ts';
import { ReportDocument } from './ReportDocument.tsx';
import { type ReportMessageKey, useReportI18n } from './strings.ts';
import './report.css';

const DEFAULT_YEAR = 2024;

const FORMATS: { fmt: ReportFormat; label: ReportMessageKey; hint: ReportMessageKey; icon: ReactNode }[] = [
  { fmt: 'docx', label: 'download.docx', hint: 'download.docxHint', icon: <FileWordOutlined /> },
  { fmt: 'pdf', label: 'download.pdf', hint: 'download.pdfHint', icon: <FilePdfOutlined /> },
  { fmt: 'xlsx', label: 'download.xlsx', hint: 'download.xlsxHint', icon: <FileExcelOutlined /> },
];

const GOOD = ['achieved_early', 'achieved', 'ahead', 'on_track'];

/** `/plans/:id/report?year=2024&region=140802`: the annual monitoring report of a plan, read and downloaded. */
export function ReportPage() {
  const { id = '' } = useParams();
  const { t, locale } = useReportI18n();
  const app = useI18n();
  const [params, setParams] = useSearchParams();
  const plan = useQuery({ queryKey: queryKeys.plan(id), queryFn: () => api.plan(id) });
  const p = plan.data;
  const counties = useQuery({
    queryKey: [...queryKeys.regions, 'children', p?.region.code ?? ''],
    queryFn: () => api.regions({ parent: p?.region.code as string }),
    enabled: !!p,
    staleTime: Number.POSITIVE_INFINITY,
  });

  const years = useMemo(() => {
    const out: number[] = [];
    if (p) for (let y = p.periodStart; y <= p.periodEnd; y++) out.push(y);
    return out;
  }, [p]);
  const asked = Number.parseInt(params.get('year') ?? '', 10);
  const year =
    p === undefined
      ? undefined
      : years.includes(asked)
        ? asked
        : years.includes(DEFAULT_YEAR)
          ? DEFAULT_YEAR
          : Math.min(p.periodEnd, Math.max(p.periodStart, new Date().getFullYear() - 1));
  const region = params.get('region') ?? p?.region.code;
  /** The plan's own region is the default: the API is asked without `region`. */
  const regionParam = region && p && region !== p.region.code ? region : undefined;

  const set = useCallback(
    (key: string, value: string) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.set(key, value);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const report = useQuery({
    queryKey: ['plans', id, 'report', year ?? 0, regionParam ?? ''],
    queryFn: () => reportApi.annual(id, year as number, regionParam),
    enabled: year !== undefined,
    placeholderData: (prev) => prev,
  });

  if (plan.error) return <ErrorAlert error={plan.error} />;
  if (!p || year === undefined) return <Skeleton active paragraph={{ rows: 12 }} />;

  const regionOptions = [
    { value: p.region.code, label: p.region.name },
    ...((counties.data ?? []).length > 0
      ? [
          {
            label: t('countiesOf'),
            title: t('countiesOf'),
            options: (counties.data ?? []).map((r) => ({ value: r.code, label: r.name })),
          },
        ]
      : []),
  ];

  return (
    <div data-testid="report-page">
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[
          { title: <Link to="/">{app.t('nav.plans')}</Link> },
          { title: <Link to={`/plans/${encodeURIComponent(p.id)}`}>{p.title}</Link> },
          { title: t('title') },
        ]}
      />
      <div className="report-head-row">
        <div>
          <Space size={10} align="center" wrap>
            <Typography.Title level={2} style={{ fontSize: 22, margin: 0 }} data-testid="report-page-title">
              {t('title')}
            </Typography.Title>
            {p.isDemo && (
              <Tooltip title={t('demoHint')}>
                <Tag color="purple">{t('demo')}</Tag>
              </Tooltip>
            )}
          </Space>
          <div style={{ marginTop: 4 }}>
            <Typography.Text type="secondary">{t('subtitle')}</Typography.Text>
          </div>
        </div>
      </div>

      <div className="report-toolbar report-controls">
        <Space size={16} wrap>
          <span className="report-field">
            <span className="report-field-label">{t('year')}</span>
            <Select
              data-testid="report-year"
              style={{ width: 110 }}
              value={year}
              onChange={(v) => set('year', String(v))}
              options={years.map((y) => ({ value: y, label: t('yearOption', { year: y }) }))}
            />
          </span>
          <span className="report-field">
            <span className="report-field-label">{t('region')}</span>
            <Select
              data-testid="report-region"
              style={{ width: 170 }}
              value={region}
              loading={counties.isLoading}
              showSearch={{ optionFilterProp: 'label' }}
              onChange={(v) => set('region', v)}
              options={regionOptions}
            />
          </span>
        </Space>
        <DownloadButtons planId={id} year={year} region={regionParam} disabled={!report.data} />
      </div>

      {locale === 'en' && (
        <Alert
          type="info"
          showIcon
          data-testid="report-language-note"
          style={{ marginBottom: 12 }}
          title={t('contentNote')}
        />
      )}

      {report.error ? (
        <ErrorAlert error={report.error} onRetry={() => report.refetch()} />
      ) : !report.data ? (
        <Skeleton active paragraph={{ rows: 16 }} />
      ) : (
        <Spin spinning={report.isFetching} delay={200}>
          <div className="report-layout">
            <div className="report-column">
              <Summary report={report.data} />
              <ReportDocument report={report.data} />
            </div>
          </div>
        </Spin>
      )}
    </div>
  );
}

function Summary({ report }: { report: AnnualReport }) {
  const { t } = useReportI18n();
  const fills = countFills(report.blocks);
  const [at, setAt] = useState(-1);
  // a new report (year or region) starts again from its first place to fill in
  // biome-ignore lint/correctness/useExhaustiveDependencies: the effect runs because a new report arrived, not because it reads it
  useEffect(() => {
    setAt(-1);
    for (const m of document.querySelectorAll('.report-fill-current')) m.classList.remove('report-fill-current');
  }, [report]);
  const good = report.counts.filter((c) => GOOD.includes(c.status)).reduce((a, c) => a + c.count, 0);
  const next = () => {
    const marks = Array.from(document.querySelectorAll<HTMLElement>('[data-testid=report-fill]'));
    if (marks.length === 0) return;
    const k = (at + 1) % marks.length;
    for (const m of marks) m.classList.remove('report-fill-current');
    marks[k]?.classList.add('report-fill-current');
    marks[k]?.scrollIntoView({ behavior: 'smooth', block: 'center' });
    setAt(k);
  };
  return (
    <div className="report-summary report-controls" data-testid="report-summary">
      <Tag>{t('total', { n: report.total })}</Tag>
      <Tag color="green">{t('good', { n: good })}</Tag>
      <Tag color={report.behind.length > 0 ? 'orange' : 'default'}>{t('behind', { n: report.behind.length })}</Tag>
      <Tooltip title={t('fills.hint')}>
        <span>
          <Tag color="gold" data-testid="report-fill-count">
            {t('fills', { n: fills })}
          </Tag>
        </span>
      </Tooltip>
      {fills > 0 && (
        <Button size="small" icon={<DownOutlined />} onClick={next} data-testid="report-fill-next">
          {t('fills.next')}
        </Button>
      )}
    </div>
  );
}

function DownloadButtons({
  planId,
  year,
  region,
  disabled,
}: {
  planId: string;
  year: number;
  region: string | undefined;
  disabled: boolean;
}) {
  const { t, locale } = useReportI18n();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState<ReportFormat | null>(null);
  const download = async (fmt: ReportFormat, label: string) => {
    const key = `report-${fmt}`;
    setBusy(fmt);
    message.open({ key, type: 'loading', content: t('download.generating', { kind: label }), duration: 0 });
    try {
      const { blob, name } = await reportApi.download(planId, year, region, fmt);
      saveBlob(blob, name);
      message.open({ key, type: 'success', content: t('download.done', { kind: label, name }), duration: 3 });
    } catch (err) {
      const e = toApiError(err);
      message.open({
        key,
        type: 'error',
        content: (
          <span data-testid="download-error" data-error-code={e.code}>
            {t('download.failed', { kind: label })}
            {locale === 'zh' ? '：' : ': '}
            {e.localized(locale)}
          </span>
        ),
        duration: 8,
      });
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space size={8} wrap>
      <span className="report-field-label">{t('download')}</span>
      {FORMATS.map((f) => (
        <Tooltip key={f.fmt} title={t(f.hint)}>
          <Button
            data-testid={`download-${f.fmt}`}
            icon={f.icon}
            type={f.fmt === 'docx' ? 'primary' : 'default'}
            loading={busy === f.fmt}
            disabled={disabled || (busy !== null && busy !== f.fmt)}
            onClick={() => download(f.fmt, t(f.label))}
          >
            {t(f.label)}
          </Button>
        </Tooltip>
      ))}
    </Space>
  );
}
