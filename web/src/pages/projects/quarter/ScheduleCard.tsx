import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { request, sendJson } from '../../../api.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { format, type Locale, useI18n } from '../../../i18n.ts';

const EVENTS = ['signing', 'groundbreaking', 'tour', 'assessment', 'bulletin'] as const;
type Event = (typeof EVENTS)[number];
type Cadence = Record<Event, { every: number; monthInCycle: number }>;
interface StoredCadence {
  cadence: Cadence;
  version: number;
  isDefault: boolean;
  updatedBy: string | null;
}
interface Schedule {
  cadence: StoredCadence;
  events: Array<{
    event: Event;
    month: number;
    cycle: string;
    zh: string;
    en: string;
    status: 'done' | 'in_progress' | 'missing';
    detailZh: string;
    detailEn: string;
  }>;
}

const TEXT: Record<Locale, Record<string, string>> = {
  zh: {
    title: '本季度“五个一”日程',
    hint: '按周期设置列出本季度应开展的活动及完成情况；签约、开工、观摩以登记的活动为准。',
    default: '（缺省周期：一季一签约、一季一开工、一季一观摩、一季一考核、一季一通报）',
    edit: '周期设置',
    done: '已完成',
    in_progress: '进行中',
    missing: '未开展',
    none: '本季度按周期没有应开展的活动',
    'col.when': '时间',
    'col.event': '活动',
    'col.status': '完成情况',
    'ev.signing': '集中签约',
    'ev.groundbreaking': '集中开工',
    'ev.tour': '观摩',
    'ev.assessment': '考核',
    'ev.bulletin': '通报',
    month: '{y}年{m}月',
    'modal.title': '“五个一”周期设置',
    'modal.hint': '各项活动每几个月开展一次、在周期的第几个月开展。改动对所有季度生效，已登记的活动与评分不变。',
    every: '周期',
    at: '周期内第几个月',
    'every.1': '每月',
    'every.3': '每季度',
    'every.6': '每半年',
    'every.12': '每年',
    save: '保存',
    cancel: '取消',
  },
  en: {
    title: 'The quarter’s 五个一 schedule',
    hint: 'The events due this quarter under the cadence, and whether each took place; signings, groundbreakings and tours count when recorded.',
    default: '(default cadence: everything quarterly)',
    edit: 'Cadence',
    done: 'Done',
    in_progress: 'In progress',
    missing: 'Not held',
    none: 'Nothing is due this quarter under the cadence',
    'col.when': 'When',
    'col.event': 'Event',
    'col.status': 'Status',
    'ev.signing': 'Signing',
    'ev.groundbreaking': 'Groundbreaking',
    'ev.tour': 'Inspection tour',
    'ev.assessment': 'Assessment',
    'ev.bulletin': 'Bulletin',
    month: '{y}-{m}',
    'modal.title': 'The 五个一 cadence',
    'modal.hint':
      'How often each event is held and in which month of its cycle. A change applies to every quarter; recorded events and scores stay.',
    every: 'Every',
    at: 'Month in cycle',
    'every.1': 'month',
    'every.3': 'quarter',
    'every.6': 'half-year',
    'every.12': 'year',
    save: 'Save',
    cancel: 'Cancel',
  },
};

const STATUS_COLORS = { done: 'green', in_progress: 'blue', missing: 'red' } as const;

/**
 * 五个一日程: the events due in the quarter under the city's cadence (one signing, groundbreaking, tour,
 * assessment and bulletin per quarter by default) with whether each took place, and the cadence editor.
 */
export function ScheduleCard({ year, quarter }: { year: number; quarter: number }) {
  const { locale } = useI18n();
  const t = (key: string, vars?: Record<string, string | number>) => format(TEXT[locale][key] ?? key, vars);
  const [editing, setEditing] = useState(false);
  const q = useQuery({
    queryKey: ['quarters', year, quarter, 'schedule'],
    queryFn: () => request<Schedule>(`/api/quarters/${year}/${quarter}/schedule`),
  });
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  const d = q.data;
  return (
    <Card
      size="small"
      title={t('title')}
      style={{ marginBottom: 16 }}
      loading={q.isLoading}
      data-testid="schedule-card"
      extra={
        <Button size="small" onClick={() => setEditing(true)} data-testid="cadence-edit">
          {t('edit')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('hint')} {d?.cadence.isDefault ? t('default') : ''}
      </Typography.Paragraph>
      <Table
        data-testid="schedule-table"
        size="small"
        pagination={false}
        rowKey={(e) => `${e.event}-${e.month}`}
        dataSource={d?.events ?? []}
        locale={{ emptyText: t('none') }}
        columns={[
          { title: t('col.when'), width: 120, render: (_, e) => t('month', { y: year, m: e.month }) },
          {
            title: t('col.event'),
            width: 160,
            render: (_, e) => (
              <span data-testid={`schedule-${e.event}`}>
                {t(`ev.${e.event}`)} <Typography.Text type="secondary">{e.cycle}</Typography.Text>
              </span>
            ),
          },
          {
            title: t('col.status'),
            render: (_, e) => (
              <Space data-testid={`schedule-status-${e.event}`} data-status={e.status}>
                <Tag color={STATUS_COLORS[e.status]}>{t(e.status)}</Tag>
                <Typography.Text type="secondary">{locale === 'zh' ? e.detailZh : e.detailEn}</Typography.Text>
              </Space>
            ),
          },
        ]}
      />
      {editing && d && <CadenceEditor stored={d.cadence} onClose={() => setEditing(false)} t={t} />}
    </Card>
  );
}

function CadenceEditor({
  stored,
  onClose,
  t,
}: {
  stored: StoredCadence;
  onClose: () => void;
  t: (key: string, vars?: Record<string, string | number>) => string;
}) {
  const client = useQueryClient();
  const [cadence, setCadence] = useState<Cadence>(stored.cadence);
  const save = useMutation({
    mutationFn: () => sendJson<StoredCadence>('/api/cadence', 'PUT', { version: stored.version, cadence }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['quarters'] });
      onClose();
    },
  });
  const set = (e: Event, patch: Partial<Cadence[Event]>) =>
    setCadence((c) => {
      const next = { ...c[e], ...patch };
      // a month beyond a shorter cycle falls back to the cycle's last month
      return { ...c, [e]: { ...next, monthInCycle: Math.min(next.monthInCycle, next.every) } };
    });
  return (
    <Modal
      open
      title={t('modal.title')}
      onCancel={onClose}
      onOk={() => save.mutate()}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'cadence-save' } as never}
    >
      <Typography.Paragraph type="secondary">{t('modal.hint')}</Typography.Paragraph>
      <Table
        size="small"
        pagination={false}
        rowKey={(e) => e}
        dataSource={[...EVENTS]}
        columns={[
          { title: t('col.event'), render: (_, e) => t(`ev.${e}`) },
          {
            title: t('every'),
            render: (_, e) => (
              <Select
                data-testid={`cadence-every-${e}`}
                style={{ width: 120 }}
                value={cadence[e].every}
                onChange={(v: number) => set(e, { every: v })}
                options={[1, 3, 6, 12].map((n) => ({ value: n, label: t(`every.${n}`) }))}
              />
            ),
          },
          {
            title: t('at'),
            render: (_, e) => (
              <InputNumber
                data-testid={`cadence-at-${e}`}
                min={1}
                max={cadence[e].every}
                value={cadence[e].monthInCycle}
                onChange={(v) => set(e, { monthInCycle: typeof v === 'number' ? v : 1 })}
              />
            ),
          },
        ]}
      />
      {save.error && <ErrorAlert error={save.error} />}
    </Modal>
  );
}
