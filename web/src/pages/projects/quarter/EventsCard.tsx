import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Collapse, Empty, message, Popconfirm, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { type QuarterEvent, quarterApi, quarterKeys } from './api.ts';
import { EventFormModal } from './EventForm.tsx';
import { eventApi } from './event-api.ts';
import { useEventI18n } from './event-strings.ts';
import { useQuarterI18n, yi } from './strings.ts';

const KIND_COLOR = { signing: 'blue', groundbreaking: 'green', tour: 'purple' } as const;

/**
 * The quarter's signings, groundbreaking batches and tours, with their totals and projects; an event
 * is recorded with the form (登记活动) and deleted after a confirmation.
 */
export function EventsCard({ year, quarter }: { year: number; quarter: number }) {
  const { t, locale } = useQuarterI18n();
  const { t: te } = useEventI18n();
  const client = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [msg, msgHolder] = message.useMessage();
  const q = useQuery({ queryKey: quarterKeys.events(year, quarter), queryFn: () => quarterApi.events(year, quarter) });
  const remove = useMutation({
    mutationFn: (e: QuarterEvent) => eventApi.remove(e.id),
    onSuccess: (_, e) => {
      msg.success(te('evf.deleted', { title: e.title }));
      client.invalidateQueries({ queryKey: quarterKeys.events(year, quarter) });
      client.invalidateQueries({ queryKey: ['quarters', year, quarter] });
    },
  });
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  const d = q.data;
  const fmt = new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 1 });
  return (
    <Card
      size="small"
      title={t('ev.title')}
      style={{ marginBottom: 16 }}
      loading={q.isLoading}
      data-testid="events-card"
      extra={
        <Button size="small" icon={<PlusOutlined />} data-testid="event-add" onClick={() => setAdding(true)}>
          {te('evf.add')}
        </Button>
      }
    >
      {msgHolder}
      <EventFormModal
        year={year}
        quarter={quarter}
        open={adding}
        onClose={(saved) => {
          setAdding(false);
          if (saved) msg.success(te('evf.saved', { title: saved }));
        }}
      />
      {remove.error && (
        <div data-testid="event-delete-error" style={{ marginBottom: 12 }}>
          <ErrorAlert error={remove.error} />
        </div>
      )}
      {d && (
        <Row gutter={16} style={{ marginBottom: 12 }}>
          {(['signing', 'groundbreaking', 'tour'] as const).map((k) => (
            <Col xs={24} md={8} key={k}>
              <Statistic
                data-testid={`events-total-${k}`}
                title={t(`ev.${k}`)}
                value={
                  k === 'tour'
                    ? t('ev.totalTour', { events: d.totals[k].events })
                    : t('ev.total', {
                        events: d.totals[k].events,
                        projects: d.totals[k].projects,
                        amount: yi(d.totals[k].amount),
                      })
                }
                styles={{ content: { fontSize: 18 } }}
              />
            </Col>
          ))}
        </Row>
      )}
      {d && d.events.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ev.none')} />
      ) : (
        <Collapse
          size="small"
          data-testid="events-list"
          items={(d?.events ?? []).map((e: QuarterEvent) => ({
            key: String(e.id),
            extra: (
              <Popconfirm
                title={te('evf.deleteConfirm', { title: e.title })}
                okText={te('evf.ok')}
                cancelText={te('evf.no')}
                okButtonProps={{ danger: true, loading: remove.isPending }}
                onConfirm={() => remove.mutateAsync(e)}
              >
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={te('evf.delete')}
                  data-testid="event-delete"
                  onClick={(ev) => ev.stopPropagation()}
                />
              </Popconfirm>
            ),
            label: (
              <span data-testid="event-title">
                <Tag color={KIND_COLOR[e.kind]}>{t(`ev.${e.kind}`)}</Tag>
                {e.heldOn} {e.title}
                {e.kind !== 'tour' && (
                  <Typography.Text type="secondary">
                    {' '}
                    · {t('ev.projects', { n: e.total.projects, amount: yi(e.total.amount) })}
                  </Typography.Text>
                )}
              </span>
            ),
            children: (
              <div>
                {e.evidence?.text && (
                  <blockquote
                    data-testid="event-evidence"
                    style={{ margin: '0 0 8px', paddingLeft: 12, borderLeft: '3px solid #d9d9d9' }}
                  >
                    {e.evidence.text}
                    <div style={{ color: '#888', fontSize: 12 }}>
                      <Link to={`/documents/${e.evidence.documentId}`}>
                        {t('ev.evidence', { id: e.evidence.documentId, start: e.evidence.start, end: e.evidence.end })}
                      </Link>
                    </div>
                  </blockquote>
                )}
                {e.note && <Typography.Paragraph type="secondary">{e.note}</Typography.Paragraph>}
                {e.projects.length > 0 && (
                  <Table
                    size="small"
                    rowKey="id"
                    pagination={e.projects.length > 10 ? { pageSize: 10, size: 'small' } : false}
                    dataSource={e.projects}
                    columns={[
                      { title: t('ev.col.project'), render: (_, p) => <Link to={`/projects/${p.id}`}>{p.name}</Link> },
                      { title: t('ev.col.county'), width: 110, render: (_, p) => p.region?.name ?? '—' },
                      {
                        title: t('ev.col.amount'),
                        width: 130,
                        align: 'right',
                        render: (_, p) => (p.amount === null ? '—' : fmt.format(p.amount)),
                      },
                    ]}
                  />
                )}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
