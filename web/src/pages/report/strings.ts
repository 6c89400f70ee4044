import { useCallback } from 'react';
import { format, type Locale, useI18n } from '../../i18n.ts';

/** UI strings of the annual report page (年度监测评估报告). The report text itself is always Chinese. */
const zh = {
  'nav.report': '年度报告',
  title: '年度监测评估报告',
  subtitle: '按所选年份和地区生成的规划实施年度监测评估报告讨论稿；黄色标出的【待补充】处需要人工撰写判断。',
  year: '年份',
  yearOption: '{year}年',
  region: '地区',
  countiesOf: '所辖县（市、区）',
  download: '下载',
  'download.docx': 'Word 稿',
  'download.pdf': 'PDF',
  'download.xlsx': 'Excel 台账',
  'download.docxHint': '可编辑的 Word 讨论稿（公文格式），在【待补充】处填写后印发',
  'download.pdfHint': '供传阅的 PDF 版本（服务器需安装 LibreOffice）',
  'download.xlsxHint': '本年度指标台账，可按牵头单位筛选',
  'download.generating': '正在生成{kind}，请稍候…',
  'download.done': '{kind}已生成：{name}',
  'download.failed': '{kind}生成失败',
  fills: '待补充 {n} 处',
  'fills.next': '下一处',
  'fills.hint': '黄色标出的是需要人工补充判断、成效和措施的位置',
  total: '主要指标 {n} 项',
  behind: '滞后、预警或未达标 {n} 项',
  good: '符合或好于预期 {n} 项',
  demo: '示例数据',
  demoHint: '报告中的数值含系统生成的演示数据，仅用于演示。',
  contentNote: '',
  pageBreak: '分页',
  notFound: '找不到该规划',
  'chart.expected': '规划路径（预期值）',
  'chart.count': '指标数',
};

export type ReportMessageKey = keyof typeof zh;

const en: Record<ReportMessageKey, string> = {
  'nav.report': 'Annual report',
  title: 'Annual monitoring report',
  subtitle:
    "Draft of the annual monitoring and evaluation report for the chosen year and region; the places marked in yellow need a person's judgement.",
  year: 'Year',
  yearOption: '{year}',
  region: 'Region',
  countiesOf: 'Counties',
  download: 'Download',
  'download.docx': 'Word',
  'download.pdf': 'PDF',
  'download.xlsx': 'Excel ledger',
  'download.docxHint': 'Editable Word draft in the official document format; fill in the marked places before issuing',
  'download.pdfHint': 'PDF for circulation (the server needs LibreOffice)',
  'download.xlsxHint': 'Indicator ledger of the year, filterable by lead unit',
  'download.generating': 'Generating the {kind} file…',
  'download.done': '{kind} ready: {name}',
  'download.failed': '{kind} could not be generated',
  fills: '{n} places to fill in',
  'fills.next': 'Next',
  'fills.hint': 'The places marked in yellow need a person to add judgement, results and measures',
  total: '{n} indicators',
  behind: '{n} behind, warning or failed',
  good: '{n} on track or better',
  demo: 'Demo data',
  demoHint: 'Values in this report include generated demo data, for demonstration only.',
  contentNote:
    'The report below stays in Chinese: it is a Chinese official document (公文) drafted for the government. Only the page controls are translated.',
  pageBreak: 'page break',
  notFound: 'Plan not found',
  'chart.expected': 'Planned path (expected)',
  'chart.count': 'Indicators',
};

const messages: Record<Locale, Record<ReportMessageKey, string>> = { zh, en };

export type ReportTranslate = (key: ReportMessageKey, vars?: Record<string, string | number>) => string;

export function useReportI18n(): { t: ReportTranslate; locale: Locale } {
  const { locale } = useI18n();
  const t = useCallback<ReportTranslate>((key, vars) => format(messages[locale][key] ?? key, vars), [locale]);
  return { t, locale };
}
