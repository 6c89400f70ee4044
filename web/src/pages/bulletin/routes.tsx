import { Skeleton } from 'antd';
import { lazy, Suspense } from 'react';
import { Link, Route } from 'react-router-dom';
import { useBulletinI18n } from './strings.ts';

const BulletinPage = lazy(() => import('./BulletinPage.tsx').then((m) => ({ default: m.BulletinPage })));

/** Route of the quarterly bulletin page, to place inside the app's <Routes>. */
export function bulletinRoutes() {
  return [
    <Route
      key="bulletins"
      path="/bulletins"
      element={
        <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
          <BulletinPage />
        </Suspense>
      }
    />,
  ];
}

export function isBulletinPath(pathname: string): boolean {
  return pathname.startsWith('/bulletins');
}

export function BulletinNavLabel() {
  const { t } = useBulletinI18n();
  return <Link to="/bulletins">{t('nav.bulletins')}</Link>;
}
