import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, List, Row, Select, Space, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { quarterApi, quarterKeys } from './api.ts';
import { useQuarterI18n } from './strings.ts';

const QUARTERS = [2021, 2022, 2023, 2024, 2025].flatMap((y) => [1, 2, 3, 4].map((q) => ({ y, q })));

/** 一联五: what changed in the leader's projects during a quarter, against the quarter before. */
export function LeaderQuarterCard({ leader }: { leader: string }) {
  const { t, locale } = useQuarterI18n();
  const latest = useQuery({ queryKey: ['quarters', 'latest'], queryFn: quarterApi.latest });
  const [picked, setPicked] = useState<string | null>(null);
  const at = picked ?? (latest.data ? `${latest.data.year}-${latest.data.quarter}` : null);
  const [year, quarter] = at ? at.split('-').map(Number) : [0, 0];
  const q = useQuery({
    queryKey: quarterKeys.leaderQuarter(leader, year ?? 0, quarter ?? 0),
    queryFn: () => quarterApi.leaderQuarter(leader, year ?? 0, quarter ?? 0),
    enabled: at !== null,
  });
  const d = q.data;
  const names = new Map((d?.projects ?? []).map((p) => [p.id, p.name]));
  const fmt = new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 1 });
  const text = (v: { zh: string; en: string }) => (locale === 'zh' ? v.zh : v.en);
  const projectLink = (id: number) => <Link to={`/projects/${id}`}>{names.get(id) ?? `#${id}`}</Link>;
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      data-testid="leader-quarter"
      loading={!d && !q.error}
      title={d ? t('lq.title', { year: d.year, q: d.quarter, pq: d.previous.quarter }) : ' '}
      extra={
        <Select
          data-testid="leader-quarter-select"
          size="small"
          style={{ width: 130 }}
          value={at}
          onChange={setPicked}
          options={QUARTERS.map(({ y, q: n }) => ({ value: `${y}-${n}`, label: `${y} Q${n}` }))}
        />
      }
    >
      {q.error ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : d ? (
        <>
          <Typography.Paragraph data-testid="leader-quarter-summary">{text(d.changes)}</Typography.Paragraph>
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Statistic title={t('lq.moves')} value={d.changes.moves.length} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('lq.newProblems')} value={d.changes.newProblems.length} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('lq.closedProblems')} value={d.changes.closedProblems.length} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title={t('lq.investment')}
                value={fmt.format(d.changes.investment.current)}
                suffix={
                  <Typography.Text
                    type={d.changes.investment.change >= 0 ? 'success' : 'danger'}
                    style={{ fontSize: 13 }}
                  >
                    {d.changes.investment.change >= 0 ? '▲' : '▼'} {fmt.format(Math.abs(d.changes.investment.change))}
                  </Typography.Text>
                }
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('lq.prev', { n: fmt.format(d.changes.investment.previous) })}
              </Typography.Text>
            </Col>
          </Row>
          <Row gutter={16} style={{ marginTop: 12 }}>
            <Col xs={24} lg={12}>
              <Typography.Text strong>{t('lq.moves')}</Typography.Text>
              {d.changes.moves.length ? (
                <List
                  size="small"
                  data-testid="leader-moves"
                  dataSource={d.changes.moves}
                  renderItem={(m) => <List.Item>{text(m)}</List.Item>}
                />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lq.none')} />
              )}
            </Col>
            <Col xs={24} lg={12}>
              <Typography.Text strong>
                {t('lq.newProblems')} / {t('lq.closedProblems')}
              </Typography.Text>
              {d.changes.newProblems.length + d.changes.closedProblems.length ? (
                <List
                  size="small"
                  data-testid="leader-problem-changes"
                  dataSource={[
                    ...d.changes.newProblems.map((p) => ({ p, closed: false })),
                    ...d.changes.closedProblems.map((p) => ({ p, closed: true })),
                  ]}
                  renderItem={({ p, closed }) => (
                    <List.Item>
                      <Space wrap>
                        <span style={{ color: closed ? '#16a34a' : '#dc2626' }}>
                          {closed ? `✓ ${p.closedOn}` : `+ ${p.raisedOn}`}
                        </span>
                        <span>{p.title}</span>
                        {projectLink(p.projectId)}
                      </Space>
                    </List.Item>
                  )}
                />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lq.none')} />
              )}
            </Col>
          </Row>
        </>
      ) : null}
    </Card>
  );
}
