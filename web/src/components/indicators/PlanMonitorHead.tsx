import { Breadcrumb, Select, type SelectProps, Space, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../i18n.ts';
import { type IndMessageKey, useIndI18n } from '../../i18n-indicators.ts';
import { IndicatorNav, type MonitorPage } from './IndicatorNav.tsx';
import { periodLabel } from './periods.ts';
import type { PlanScope } from './usePlanScope.ts';

/** Breadcrumb, title, the three monitoring pages and the period / region choice, shared by the pages. */
export function PlanMonitorHead({
  scope,
  active,
  subtitle,
  showRegion = true,
  extra,
}: {
  scope: PlanScope;
  active: MonitorPage;
  subtitle: string;
  showRegion?: boolean;
  extra?: ReactNode;
}) {
  const { t, locale } = useIndI18n();
  const app = useI18n();
  const { plan } = scope;
  if (!plan) return null;
  const title =
    active === 'monitor'
      ? t('list.title')
      : active === 'cockpit'
        ? t('cockpit.title')
        : active === 'review'
          ? t('nav.review')
          : t('entry.title');
  return (
    <div className="mon-head">
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[
          { title: <Link to="/">{app.t('nav.plans')}</Link> },
          { title: <Link to={`/plans/${encodeURIComponent(plan.id)}`}>{plan.title}</Link> },
          { title },
        ]}
      />
      <div className="mon-head-row">
        <div>
          <Space size={10} align="center" wrap>
            <Typography.Title level={2} style={{ fontSize: 22, margin: 0 }} data-testid="mon-page-title">
              {title}
            </Typography.Title>
            <Typography.Text type="secondary" data-testid="head-region">
              {showRegion && scope.region ? scope.regionName(scope.region) : plan.region.name}
            </Typography.Text>
            {plan.isDemo && (
              <Tooltip title={t('common.demoHint')}>
                <Tag color="purple" data-testid="demo-label">
                  {t('common.demo')}
                </Tag>
              </Tooltip>
            )}
          </Space>
          <div className="mon-subtitle">
            <Typography.Text type="secondary">{subtitle}</Typography.Text>
          </div>
        </div>
        <IndicatorNav planId={plan.id} active={active} search={scope.search} />
      </div>
      <div className="mon-toolbar">
        <Space size={16} wrap>
          <span className="mon-field">
            <span className="mon-field-label">{t('common.period')}</span>
            <Select
              data-testid="period-select"
              style={{ width: scope.periodGroups.length > 1 ? 150 : 110 }}
              value={scope.period}
              loading={!scope.period}
              onChange={(v) => scope.setPeriod(v)}
              labelRender={(o) => periodLabel(String(o.value), locale)}
              showSearch={scope.periodGroups.length > 1 ? { optionFilterProp: 'label' } : undefined}
              options={
                (scope.periodGroups.length > 1
                  ? scope.periodGroups.map((g) => ({
                      label: t(`period.group.${g.frequency}` as IndMessageKey),
                      title: t(`period.group.${g.frequency}` as IndMessageKey),
                      options: g.periods.map((p) => ({ value: p, label: periodLabel(p, locale) })),
                    }))
                  : scope.periods.map((p) => ({ value: p, label: periodLabel(p, locale) }))) as SelectProps['options']
              }
            />
          </span>
          {showRegion && (
            <span className="mon-field">
              <span className="mon-field-label">{t('common.region')}</span>
              <Select
                data-testid="region-select"
                style={{ width: 160 }}
                value={scope.region}
                showSearch={{ optionFilterProp: 'label' }}
                onChange={(v) => scope.setRegion(v)}
                options={[
                  ...scope.regions.filter((r) => r.level === 'plan').map((r) => ({ value: r.code, label: r.name })),
                  ...(scope.regions.length > 1
                    ? [
                        {
                          label: t('common.countiesOf'),
                          title: t('common.countiesOf'),
                          options: scope.regions
                            .filter((r) => r.level !== 'plan')
                            .map((r) => ({ value: r.code, label: r.name })),
                        },
                      ]
                    : []),
                ]}
              />
            </span>
          )}
          {extra}
        </Space>
      </div>
    </div>
  );
}
