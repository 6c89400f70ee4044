import { useQuery } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Layout, Menu, Segmented, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { api, queryKeys } from './api.ts';
import { type Locale, useI18n } from './i18n.ts';
import { BulletinNavLabel, bulletinRoutes, isBulletinPath } from './pages/bulletin/routes.tsx';
import { DocumentListPage, DocumentReaderPage } from './pages/documents/DocumentPages.tsx';
import { indicatorRoutes, isMonitorPath, MonitorNavLabel } from './pages/indicators/routes.tsx';
import { PlanListPage } from './pages/PlanListPage.tsx';
import { PlanPage } from './pages/PlanPage.tsx';
import { isProjectPath, ProjectNavLabel, projectRoutes } from './pages/projects/routes.tsx';
import { reportRoutes } from './pages/report/routes.tsx';
import { WorkbenchPage } from './pages/WorkbenchPage.tsx';

const BRAND = '#1d4ed8';

function Logo() {
  return (
    <svg width="28" height="28" viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="6" fill="#fff" />
      <path d="M7 9h18M7 16h18M7 23h11" stroke={BRAND} strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}

function Footer() {
  const { t } = useI18n();
  const health = useQuery({ queryKey: queryKeys.health, queryFn: api.health, staleTime: Number.POSITIVE_INFINITY });
  return (
    <Layout.Footer className="app-footer">
      <span>蓝图 Lantu</span>
      {health.data && (
        <>
          <span>
            {t('footer.version')} {health.data.version}
          </span>
          <span>
            {t('footer.database')} {health.data.database === 'pglite' ? 'PGlite' : 'PostgreSQL'}
          </span>
        </>
      )}
    </Layout.Footer>
  );
}

function Shell() {
  const { t, locale, setLocale } = useI18n();
  const location = useLocation();
  const selected = isMonitorPath(location.pathname)
    ? ['monitor']
    : isProjectPath(location.pathname)
      ? ['projects']
      : location.pathname.startsWith('/documents')
        ? ['documents']
        : location.pathname.startsWith('/workbench')
          ? ['workbench']
          : location.pathname === '/' || location.pathname.startsWith('/plans')
            ? ['plans']
            : [];
  return (
    <Layout className="app-layout">
      <Layout.Header className="app-header">
        <Link to="/" className="app-brand">
          <Logo />
          <span className="app-brand-name">{t('app.name')}</span>
          <span className="app-brand-tagline">{t('app.tagline')}</span>
        </Link>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={isBulletinPath(location.pathname) ? ['bulletins'] : selected}
          className="app-nav"
          items={[
            { key: 'workbench', label: <Link to="/workbench">{t('nav.workbench')}</Link> },
            { key: 'plans', label: <Link to="/">{t('nav.plans')}</Link> },
            { key: 'monitor', label: <MonitorNavLabel /> },
            { key: 'projects', label: <ProjectNavLabel /> },
            { key: 'bulletins', label: <BulletinNavLabel /> },
            { key: 'documents', label: <Link to="/documents">{locale === 'zh' ? '文档' : 'Documents'}</Link> },
          ]}
        />
        <Segmented<Locale>
          className="app-lang"
          aria-label={t('lang.switch')}
          value={locale}
          onChange={(v) => setLocale(v)}
          options={[
            { label: '中文', value: 'zh' },
            { label: 'English', value: 'en' },
          ]}
        />
      </Layout.Header>
      <Layout.Content className="app-content">
        <Routes>
          <Route path="/" element={<PlanListPage />} />
          <Route path="/plans" element={<Navigate to="/" replace />} />
          <Route path="/plans/:id" element={<PlanPage />} />
          <Route path="/workbench" element={<WorkbenchPage />} />
          <Route path="/documents" element={<DocumentListPage />} />
          <Route path="/documents/:id" element={<DocumentReaderPage />} />
          {indicatorRoutes()}
          {projectRoutes()}
          {reportRoutes()}
          {bulletinRoutes()}
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </Layout.Content>
      <Footer />
    </Layout>
  );
}

export function App() {
  const { locale } = useI18n();
  return (
    <ConfigProvider
      locale={locale === 'zh' ? zhCN : enUS}
      theme={{
        algorithm: theme.defaultAlgorithm,
        token: {
          colorPrimary: BRAND,
          borderRadius: 6,
          fontFamily:
            '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Helvetica Neue", Arial, sans-serif',
        },
        components: { Layout: { headerBg: '#0f2a5f', headerPadding: '0 24px' }, Menu: { darkItemBg: '#0f2a5f' } },
      }}
    >
      <AntApp>
        <Shell />
      </AntApp>
    </ConfigProvider>
  );
}
