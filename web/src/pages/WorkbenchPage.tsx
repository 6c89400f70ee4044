import { useQuery } from '@tanstack/react-query';
import { Card, Col, List, Row, Space, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { request } from '../api.ts';
import type { Status } from '../api-indicators.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { StatusTag } from '../components/indicators/StatusTag.tsx';
import { format, type Locale, useI18n } from '../i18n.ts';

interface Workbench {
  asOf: string;
  dataEnd: string;
  plan: { id: number; title: string; period: string } | null;
  indicators: {
    counts: Record<string, number>;
    attention: Array<{ id: number; name: string; status: Status; leadUnit: string | null; zh: string; en: string }>;
  } | null;
  review: { submitted: number; returned: number } | null;
  projects: { red: number; yellow: number; total: number };
  problems: { county: number; city: number; leader: number; total: number };
  quarter: {
    year: number;
    quarter: number;
    due: Array<{ event: string; month: number; cycle: string; status: string; detailZh: string; detailEn: string }>;
  };
}

const TEXT: Record<Locale, Record<string, string>> = {
  zh: {
    title: '工作台',
    subtitle:
      '现在需要关注的事：未达标和滞后的指标、待审核的数值、红黄灯项目、超期问题和本季度尚未完成的“五个一”活动。',
    asOf: '项目和问题按 {date} 评价',
    stale: '（示例数据止于 {date}）',
    indicators: '指标（{period}年）',
    attention: '需关注',
    noAttention: '没有未达标、预警或滞后的指标',
    open: '打开',
    review: '数值审核',
    submitted: '待审核',
    returned: '已退回',
    projects: '项目预警',
    red: '红灯',
    yellow: '黄灯',
    all: '项目总数',
    problems: '超期问题',
    leader: '包联市领导督办',
    city: '市项目办督办',
    county: '县级督办',
    quarter: '{y}年第{q}季度“五个一”',
    allDone: '本季度应开展的活动都已完成',
    'ev.signing': '集中签约',
    'ev.groundbreaking': '集中开工',
    'ev.tour': '观摩',
    'ev.assessment': '考核',
    'ev.bulletin': '通报',
    in_progress: '进行中',
    missing: '未开展',
  },
  en: {
    title: 'Workbench',
    subtitle:
      'What needs attention now: indicators failing or behind, values waiting for review, red and yellow projects, overdue problems and the quarter’s 五个一 events not yet done.',
    asOf: 'Projects and problems judged on {date}',
    stale: ' (the demo data ends on {date})',
    indicators: 'Indicators ({period})',
    attention: 'Needs attention',
    noAttention: 'No indicator is failing, at risk or behind',
    open: 'Open',
    review: 'Review',
    submitted: 'Submitted',
    returned: 'Returned',
    projects: 'Project lights',
    red: 'Red',
    yellow: 'Yellow',
    all: 'Projects',
    problems: 'Overdue problems',
    leader: 'Liaison leader',
    city: 'City project office',
    county: 'County',
    quarter: '五个一 of {y} Q{q}',
    allDone: 'Every event due this quarter has taken place',
    'ev.signing': 'Signing',
    'ev.groundbreaking': 'Groundbreaking',
    'ev.tour': 'Inspection tour',
    'ev.assessment': 'Assessment',
    'ev.bulletin': 'Bulletin',
    in_progress: 'In progress',
    missing: 'Not held',
  },
};

/**
 * 工作台: one screen of what needs the office's attention, each figure linking to the page that owns it
 * (indicator list, review queue, filtered project list, overdue problems, quarter page).
 */
export function WorkbenchPage() {
  const { locale } = useI18n();
  const t = (key: string, vars?: Record<string, string | number>) => format(TEXT[locale][key] ?? key, vars);
  const q = useQuery({ queryKey: ['workbench'], queryFn: () => request<Workbench>('/api/workbench') });
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  const w = q.data;
  const planBase = w?.plan ? `/plans/${w.plan.id}` : '/';
  const counts = w?.indicators?.counts ?? {};
  const lightLink = (light: string) => `/projects?light=${light}&asOf=${w?.asOf ?? ''}`;
  return (
    <div className="page" data-testid="workbench">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('subtitle')}{' '}
        {w && (
          <span data-testid="workbench-asof">
            {t('asOf', { date: w.asOf })}
            {w.asOf === w.dataEnd ? t('stale', { date: w.dataEnd }) : ''}
          </span>
        )}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            loading={q.isLoading}
            title={t('indicators', { period: w?.plan?.period ?? '' })}
            extra={<Link to={`${planBase}/indicators?period=${w?.plan?.period ?? ''}`}>{t('open')}</Link>}
            data-testid="workbench-indicators"
          >
            <Space size={24} wrap style={{ marginBottom: 8 }}>
              {(['failed', 'warning', 'seriously_behind', 'behind'] as const).map((s) => (
                <span key={s} data-testid={`workbench-count-${s}`} data-count={counts[s] ?? 0}>
                  <StatusTag status={s} /> <b>{counts[s] ?? 0}</b>
                </span>
              ))}
            </Space>
            <List
              size="small"
              header={<Typography.Text type="secondary">{t('attention')}</Typography.Text>}
              locale={{ emptyText: t('noAttention') }}
              dataSource={w?.indicators?.attention ?? []}
              renderItem={(i) => (
                <List.Item data-testid="workbench-attention">
                  <Space orientation="vertical" size={0} style={{ width: '100%' }}>
                    <Space>
                      <StatusTag status={i.status} />
                      <Link to={`/indicators/${i.id}`}>{i.name}</Link>
                      {i.leadUnit && <Typography.Text type="secondary">{i.leadUnit}</Typography.Text>}
                    </Space>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {locale === 'zh' ? i.zh : i.en}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Row gutter={[16, 16]}>
            <Col span={12}>
              <Card
                size="small"
                loading={q.isLoading}
                title={t('review')}
                extra={<Link to={`${planBase}/review`}>{t('open')}</Link>}
                data-testid="workbench-review"
              >
                <Space size={32}>
                  <Statistic
                    title={t('submitted')}
                    value={w?.review?.submitted ?? 0}
                    data-testid="workbench-submitted"
                  />
                  <Statistic title={t('returned')} value={w?.review?.returned ?? 0} />
                </Space>
              </Card>
            </Col>
            <Col span={12}>
              <Card size="small" loading={q.isLoading} title={t('projects')} data-testid="workbench-projects">
                <Space size={32}>
                  <Link to={lightLink('red')} data-testid="workbench-red">
                    <Statistic
                      title={t('red')}
                      value={w?.projects.red ?? 0}
                      styles={{ content: { color: '#dc2626' } }}
                    />
                  </Link>
                  <Link to={lightLink('yellow')}>
                    <Statistic
                      title={t('yellow')}
                      value={w?.projects.yellow ?? 0}
                      styles={{ content: { color: '#d97706' } }}
                    />
                  </Link>
                  <Statistic title={t('all')} value={w?.projects.total ?? 0} />
                </Space>
              </Card>
            </Col>
            <Col span={24}>
              <Card
                size="small"
                loading={q.isLoading}
                title={t('problems')}
                extra={<Link to={`/problems?asOf=${w?.asOf ?? ''}`}>{t('open')}</Link>}
                data-testid="workbench-problems"
              >
                <Space size={32}>
                  <Statistic
                    title={t('problems')}
                    value={w?.problems.total ?? 0}
                    data-testid="workbench-problems-total"
                  />
                  <Link to={`/problems?asOf=${w?.asOf ?? ''}&level=leader`}>
                    <Statistic
                      title={t('leader')}
                      value={w?.problems.leader ?? 0}
                      styles={{ content: { color: '#dc2626' } }}
                    />
                  </Link>
                  <Statistic title={t('city')} value={w?.problems.city ?? 0} />
                  <Statistic title={t('county')} value={w?.problems.county ?? 0} />
                </Space>
              </Card>
            </Col>
            <Col span={24}>
              <Card
                size="small"
                loading={q.isLoading}
                title={w ? t('quarter', { y: w.quarter.year, q: w.quarter.quarter }) : ''}
                extra={
                  w ? (
                    <Link to={`/quarters?year=${w.quarter.year}&quarter=${w.quarter.quarter}`}>{t('open')}</Link>
                  ) : null
                }
                data-testid="workbench-quarter"
              >
                {w && w.quarter.due.length === 0 ? (
                  <Typography.Text type="secondary">{t('allDone')}</Typography.Text>
                ) : (
                  <List
                    size="small"
                    dataSource={w?.quarter.due ?? []}
                    renderItem={(e) => (
                      <List.Item data-testid="workbench-due">
                        <Space>
                          <Tag color={e.status === 'missing' ? 'red' : 'blue'}>{t(e.status)}</Tag>
                          <b>{t(`ev.${e.event}`)}</b>
                          <Typography.Text type="secondary">
                            {locale === 'zh' ? e.detailZh : e.detailEn}
                          </Typography.Text>
                        </Space>
                      </List.Item>
                    )}
                  />
                )}
              </Card>
            </Col>
          </Row>
        </Col>
      </Row>
    </div>
  );
}
