import type { Indicator, TrajectoryPoint } from '../../api-indicators.ts';
import { formatValue, pick, statusLabel, useIndI18n } from '../../i18n-indicators.ts';
import { EChart } from './EChart.tsx';
import { periodLabel } from './periods.ts';
import { STATUS_HEX } from './StatusTag.tsx';

/** The value the plan asks for at the end, as a horizontal line; null when the plan gives no number. */
const HIDDEN = '__target';

export function targetLineValue(ind: Indicator): number | null {
  const t = ind.target;
  const num = (k: string) => (typeof t[k] === 'number' ? (t[k] as number) : null);
  switch (t.kind) {
    case 'level':
    case 'bound':
      return num('value');
    case 'growth':
      return t.measure === 'rate' ? num('ratePct') : null;
    case 'cumulative':
      return num('total');
    default:
      return null;
  }
}

/**
 * Actual values against the path the plan calls for. A cumulative target (`[1300]`) reported per year
 * is drawn as the running total, so that it is comparable with its path and target.
 */
export function TrajectoryChart({ indicator, trajectory }: { indicator: Indicator; trajectory: TrajectoryPoint[] }) {
  const { t, locale } = useIndI18n();
  const kind = indicator.target.kind;
  const runningTotal = kind === 'cumulative' && indicator.target.basis !== 'to_date';
  const points = [...trajectory];
  let sum = 0;
  const actual = points.map((p) => {
    if (p.actual === null) return null;
    if (!runningTotal) return p.actual;
    sum += p.actual;
    return Math.round(sum * 100) / 100;
  });
  const periods = points.map((p) => p.period);
  const withBaseline =
    indicator.baseline !== null &&
    kind !== 'cumulative' &&
    kind !== 'none' &&
    !periods.includes(String(indicator.baseline.year));
  const x = withBaseline ? [String(indicator.baseline?.year), ...periods] : periods;
  const base = withBaseline ? [indicator.baseline?.value ?? null] : [];
  const expectedFromBase = kind === 'level' && withBaseline;
  const target = targetLineValue(indicator);
  const actualName = t('detail.actual');
  // a provincial assignment is a figure of its own year, not a path: marks, no line between them
  const provincial = kind === 'provincial';
  const expectedName = provincial ? t('assign.title') : t('detail.expected');

  const option = {
    animation: false,
    grid: { left: 56, right: 90, top: 40, bottom: 36 },
    legend: { top: 4, data: [actualName, expectedName] },
    tooltip: {
      trigger: 'axis',
      formatter: (params: { dataIndex: number; seriesName: string; value: number | null; marker: string }[]) => {
        const i = params[0]?.dataIndex ?? 0;
        const period = x[i] ?? '';
        const lines = [`<b>${periodLabel(String(period), locale)}</b>`];
        for (const p of params) {
          if (p.value === null || p.value === undefined || p.seriesName === HIDDEN) continue;
          lines.push(`${p.marker}${p.seriesName}${t('common.colon')}${formatValue(locale, p.value)} ${indicator.unit}`);
        }
        const point = points[withBaseline ? i - 1 : i];
        if (point) {
          lines.push(`${t('detail.col.status')}${t('common.colon')}${statusLabel(t, point.status)}`);
          lines.push(
            `<span style="display:inline-block;max-width:340px;white-space:normal">${pick(locale, point.reason)}</span>`,
          );
        } else if (withBaseline && i === 0) {
          lines.push(t('detail.baselinePoint'));
        }
        return lines.join('<br/>');
      },
    },
    xAxis: { type: 'category', data: x, boundaryGap: false },
    yAxis: {
      type: 'value',
      scale: true,
      name: indicator.unit,
      nameTextStyle: { align: 'right' },
      axisLabel: { formatter: (v: number) => formatValue(locale, v, 4) },
    },
    series: [
      {
        name: actualName,
        type: 'line',
        data: [...base, ...actual],
        symbolSize: 8,
        connectNulls: false,
        lineStyle: { width: 3, color: '#1d4ed8' },
        itemStyle: {
          color: (p: { dataIndex: number }) => {
            const point = points[withBaseline ? p.dataIndex - 1 : p.dataIndex];
            return point ? STATUS_HEX[point.status] : '#1d4ed8';
          },
        },
        markLine:
          target === null
            ? undefined
            : {
                symbol: 'none',
                silent: true,
                lineStyle: { color: '#cf1322', type: 'solid', width: 1.5 },
                label: {
                  formatter: t('detail.targetLine', { value: formatValue(locale, target, 4) }),
                  position: 'end',
                  color: '#cf1322',
                },
                data: [{ yAxis: target }],
              },
      },
      // invisible: makes the value axis reach the target, so that its line is always drawn
      ...(target === null
        ? []
        : [
            {
              name: HIDDEN,
              type: 'line',
              data: x.map((_, i) => (i === 0 ? target : null)),
              symbol: 'none',
              silent: true,
              lineStyle: { opacity: 0 },
              tooltip: { show: false },
            },
          ]),
      {
        name: expectedName,
        type: 'line',
        data: [
          ...(withBaseline ? [expectedFromBase ? (indicator.baseline?.value ?? null) : null] : []),
          ...points.map((p) => p.expected),
        ],
        symbol: provincial ? 'diamond' : 'emptyCircle',
        symbolSize: provincial ? 11 : 6,
        connectNulls: !provincial,
        lineStyle: provincial ? { opacity: 0 } : { type: 'dashed', color: '#8c8c8c' },
        itemStyle: { color: '#8c8c8c' },
      },
    ],
  };
  return (
    <div data-testid="trajectory-chart">
      <EChart option={option} style={{ height: 320 }} />
    </div>
  );
}
