import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Table, Typography } from 'antd';
import { FunnelChart } from 'echarts/charts';
import * as echarts from 'echarts/core';
import { useCallback, useMemo } from 'react';
import type { Library } from '../../../api-projects.ts';
import { LIBRARIES } from '../../../api-projects.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { EChart } from '../../../components/indicators/EChart.tsx';
import { LIBRARY_HEX } from '../common.tsx';
import { type ListFilter, listApi, listKeys, type Stage } from './api.ts';
import { useListI18n } from './strings.ts';

// The shared chart holder registers the monitoring pages' chart types; the funnel is only drawn here.
echarts.use([FunnelChart]);

const yi = (wan: number) => Math.round(wan / 1000) / 10;

/**
 * 谋划 → 储备 → 建设 → 达效 for the filtered projects (of the whole city or one county): a true funnel,
 * each stage as wide as the projects that reached it or a later one, with the investment; clicking a
 * stage filters the list to the projects now in that library. Beside it, the same per county (clicking a
 * county filters the list to it), or the chosen county's numbers.
 */
export function PipelineFunnel({
  filter,
  scopeName,
  library,
  cityCode,
  onStage,
  onRegion,
}: {
  filter: ListFilter;
  scopeName: string;
  library: Library | undefined;
  cityCode: string;
  onStage: (library: Library) => void;
  onRegion: (code: string) => void;
}) {
  const { tl, locale } = useListI18n();
  const { library: _all, ...rest } = filter;
  const pipeline = useQuery({
    queryKey: listKeys.pipeline(rest),
    queryFn: () => listApi.pipeline(rest),
    staleTime: 30_000,
  });
  const label = useCallback((s: Stage) => (locale === 'zh' ? s.label.zh : s.label.en), [locale]);

  const funnel = useMemo(() => {
    const stages = pipeline.data?.stages ?? [];
    const max = Math.max(1, stages[0]?.reached ?? 1);
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { dataIndex: number }) => {
          const s = stages[p.dataIndex];
          if (!s) return '';
          return [
            `<b>${label(s)}</b>`,
            `${tl('funnel.reached')}：${tl('funnel.count', { n: s.reached })}，${tl('funnel.yi', { n: yi(s.reachedInvestment) })}`,
            `${tl('funnel.now')}：${tl('funnel.count', { n: s.projects })}，${tl('funnel.yi', { n: yi(s.investment) })}`,
          ].join('<br/>');
        },
      },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          left: '8%',
          width: '84%',
          top: 8,
          bottom: 8,
          min: 0,
          max,
          minSize: '18%',
          gap: 3,
          label: {
            show: true,
            position: 'inside',
            color: '#fff',
            fontWeight: 'bold',
            formatter: (p: { dataIndex: number }) => {
              const s = stages[p.dataIndex];
              return s
                ? `${tl('funnel.stage', { label: label(s), n: s.reached })}\n${tl('funnel.yi', { n: yi(s.reachedInvestment) })}`
                : '';
            },
          },
          data: stages.map((s) => ({
            name: s.library,
            value: s.reached,
            // a faded stage (another one is chosen) keeps a readable label
            label: { color: library && library !== s.library ? '#333' : '#fff' },
            itemStyle: {
              color: LIBRARY_HEX[s.library],
              opacity: library && library !== s.library ? 0.35 : 1,
              borderColor: library === s.library ? '#111' : '#fff',
              borderWidth: library === s.library ? 2 : 1,
            },
          })),
        },
      ],
    };
  }, [pipeline.data, library, tl, label]);

  const counties = useMemo(
    () => (pipeline.data?.regions ?? []).filter((r) => r.code !== null && r.code !== cityCode),
    [pipeline.data, cityCode],
  );
  const cityLevel = (pipeline.data?.regions ?? []).filter((r) => r.code === null || r.code === cityCode);
  const showCounties = counties.length > 1;
  const bars = useMemo(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { bottom: 0 },
      grid: { left: 40, right: 16, top: 10, bottom: 70 },
      xAxis: {
        type: 'category',
        data: counties.map((c) => c.name ?? c.code),
        axisLabel: { interval: 0, rotate: 30 },
        triggerEvent: true,
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: LIBRARIES.map((l) => ({
        name: pipeline.data?.stages.find((s) => s.library === l)?.label[locale] ?? l,
        type: 'bar',
        stack: 'lib',
        itemStyle: { color: LIBRARY_HEX[l] },
        data: counties.map((c) => c.stages.find((s) => s.library === l)?.projects ?? 0),
      })),
    }),
    [counties, pipeline.data, locale],
  );

  const cityLevelCount = cityLevel.reduce((n, r) => n + (r.stages[0]?.reached ?? 0), 0);

  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      title={tl('funnel.title', { scope: scopeName })}
      extra={<Typography.Text type="secondary">{tl('funnel.hint')}</Typography.Text>}
    >
      {pipeline.error ? (
        <ErrorAlert error={pipeline.error} onRetry={() => pipeline.refetch()} />
      ) : (
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <div data-testid="pipeline-funnel">
              <EChart
                option={funnel}
                style={{ height: 260 }}
                onClick={(e) => {
                  const s = pipeline.data?.stages[e.dataIndex ?? -1];
                  if (s) onStage(s.library);
                }}
              />
            </div>
          </Col>
          <Col xs={24} md={14}>
            {showCounties ? (
              <div data-testid="pipeline-chart">
                <Typography.Text type="secondary">
                  {tl('funnel.counties')}
                  {cityLevelCount ? `；${tl('funnel.cityLevel')} ${tl('funnel.count', { n: cityLevelCount })}` : ''}
                </Typography.Text>
                <EChart
                  option={bars}
                  style={{ height: 240 }}
                  onClick={(e) => {
                    const name = e.value ?? e.name;
                    const c = counties.find((x) => x.name === name || x.code === name);
                    if (c?.code) onRegion(c.code);
                  }}
                />
              </div>
            ) : (
              <Table<Stage>
                data-testid="pipeline-table"
                size="small"
                rowKey="library"
                pagination={false}
                dataSource={pipeline.data?.stages ?? []}
                loading={pipeline.isLoading}
                columns={[
                  { title: '', render: (_, s) => label(s) },
                  { title: tl('funnel.now'), align: 'right', render: (_, s) => tl('funnel.count', { n: s.projects }) },
                  {
                    title: tl('funnel.invest'),
                    align: 'right',
                    render: (_, s) => tl('funnel.yi', { n: yi(s.investment) }),
                  },
                  {
                    title: tl('funnel.reached'),
                    align: 'right',
                    render: (_, s) => tl('funnel.count', { n: s.reached }),
                  },
                ]}
              />
            )}
          </Col>
        </Row>
      )}
    </Card>
  );
}
