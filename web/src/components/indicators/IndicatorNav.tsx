import { DashboardOutlined, EditOutlined, LineChartOutlined } from '@ant-design/icons';
import { Segmented } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import type { Id } from '../../api.ts';
import { useIndI18n } from '../../i18n-indicators.ts';
import './indicators.css';

export type MonitorPage = 'monitor' | 'cockpit' | 'entry';

const PATH: Record<MonitorPage, string> = { monitor: 'indicators', cockpit: 'cockpit', entry: 'entry' };

/** Switches between 指标监测 / 驾驶舱 / 数据填报 of one plan, keeping the chosen period and region. */
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
    </span>
  );
}
