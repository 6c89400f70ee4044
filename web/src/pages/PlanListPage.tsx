import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, type PlanView, queryKeys } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PlanStatusTag } from '../components/PlanStatusTag.tsx';
import { fiveYearPlanLabel, formatDateTime, periodLabel, useI18n } from '../i18n.ts';
import { ImportDialog } from './ImportDialog.tsx';

export function PlanListPage() {
  const { t, locale } = useI18n();
  const [importOpen, setImportOpen] = useState(false);
  const plans = useQuery({ queryKey: queryKeys.plans, queryFn: api.plans });

  const columns: ColumnsType<PlanView> = [
    {
      key: 'title',
      title: t('plans.col.title'),
      render: (_, p) => (
        <Space size={6} wrap>
          <Link to={`/plans/${encodeURIComponent(p.id)}`} className="plan-title-link">
            {p.title}
          </Link>
          {p.isDemo && (
            <Tooltip title={t('plans.demoHint')}>
              <Tag color="purple">{t('plans.demo')}</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    { key: 'region', title: t('plans.col.region'), width: 120, render: (_, p) => p.region.name },
    {
      key: 'period',
      title: t('plans.col.period'),
      width: 240,
      render: (_, p) => {
        const fyp = fiveYearPlanLabel(t, locale, p.periodStart, p.periodEnd);
        return (
          <Space size={6} style={{ whiteSpace: 'nowrap' }}>
            <span>{periodLabel(t, p.periodStart, p.periodEnd)}</span>
            {fyp && <Typography.Text type="secondary">{fyp}</Typography.Text>}
          </Space>
        );
      },
      sorter: (a, b) => a.periodStart - b.periodStart,
    },
    {
      key: 'status',
      title: t('plans.col.status'),
      width: 90,
      render: (_, p) => <PlanStatusTag status={p.status} />,
    },
    {
      key: 'chapters',
      title: t('plans.col.chapters'),
      width: 80,
      align: 'right',
      render: (_, p) => p.chapterCount,
    },
    {
      key: 'created',
      title: t('plans.col.created'),
      width: 160,
      render: (_, p) => formatDateTime(p.createdAt),
      sorter: (a, b) => a.createdAt.localeCompare(b.createdAt),
    },
  ];

  return (
    <>
      <div className="page-head">
        <div>
          <Typography.Title level={2} style={{ fontSize: 22 }}>
            {t('plans.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('plans.subtitle')}</Typography.Text>
        </div>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setImportOpen(true)} data-testid="import-button">
          {t('plans.import')}
        </Button>
      </div>
      {plans.error ? (
        <ErrorAlert error={plans.error} onRetry={() => plans.refetch()} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<PlanView>
            rowKey="id"
            data-testid="plan-table"
            columns={columns}
            dataSource={plans.data ?? []}
            loading={plans.isLoading}
            pagination={
              (plans.data?.length ?? 0) > 20
                ? { pageSize: 20, showTotal: (n) => t('plans.total', { n }), showSizeChanger: false }
                : false
            }
            locale={{ emptyText: plans.isLoading ? ' ' : t('plans.empty') }}
          />
        </Card>
      )}
      <ImportDialog open={importOpen} onClose={() => setImportOpen(false)} />
    </>
  );
}
