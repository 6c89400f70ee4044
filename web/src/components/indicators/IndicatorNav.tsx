import { AuditOutlined, DashboardOutlined, EditOutlined, LineChartOutlined } from '@ant-design/icons';
import { Segmented } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import type { Id } from '../../api.ts';
import { useIndI18n } from '../../i18n-indicators.ts';
import './indicators.css';

export type MonitorPage = 'monitor' | 'cockpit' | 'entry' | 'review';

const PATH: Record<MonitorPage, string> = {
  monitor: 'indicators',
  cockpit: 'cockpit',
  entry: 'entry',
  review: 'review',
};

/** Switches between 指标监测 / 驾驶舱 / 数据填报 / 数值审核 of one plan, keeping the chosen period and region. */
export function IndicatorNav({ planId, active, search = '' }: { planId: Id; active: MonitorPage; search?: string }) {
  const { t } = useIndI18n();
  const navigate = useNavigate();
  return (
    <Segmented<MonitorPage>
      data-testid="indicator-nav"
      value={active}
      onChange={(v) => navigate(`/plans/${encodeURIComponent(planId)}/${PATH[v]}${search}`)}
      options={[
        { value: 'monitor', label: t('nav.monitor'), icon: <LineChartOutlined /> },
        { value: 'cockpit', label: t('nav.cockpit'), icon: <DashboardOutlined /> },
        { value: 'entry', label: t('nav.entry'), icon: <EditOutlined /> },
        { value: 'review', label: t('nav.review'), icon: <AuditOutlined /> },
      ]}
    />
  );
}

/** Links from the plan page to its monitoring pages. */
export function PlanMonitorLinks({ planId }: { planId: Id }) {
  const { t } = useIndI18n();
  const base = `/plans/${encodeURIComponent(planId)}`;
  return (
    <span className="mon-plan-links" data-testid="plan-monitor-links">
      <Link to={`${base}/indicators`}>
        <LineChartOutlined /> {t('nav.monitor')}
      </Link>
      <Link to={`${base}/cockpit`}>
        <DashboardOutlined /> {t('nav.cockpit')}
      </Link>
      <Link to={`${base}/entry`}>
        <EditOutlined /> {t('nav.entry')}
      </Link>
      <Link to={`${base}/review`}>
        <AuditOutlined /> {t('nav.review')}
      </Link>
    </span>
  );
}
