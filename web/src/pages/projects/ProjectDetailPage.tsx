import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Skeleton,
  Space,
  Steps,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { toApiError } from '../../api.ts';
import {
  LIBRARIES,
  type Library,
  MILESTONES,
  type Milestone,
  type Problem,
  type Project,
  type ProjectDetail,
  projectApi,
  projectKeys,
  TransitionRefused,
  type Violation,
} from '../../api-projects.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { EChart } from '../../components/indicators/EChart.tsx';
import { formatDateTime } from '../../i18n.ts';
import { formatWan, LIGHT_HEX, LibraryTag, LightDot, libLabel, msLabel, pickText } from './common.tsx';
import { ApprovalChecklist } from './detail/ApprovalChecklist.tsx';
import { detailChangeText } from './detail/history.ts';
import { MonthlyReports } from './detail/MonthlyReports.tsx';
import { useDetailI18n } from './detail/strings.ts';
import { type ProjMessageKey, type ProjTranslate, useProjI18n } from './strings.ts';

const PLANNED_KEY: Partial<Record<Milestone, 'started' | 'in_production' | 'at_capacity'>> = {
  started: 'started',
  in_production: 'in_production',
  at_capacity: 'at_capacity',
};

function MilestoneSteps({ project, t }: { project: Project; t: ProjTranslate }) {
  const ms = MILESTONES.filter((m) => !(m === 'signed' && project.skipsSigning));
  const current = ms.findIndex((m) => !project.milestones[m]);
  return (
    <Steps
      data-testid="milestone-timeline"
      current={current === -1 ? ms.length : current}
      size="small"
      items={ms.map((m) => {
        const done = project.milestones[m];
        const pk = PLANNED_KEY[m];
        const planned = pk ? project.planned[pk] : null;
        return {
          title: msLabel(t, m),
          status: done ? 'finish' : ms.indexOf(m) === current ? 'process' : 'wait',
          content: (
            <div data-milestone={m}>
              <div>{done ? t('detail.done', { date: done }) : t('detail.notYet')}</div>
              {planned && <div style={{ color: '#888' }}>{t('detail.planned', { date: planned })}</div>}
            </div>
          ),
        };
      })}
    />
  );
}

function ProblemItem({ p, t, locale }: { p: Problem; t: ProjTranslate; locale: 'zh' | 'en' }) {
  return (
    <div
      data-testid="problem"
      className="proj-problem"
      style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}
    >
      <div style={{ fontWeight: 500 }}>
        {
          <Space wrap>
            <span>{p.title}</span>
            {p.closedOn ? (
              <Tag color="green">{t('detail.problem.closed', { date: p.closedOn })}</Tag>
            ) : (
              <Tag>{t('detail.problem.open')}</Tag>
            )}
            {p.status?.overdue && (
              <Tag color="red" data-testid="overdue-tag">
                {t('detail.problem.overdue', { n: p.status.daysOverdue })}
              </Tag>
            )}
            {p.status && p.status.level !== 'county' && (
              <Tag color={p.status.level === 'leader' ? 'volcano' : 'orange'}>
                {t(`detail.level.${p.status.level}` as ProjMessageKey)}
              </Tag>
            )}
          </Space>
        }
      </div>
      <div style={{ color: '#888', marginTop: 4 }}>
        {
          <Space wrap separator="·">
            {p.kind && <span>{p.kind}</span>}
            {p.owner && <span>{t('detail.problem.owner', { owner: p.owner })}</span>}
            {p.deadline && <span>{t('detail.problem.deadline', { date: p.deadline })}</span>}
            {p.status && <span>{pickText(locale, p.status)}</span>}
          </Space>
        }
      </div>
    </div>
  );
}

const isLibrary = (v: unknown): v is Library => typeof v === 'string' && (LIBRARIES as string[]).includes(v);

/** 入库：谋划库 → 储备库；签约 2024-01-05；说明 …: a change as the office reads it. */
function auditText(t: ProjTranslate, a: { action: string; before: unknown; after: unknown }): string {
  const before = (a.before ?? {}) as Record<string, unknown>;
  const after = (a.after ?? {}) as Record<string, unknown>;
  const parts: string[] = [];
  if (isLibrary(after.library) && after.library !== before.library) {
    parts.push(
      `${t('detail.moved')}：${isLibrary(before.library) ? libLabel(t, before.library) : '—'} → ${libLabel(t, after.library)}`,
    );
  }
  const ms = (after.milestones ?? {}) as Record<string, unknown>;
  for (const m of MILESTONES) if (m in ms) parts.push(`${msLabel(t, m)} ${String(ms[m] ?? '—')}`);
  if (typeof after.capacityRate === 'number' && after.capacityRate !== before.capacityRate) {
    parts.push(`${t('detail.capacityRate')} ${(after.capacityRate * 100).toFixed(0)}%`);
  }
  if (typeof after.reason === 'string' && after.reason) parts.push(`${t('tr.reason')}：${after.reason}`);
  if (parts.length) return parts.join('；');
  const keys = Object.keys(after).filter((k) => after[k] !== null && typeof after[k] !== 'object');
  return keys.length ? `${a.action}：${keys.map((k) => `${k} ${String(after[k])}`).join('，')}` : a.action;
}

function TransitionDialog({ detail, open, onClose }: { detail: ProjectDetail; open: boolean; onClose: () => void }) {
  const { t, locale } = useProjI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [violations, setViolations] = useState<Violation[] | null>(null);
  const p = detail.project;
  const mutation = useMutation({
    mutationFn: (values: Record<string, unknown>) => {
      const milestones: Partial<Record<Milestone, string | null>> = {};
      for (const m of MILESTONES) {
        const v = values[`ms_${m}`] as string | undefined;
        if (v && v !== p.milestones[m]) milestones[m] = v;
      }
      const rate = values.capacityRate as number | null | undefined;
      return projectApi.transition(p.id, {
        version: p.version,
        library: (values.library as Library | undefined) || undefined,
        milestones: Object.keys(milestones).length ? milestones : undefined,
        capacityRate: rate === null || rate === undefined ? undefined : rate / 100,
        reason: (values.reason as string | undefined) || undefined,
        allowSkip: values.allowSkip ? true : undefined,
      });
    },
    onSuccess: () => {
      message.success(t('tr.saved'));
      setViolations(null);
      qc.invalidateQueries({ queryKey: projectKeys.all });
      onClose();
    },
    onError: (err) => {
      if (err instanceof TransitionRefused) setViolations(err.violations);
      else setViolations(null);
    },
  });
  const other = mutation.error && !(mutation.error instanceof TransitionRefused) ? mutation.error : null;
  return (
    <Modal
      open={open}
      title={t('tr.title')}
      onCancel={() => {
        setViolations(null);
        mutation.reset();
        onClose();
      }}
      okText={t('tr.submit')}
      okButtonProps={{ 'data-testid': 'transition-submit', loading: mutation.isPending } as never}
      onOk={() => form.submit()}
      destroyOnHidden
      width={560}
    >
      <Form
        form={form}
        layout="vertical"
        data-testid="transition-form"
        initialValues={{
          ...Object.fromEntries(MILESTONES.map((m) => [`ms_${m}`, p.milestones[m] ?? ''])),
          capacityRate: p.capacityRate === null ? null : Math.round(p.capacityRate * 1000) / 10,
        }}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Form.Item name="library" label={t('tr.library')}>
          <Select
            data-testid="transition-library"
            allowClear
            placeholder={t('tr.keep')}
            options={LIBRARIES.filter((l) => l !== p.library).map((l) => ({ value: l, label: libLabel(t, l) }))}
          />
        </Form.Item>
        <Typography.Text strong>{t('tr.milestones')}</Typography.Text>
        <Row gutter={12} style={{ marginTop: 8 }}>
          {MILESTONES.map((m) => (
            <Col span={12} key={m}>
              <Form.Item name={`ms_${m}`} label={msLabel(t, m)} style={{ marginBottom: 8 }}>
                <Input type="date" data-testid={`transition-ms-${m}`} />
              </Form.Item>
            </Col>
          ))}
          <Col span={12}>
            <Form.Item name="capacityRate" label={t('tr.capacityRate')} style={{ marginBottom: 8 }}>
              <InputNumber min={0} max={200} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="reason" label={t('tr.reason')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name="allowSkip" valuePropName="checked">
          <Checkbox>{t('tr.allowSkip')}</Checkbox>
        </Form.Item>
      </Form>
      {violations && (
        <Alert
          type="error"
          showIcon
          data-testid="transition-violations"
          title={t('tr.refused')}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {violations.map((v) => (
                <li key={v.code} data-code={v.code}>
                  {pickText(locale, v)}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {other && <ErrorAlert error={toApiError(other)} />}
    </Modal>
  );
}

export function ProjectDetailPage() {
  const { id = '' } = useParams();
  const { t, locale } = useProjI18n();
  const { t: dt } = useDetailI18n();
  const [advancing, setAdvancing] = useState(false);
  const q = useQuery({ queryKey: projectKeys.detail(id), queryFn: () => projectApi.detail(id) });
  const d = q.data;

  const invOption = useMemo(() => {
    const inv = [...(d?.investments ?? [])].sort((a, b) => a.year * 100 + a.month - (b.year * 100 + b.month));
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 60, right: 20, top: 36, bottom: 50 },
      xAxis: {
        type: 'category',
        data: inv.map((i) => `${i.year}-${String(i.month).padStart(2, '0')}`),
      },
      yAxis: { type: 'value', name: t('common.wan') },
      series: [
        {
          name: t('detail.investPlanned'),
          type: 'bar',
          itemStyle: { color: '#bfdbfe' },
          data: inv.map((i) => i.planned),
        },
        {
          name: t('detail.investCompleted'),
          type: 'line',
          smooth: true,
          itemStyle: { color: '#1d4ed8' },
          data: inv.map((i) => i.completed),
        },
      ],
    };
  }, [d, t]);

  if (q.error) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  if (!d) return <Skeleton active paragraph={{ rows: 10 }} />;
  const p = d.project;
  const light = d.light;

  return (
    <div className="page">
      <Link to="/projects">
        <ArrowLeftOutlined /> {t('detail.back')}
      </Link>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginTop: 8 }} align="start">
        <div>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="project-name">
            {p.name}
          </Typography.Title>
          <Space style={{ marginTop: 8 }} wrap>
            <LibraryTag library={p.library} />
            {p.region && <Tag>{p.region.name}</Tag>}
            {p.zone && <Tag>{p.zone}</Tag>}
            {p.isDemo && <Tag color="gold">{t('common.demo')}</Tag>}
          </Space>
        </div>
        <Button type="primary" data-testid="advance-button" onClick={() => setAdvancing(true)}>
          {t('detail.advance')}
        </Button>
      </Space>

      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col xs={24} lg={16}>
          <Card size="small" title={t('detail.timeline')} style={{ marginBottom: 16 }}>
            <MilestoneSteps project={p} t={t} />
            {p.skipsSigning && <Typography.Text type="secondary">{t('detail.skipsSigning')}</Typography.Text>}
          </Card>
          <Card size="small" title={t('detail.investments')} style={{ marginBottom: 16 }}>
            {d.investments.length ? (
              <div data-testid="investment-chart">
                <EChart option={invOption} style={{ height: 280 }} />
              </div>
            ) : (
              <Empty description={t('detail.noInvestments')} />
            )}
          </Card>
          <ApprovalChecklist projectId={p.id} />
          <MonthlyReports projectId={p.id} />
          <Card size="small" title={t('detail.problems')} style={{ marginBottom: 16 }}>
            {d.problems.length ? (
              <div data-testid="problem-list">
                {d.problems.map((pr) => (
                  <ProblemItem key={pr.id} p={pr} t={t} locale={locale} />
                ))}
              </div>
            ) : (
              <Empty description={t('detail.noProblems')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card
            size="small"
            title={t('detail.light')}
            style={{ marginBottom: 16, borderTop: `3px solid ${LIGHT_HEX[light.light]}` }}
            data-testid="light-card"
          >
            <Space align="start">
              <LightDot light={light.light} />
              <div>
                <div>
                  <strong>{t(`light.${light.light}` as ProjMessageKey)}</strong>{' '}
                  <Typography.Text type="secondary">{t('detail.asOf', { date: d.asOf })}</Typography.Text>
                </div>
                {light.reasons.length ? (
                  <ul style={{ paddingLeft: 18, margin: '4px 0 0' }} data-testid="light-reasons">
                    {light.reasons.map((r) => (
                      <li key={`${r.code}-${r.zh}`}>{pickText(locale, r)}</li>
                    ))}
                  </ul>
                ) : (
                  <div>{t('detail.lightOk')}</div>
                )}
              </div>
            </Space>
          </Card>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('detail.investment')}>
                {formatWan(locale, p.totalInvestment)} {t('common.wan')}
              </Descriptions.Item>
              <Descriptions.Item label={t('detail.county')}>{p.region?.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('detail.zone')}>{p.zone ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('detail.owner')}>{p.ownerName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('detail.unit')}>{p.responsibleUnit ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('detail.leaders')}>
                {p.liaisonLeaders.length
                  ? p.liaisonLeaders.map((n) => (
                      <Link key={n} to={`/leaders/${encodeURIComponent(n)}`} style={{ marginRight: 8 }}>
                        {n}
                      </Link>
                    ))
                  : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('detail.industry')}>
                {[p.industry, p.chain].filter(Boolean).join(' / ') || '—'}
              </Descriptions.Item>
              {p.capacityRate !== null && (
                <Descriptions.Item label={t('detail.capacityRate')}>
                  {(p.capacityRate * 100).toFixed(0)}%
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('detail.programme')}>{p.programme ?? '—'}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={t('detail.history')}>
            {d.history.length ? (
              <Timeline
                data-testid="history"
                items={d.history.map((h) => ({
                  key: `${h.at}-${h.action}`,
                  content: (
                    <div>
                      <div style={{ color: '#888', fontSize: 12 }}>
                        {formatDateTime(h.at)} · {h.actor}
                      </div>
                      <div data-testid="history-entry">{detailChangeText(dt, locale, h) ?? auditText(t, h)}</div>
                    </div>
                  ),
                }))}
              />
            ) : (
              <Empty description={t('detail.noHistory')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </Col>
      </Row>
      {advancing && <TransitionDialog detail={d} open={advancing} onClose={() => setAdvancing(false)} />}
    </div>
  );
}
