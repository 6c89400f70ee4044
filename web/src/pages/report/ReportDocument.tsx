import { Tooltip } from 'antd';
import { Fragment, type ReactNode, useMemo } from 'react';
import type { Status } from '../../api-indicators.ts';
import { EChart } from '../../components/indicators/EChart.tsx';
import { STATUS_HEX } from '../../components/indicators/StatusTag.tsx';
import type { AnnualReport, Block, ChartSpec, Run } from './model.ts';
import { FILL_RE } from './model.ts';
import { useReportI18n } from './strings.ts';
import './report.css';

/** A 【待补充：…】 place, highlighted so a person sees where to write. */
function Fill({ text }: { text: string }) {
  const { t } = useReportI18n();
  return (
    <Tooltip title={t('fills.hint')}>
      <mark className="report-fill" data-testid="report-fill">
        {text}
      </mark>
    </Tooltip>
  );
}

/** Plain text with any 【待补充…】 inside it highlighted. */
function TextWithFills({ text }: { text: string }) {
  if (!FILL_RE.test(text)) return <>{text}</>;
  const parts = text.split(FILL_RE);
  return (
    <>
      {parts.map((p, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string
        FILL_RE.test(p) ? <Fill key={i} text={p} /> : <Fragment key={i}>{p}</Fragment>,
      )}
    </>
  );
}

function Runs({ runs }: { runs: Run[] }) {
  return (
    <>
      {runs.map((r, i) => {
        const key = `${i}-${r.text.slice(0, 12)}`;
        if (r.fill && !FILL_RE.test(r.text))
          return (
            <span key={key} className="report-note">
              {r.text}
            </span>
          );
        return r.bold ? (
          <strong key={key}>
            <TextWithFills text={r.text} />
          </strong>
        ) : (
          <TextWithFills key={key} text={r.text} />
        );
      })}
    </>
  );
}

function ReportChart({ chart, statusOf }: { chart: ChartSpec; statusOf: Map<string, Status> }) {
  const option = useMemo(() => {
    const round = (v: unknown) =>
      typeof v === 'number' ? String(Math.round(v * 100) / 100) + (chart.unit === '项' ? '' : chart.unit) : '—';
    const base = {
      animation: false,
      textStyle: { fontFamily: 'inherit' },
      tooltip: {
        trigger: 'axis',
        valueFormatter: round,
      },
    };
    if (chart.kind === 'status') {
      const s = chart.series[0];
      return {
        ...base,
        tooltip: { ...base.tooltip, axisPointer: { type: 'shadow' } },
        grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: chart.categories, axisLabel: { interval: 0, fontSize: 12 } },
        yAxis: { type: 'value', minInterval: 1, name: chart.unit, nameTextStyle: { align: 'right' } },
        series: [
          {
            name: s?.name ?? '',
            type: 'bar',
            barMaxWidth: 36,
            label: { show: true, position: 'top' },
            data: (s?.values ?? []).map((v, i) => {
              const st = statusOf.get(chart.categories[i] ?? '');
              return { value: v, itemStyle: { color: st ? STATUS_HEX[st] : '#1d4ed8' } };
            }),
          },
        ],
      };
    }
    const [expected, actual] = chart.series;
    return {
      ...base,
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: chart.categories, boundaryGap: false },
      yAxis: { type: 'value', scale: true, name: chart.unit, nameTextStyle: { align: 'right' } },
      series: [
        {
          name: expected?.name ?? '',
          type: 'line',
          data: expected?.values ?? [],
          lineStyle: { type: 'dashed', width: 2, color: '#8c8c8c' },
          itemStyle: { color: '#8c8c8c' },
          symbol: 'emptyCircle',
          connectNulls: false,
        },
        {
          name: actual?.name ?? '',
          type: 'line',
          data: actual?.values ?? [],
          lineStyle: { width: 3, color: '#1d4ed8' },
          itemStyle: { color: '#1d4ed8' },
          symbolSize: 7,
          label: { show: true, position: 'top', formatter: (p: { value: unknown }) => round(p.value) },
        },
      ],
    };
  }, [chart, statusOf]);
  return (
    <div className="report-chart" data-testid={`report-chart-${chart.id}`} data-chart-kind={chart.kind}>
      <EChart option={option} style={{ height: chart.kind === 'status' ? 300 : 280 }} />
    </div>
  );
}

type TableBlock = Extract<Block, { kind: 'table' }>;

function ReportTable({ table, testId }: { table: TableBlock; testId: string }) {
  const total = table.widths.reduce((a, b) => a + b, 0) || 1;
  return (
    <figure className="report-table-wrap">
      {table.caption && <figcaption className="report-caption report-table-caption">{table.caption}</figcaption>}
      <table className="report-table" data-testid={testId}>
        <colgroup>
          {table.widths.map((w, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: columns of a fixed table
            <col key={i} style={{ width: `${(w / total) * 100}%` }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {table.header.map((h) => (
              <th key={h}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows of a fixed table, numbered by the model
            <tr key={r}>
              {row.map((cell, c) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: cells of a fixed row
                <td key={c} style={{ textAlign: table.align[c] ?? 'left' }}>
                  <TextWithFills text={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** The report model as a readable document: the same blocks, in the same order, as the Word draft. */
export function ReportDocument({ report }: { report: AnnualReport }) {
  const { t } = useReportI18n();
  const statusOf = useMemo(() => new Map(report.counts.map((c) => [c.label, c.status])), [report.counts]);
  let annex = '';
  const out: ReactNode[] = [];
  report.blocks.forEach((b, i) => {
    const key = `${i}-${b.kind}`;
    switch (b.kind) {
      case 'title':
        out.push(
          <h1 key={key} className="report-title" data-testid="report-title">
            {b.lines.map((l) => (
              <span key={l} className="report-title-line">
                {l}
              </span>
            ))}
          </h1>,
        );
        break;
      case 'subtitle':
        out.push(
          <p key={key} className="report-subtitle">
            <Runs runs={b.runs} />
          </p>,
        );
        break;
      case 'heading1':
        out.push(
          <h2 key={key} className="report-h1">
            {b.text}
          </h2>,
        );
        break;
      case 'heading2':
        out.push(
          <h3 key={key} className="report-h2" data-testid="report-category">
            {b.text}
          </h3>,
        );
        break;
      case 'paragraph':
        if (b.runs.length === 0) break;
        out.push(
          <p key={key} className={b.indent ? 'report-p report-indent' : 'report-p'}>
            <Runs runs={b.runs} />
          </p>,
        );
        break;
      case 'chart':
        out.push(
          <figure key={key} className="report-figure">
            <ReportChart chart={b.chart} statusOf={statusOf} />
            <figcaption className="report-caption">{b.caption}</figcaption>
          </figure>,
        );
        break;
      case 'table':
        out.push(
          <ReportTable
            key={key}
            table={b}
            testId={annex === '附件1' ? 'annex-table' : annex === '附件2' ? 'sources-table' : 'behind-table'}
          />,
        );
        break;
      case 'pageBreak':
        out.push(
          <div key={key} className="report-page-break" aria-hidden="true">
            <span>{t('pageBreak')}</span>
          </div>,
        );
        break;
      case 'signature':
        out.push(
          <div key={key} className="report-signature">
            {b.lines.map((line, k) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the lines of the signature, in order
              <div key={k}>
                <Runs runs={line} />
              </div>
            ))}
          </div>,
        );
        break;
      case 'annexTitle':
        annex = b.label;
        out.push(
          <div key={key} className="report-annex" data-testid={`annex-${b.label}`}>
            <div className="report-annex-label">{b.label}</div>
            <h2 className="report-annex-title">{b.text}</h2>
          </div>,
        );
        break;
    }
  });
  return (
    <article className="report-paper" lang="zh-CN" data-testid="report-document">
      {out}
    </article>
  );
}
