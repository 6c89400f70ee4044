import { existsSync } from 'node:fs';
import { renderAsync } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { ChartSpec } from './annual-report.model.ts';

/** A chart rendered for Word: the SVG, and a PNG for processors that cannot show SVG. */
export interface RenderedChart {
  id: string;
  svg: Buffer;
  png: Buffer;
  width: number;
  height: number;
}

const FONT = 'Microsoft YaHei, WenQuanYi Micro Hei, Noto Sans CJK SC, Source Han Sans SC, SimHei, sans-serif';
const STATUS_COLORS: Record<string, string> = {
  提前实现: '#1a7f37',
  已实现: '#2da44e',
  快于预期: '#4ac26b',
  基本符合预期: '#0969da',
  滞后: '#d4a72c',
  严重滞后: '#bc4c00',
  预警: '#cf222e',
  未达标: '#82071e',
  无数据: '#8c959f',
  无法评估: '#afb8c1',
};

function optionOf(spec: ChartSpec): echarts.EChartsCoreOption {
  const base = {
    animation: false,
    textStyle: { fontFamily: FONT, fontSize: 14 },
    grid: { left: 56, right: 24, top: 48, bottom: 40, containLabel: true },
  };
  if (spec.kind === 'status') {
    return {
      ...base,
      grid: { left: 24, right: 48, top: 16, bottom: 16, containLabel: true },
      yAxis: { type: 'category', data: spec.categories, inverse: true, axisLabel: { interval: 0, fontSize: 14 } },
      xAxis: { type: 'value', name: spec.unit, minInterval: 1 },
      series: [
        {
          type: 'bar',
          data: spec.series[0]?.values.map((v, i) => ({
            value: v,
            itemStyle: { color: STATUS_COLORS[spec.categories[i] ?? ''] ?? '#0969da' },
          })),
          label: { show: true, position: 'right', fontSize: 14 },
          barMaxWidth: 24,
        },
      ],
    };
  }
  return {
    ...base,
    legend: { top: 8, textStyle: { fontSize: 13 } },
    xAxis: { type: 'category', data: spec.categories },
    yAxis: { type: 'value', name: spec.unit, scale: true },
    series: spec.series.map((s, i) => ({
      name: s.name,
      type: 'line',
      data: s.values,
      connectNulls: false,
      symbolSize: 8,
      lineStyle: i === 0 ? { type: 'dashed', width: 2, color: '#57606a' } : { width: 3, color: '#cf222e' },
      itemStyle: { color: i === 0 ? '#57606a' : '#cf222e' },
      label: i === 1 ? { show: true, position: 'top', fontSize: 12 } : { show: false },
    })),
  };
}

/** ECharts server-side rendering to an SVG string (no DOM). */
export function chartSvg(spec: ChartSpec, width = 640, height = 360): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(optionOf(spec));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/**
 * Fonts for the PNG fallback, fastest first. resvg shapes every text node with the font's full layout tables:
 * WenQuanYi Micro Hei (fonts-wqy-microhei) takes ~60 ms a chart, Noto CJK (fonts-noto-cjk) ~300 ms, and
 * scanning every system font costs more again, so one known file is loaded when there is one.
 */
const CJK_FONTS = [
  { file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYi Micro Hei' },
  { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'Noto Sans CJK SC' },
];

let fontChoice: { loadSystemFonts: boolean; fontFiles?: string[]; defaultFontFamily: string } | undefined;
function fontOptions() {
  if (!fontChoice) {
    const found = CJK_FONTS.find((f) => existsSync(f.file));
    fontChoice = found
      ? { loadSystemFonts: false, fontFiles: [found.file], defaultFontFamily: found.family }
      : { loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC' };
  }
  return fontChoice;
}

/** SVG to PNG at `scale` × size, off the main thread; text is drawn with the machine's CJK font. */
export async function svgToPng(svg: string, width: number, scale = 2): Promise<Buffer> {
  const image = await renderAsync(svg, {
    fitTo: { mode: 'width', value: width * scale },
    font: fontOptions(),
    background: 'white',
  });
  return Buffer.from(image.asPng());
}

/** Recent PNGs by SVG text: the same chart asked for again (Word, then PDF, of one report) is drawn once. */
const pngCache = new Map<string, Promise<Buffer>>();
const PNG_CACHE_SIZE = 32;

function cachedPng(svg: string, width: number): Promise<Buffer> {
  let png = pngCache.get(svg);
  if (!png) {
    png = svgToPng(svg, width);
    png.catch(() => pngCache.delete(svg));
    pngCache.set(svg, png);
    if (pngCache.size > PNG_CACHE_SIZE) pngCache.delete(pngCache.keys().next().value as string);
  }
  return png;
}

/** Renders every chart; the PNG fallbacks are drawn in parallel, off the main thread. */
export async function renderCharts(specs: ChartSpec[], width = 640, height = 360): Promise<RenderedChart[]> {
  return Promise.all(
    specs.map(async (spec) => {
      const svg = chartSvg(spec, width, height);
      return { id: spec.id, svg: Buffer.from(svg), png: await cachedPng(svg, width), width, height };
    }),
  );
}

/** Forget cached PNGs (benchmarks measure drawing, not the cache). */
export function clearChartCache(): void {
  pngCache.clear();
}
