import { FileTextOutlined } from '@ant-design/icons';
import { Skeleton } from 'antd';
import { lazy, Suspense } from 'react';
import { Link, Route } from 'react-router-dom';
import type { Id } from '../../api.ts';
import { useReportI18n } from './strings.ts';

// The report page draws ECharts: loaded on first visit, not with the plan reader.
const ReportPage = lazy(() => import('./ReportPage.tsx').then((m) => ({ default: m.ReportPage })));

/** Route of the annual report page, to place inside the app's <Routes>. */
export function reportRoutes() {
  return [
    <Route
      key="report"
      path="/plans/:id/report"
      element={
        <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
          <ReportPage />
        </Suspense>
      }
    />,
  ];
}

/** Link from the plan page to its annual report, next to 指标监测 / 驾驶舱 / 数据填报. */
export function ReportLink({ planId }: { planId: Id }) {
  const { t } = useReportI18n();
  return (
    <Link to={`/plans/${encodeURIComponent(String(planId))}/report`} data-testid="plan-report-link">
      <FileTextOutlined /> {t('nav.report')}
    </Link>
  );
}
