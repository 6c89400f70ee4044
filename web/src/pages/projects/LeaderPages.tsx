import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Skeleton, Space, Table, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { type LeaderSummary, type Project, projectApi, projectKeys } from '../../api-projects.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatDateTime } from '../../i18n.ts';
import { formatWan, LibraryTag, MilestoneDots, pickText } from './common.tsx';
import { LeaderQuarterCard } from './quarter/LeaderQuarterCard.tsx';
import { useProjI18n } from './strings.ts';

export function LeaderListPage() {
  const { t } = useProjI18n();
  const q = useQuery({ queryKey: projectKeys.leaders, queryFn: projectApi.leaders });
  return (
    <div className="page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('l.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('l.subtitle')}</Typography.Paragraph>
      {q.error ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Table<LeaderSummary>
          data-testid="leader-table"
          rowKey="name"
          loading={q.isLoading}
          dataSource={q.data ?? []}
          pagination={false}
          style={{ maxWidth: 640 }}
          columns={[
            {
              title: t('l.col.name'),
              dataIndex: 'name',
              render: (n: string) => (
                <Link to={`/leaders/${encodeURIComponent(n)}`} data-testid="leader-link">
                  {n}
                </Link>
              ),
            },
            { title: t('l.col.projects'), dataIndex: 'projects', width: 140, align: 'right' },
          ]}
        />
      )}
    </div>
  );
}

export function LeaderPage() {
  const { name = '' } = useParams();
  const { t, locale } = useProjI18n();
  const q = useQuery({ queryKey: projectKeys.leader(name), queryFn: () => projectApi.leader(name) });
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  const d = q.data;
  if (!d) return <Skeleton active paragraph={{ rows: 8 }} />;
  const names = new Map(d.projects.map((p) => [p.id, p.name]));
  return (
    <div className="page">
      <Link to="/leaders">
        <ArrowLeftOutlined /> {t('l.back')}
      </Link>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginTop: 8 }}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="leader-name">
          {d.leader}
        </Typography.Title>
        <Link to={`/projects?leader=${encodeURIComponent(d.leader)}`}>{t('l.all')}</Link>
      </Space>
      <LeaderQuarterCard leader={d.leader} />
      <Card size="small" title={t('l.projects')} style={{ marginTop: 16 }}>
        <Table<Project>
          data-testid="leader-projects"
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={d.projects}
          columns={[
            {
              title: t('list.col.name'),
              render: (_, p) => <Link to={`/projects/${p.id}`}>{p.name}</Link>,
            },
            { title: t('list.col.county'), width: 100, render: (_, p) => p.region?.name ?? '—' },
            { title: t('list.col.library'), width: 90, render: (_, p) => <LibraryTag library={p.library} /> },
            {
              title: t('list.col.investment'),
              width: 130,
              align: 'right',
              render: (_, p) => formatWan(locale, p.totalInvestment),
            },
            { title: t('list.col.milestones'), width: 150, render: (_, p) => <MilestoneDots project={p} /> },
          ]}
        />
      </Card>
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col xs={24} lg={12}>
          <Card size="small" title={`${t('l.problems')}（${d.openProblems.length}）`}>
            {d.openProblems.length ? (
              <div data-testid="leader-problems">
                {d.openProblems.map((p) => (
                  <div
                    key={p.id}
                    className="proj-problem"
                    style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}
                  >
                    <div>
                      <Space wrap>
                        <span>{p.title}</span>
                        {p.status?.overdue && (
                          <Tag color="red">{t('detail.problem.overdue', { n: p.status.daysOverdue })}</Tag>
                        )}
                      </Space>
                      <div style={{ color: '#888', fontSize: 12 }}>
                        <Link to={`/projects/${p.projectId}`}>{names.get(p.projectId) ?? `#${p.projectId}`}</Link>
                        {p.status ? ` · ${pickText(locale, p.status)}` : ''}
                      </div>
                    </div>
                  </div>
                ))}
              </div>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.noProblems')} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('l.changes', { date: d.since.slice(0, 10) })} data-testid="leader-changes">
            {d.changes.length ? (
              <Timeline
                items={d.changes.slice(0, 50).map((c, i) => ({
                  key: `${c.at}-${i}`,
                  content: (
                    <div>
                      <div style={{ color: '#888', fontSize: 12 }}>
                        {formatDateTime(c.at)} · {c.actor}
                      </div>
                      <div>
                        {c.action}{' '}
                        {c.entity === 'project' && names.has(Number(c.entityId)) && (
                          <Link to={`/projects/${c.entityId}`}>{names.get(Number(c.entityId))}</Link>
                        )}
                      </div>
                    </div>
                  ),
                }))}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('l.noChanges')} />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
