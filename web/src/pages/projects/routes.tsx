import { Skeleton } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { Link, Route } from 'react-router-dom';
import { useProjI18n } from './strings.ts';

// The project pages carry ECharts: loaded on first visit.
const ProjectListPage = lazy(() => import('./ProjectListPage.tsx').then((m) => ({ default: m.ProjectListPage })));
const ProjectDetailPage = lazy(() => import('./ProjectDetailPage.tsx').then((m) => ({ default: m.ProjectDetailPage })));
const QuarterPage = lazy(() => import('./QuarterPage.tsx').then((m) => ({ default: m.QuarterPage })));
const RubricPage = lazy(() => import('./rubric/RubricPage.tsx').then((m) => ({ default: m.RubricPage })));
const LeaderListPage = lazy(() => import('./LeaderPages.tsx').then((m) => ({ default: m.LeaderListPage })));
const ProblemsPage = lazy(() => import('./problems/ProblemsPage.tsx').then((m) => ({ default: m.ProblemsPage })));
const LeaderPage = lazy(() => import('./LeaderPages.tsx').then((m) => ({ default: m.LeaderPage })));

const wait = (node: ReactNode) => <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>{node}</Suspense>;

/** Routes of the project pages (项目库、项目详情、季度考核、一联五), to place inside the app's <Routes>. */
export function projectRoutes() {
  return [
    <Route key="projects" path="/projects" element={wait(<ProjectListPage />)} />,
    <Route key="rubrics" path="/projects/rubrics" element={wait(<RubricPage />)} />,
    <Route key="project" path="/projects/:id" element={wait(<ProjectDetailPage />)} />,
    <Route key="quarters" path="/quarters" element={wait(<QuarterPage />)} />,
    <Route key="leaders" path="/leaders" element={wait(<LeaderListPage />)} />,
    <Route key="leader" path="/leaders/:name" element={wait(<LeaderPage />)} />,
    <Route key="problems" path="/problems" element={wait(<ProblemsPage />)} />,
  ];
}

export function isProjectPath(pathname: string): boolean {
  return /^\/(projects|quarters|leaders|problems)(\/|$)/.test(pathname);
}

/** 项目库 with its two siblings 季度考核 and 一联五 one click away. */
export function ProjectNavLabel() {
  const { t } = useProjI18n();
  return <Link to="/projects">{t('nav.projects')}</Link>;
}
