import { useQuery } from '@tanstack/react-query';
import { Empty, Skeleton } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { Link, Navigate, Route } from 'react-router-dom';
import { api, queryKeys } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useIndI18n } from '../../i18n-indicators.ts';

// The monitoring pages carry ECharts: loaded on first visit, not with the plan reader.
const IndicatorListPage = lazy(() => import('./IndicatorListPage.tsx').then((m) => ({ default: m.IndicatorListPage })));
const IndicatorDetailPage = lazy(() =>
  import('./IndicatorDetailPage.tsx').then((m) => ({ default: m.IndicatorDetailPage })),
);
const CockpitPage = lazy(() => import('./CockpitPage.tsx').then((m) => ({ default: m.CockpitPage })));
const DataEntryPage = lazy(() => import('./DataEntryPage.tsx').then((m) => ({ default: m.DataEntryPage })));
const ReviewPage = lazy(() => import('./ReviewPage.tsx').then((m) => ({ default: m.ReviewPage })));

const wait = (node: ReactNode) => <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>{node}</Suspense>;

/** `/monitor`: the indicator list of the first published plan (the nav entry has no plan of its own). */
function MonitorHome() {
  const { t } = useIndI18n();
  const plans = useQuery({ queryKey: queryKeys.plans, queryFn: api.plans });
  if (plans.error) return <ErrorAlert error={plans.error} onRetry={() => plans.refetch()} />;
  if (!plans.data) return <Skeleton active />;
  const plan = plans.data.find((p) => p.status === 'published') ?? plans.data[0];
  if (!plan) return <Empty description={<Link to="/">{t('common.notFound')}</Link>} />;
  return <Navigate to={`/plans/${encodeURIComponent(plan.id)}/indicators`} replace />;
}

/** Routes of the monitoring pages, to place inside the app's <Routes>. */
export function indicatorRoutes() {
  return [
    <Route key="monitor" path="/monitor" element={<MonitorHome />} />,
    <Route key="list" path="/plans/:id/indicators" element={wait(<IndicatorListPage />)} />,
    <Route key="cockpit" path="/plans/:id/cockpit" element={wait(<CockpitPage />)} />,
    <Route key="entry" path="/plans/:id/entry" element={wait(<DataEntryPage />)} />,
    <Route key="review" path="/plans/:id/review" element={wait(<ReviewPage />)} />,
    <Route key="detail" path="/indicators/:id" element={wait(<IndicatorDetailPage />)} />,
  ];
}

/** Whether a path belongs to the monitoring pages (for the nav's selected entry). */
export function isMonitorPath(pathname: string): boolean {
  return (
    pathname === '/monitor' ||
    /^\/plans\/[^/]+\/(indicators|cockpit|entry|review)/.test(pathname) ||
    pathname.startsWith('/indicators/')
  );
}

export function MonitorNavLabel() {
  const { t } = useIndI18n();
  return <Link to="/monitor">{t('nav.monitor')}</Link>;
}
