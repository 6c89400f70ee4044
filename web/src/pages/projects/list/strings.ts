import { useCallback } from 'react';
import { format, type Locale, useI18n } from '../../../i18n.ts';

/** UI strings of the project list's filters, funnel and export (the page's other strings: ../strings.ts). */
const zh = {
  'filter.light': '预警灯',
  'filter.chain': '产业链',
  'filter.clear': '清除筛选',
  export: '导出筛选结果（Excel）',
  'export.title': '按当前筛选条件导出项目列表，含预警灯与原因',
  'light.hint': '预警灯按 {date} 的时序进度：{year} 年 1—{m} 月完成投资与计划节点',
  'funnel.title': '项目推进漏斗：{scope}',
  'funnel.hint': '漏斗宽度为进入该阶段及以后的项目数；点击阶段只看当前在该库的项目',
  'funnel.reached': '进入本阶段及以后',
  'funnel.now': '当前在库',
  'funnel.invest': '在库项目总投资',
  'funnel.count': '{n} 个',
  'funnel.yi': '{n} 亿元',
  'funnel.counties': '各县（市、区）四库项目数（点击县名筛选）',
  'funnel.cityLevel': '市级及开发区',
  'funnel.stage': '{label} {n} 个',
  'col.planYear': '年度计划/完成（万元）',
  'sort.hint': '点击列标题排序',
  'asOf.label': '评价日期',
  'asOf.placeholder': '今天',
  'asOf.title': '预警灯按哪一天的时序进度评价（默认今天）',
  'asOf.stale': '月度投资数据止于 {date}，按此后的日期评价，预警灯多为红灯',
  'asOf.use': '按 {date} 评价',
  'asOf.today': '改回今天',
};

type ListMessageKey = keyof typeof zh;

const en: Record<ListMessageKey, string> = {
  'filter.light': 'Light',
  'filter.chain': 'Industry chain',
  'filter.clear': 'Clear filters',
  export: 'Export the filtered list (Excel)',
  'export.title': 'The projects of the current filter, with their lights and reasons',
  'light.hint': 'Lights as of {date}: time-proportional progress over January–month {m} of {year}, and milestones',
  'funnel.title': 'Pipeline: {scope}',
  'funnel.hint': 'Width: projects that reached the stage or a later one; click a stage to list the projects now in it',
  'funnel.reached': 'Reached this stage or later',
  'funnel.now': 'Now in this library',
  'funnel.invest': 'Their total investment',
  'funnel.count': '{n}',
  'funnel.yi': '{n} hundred million yuan',
  'funnel.counties': 'Projects per library by county (click a county to filter)',
  'funnel.cityLevel': 'City level and zones',
  'funnel.stage': '{label} {n}',
  'col.planYear': 'Year planned / done (10k CNY)',
  'sort.hint': 'Click a column title to sort',
  'asOf.label': 'As of',
  'asOf.placeholder': 'Today',
  'asOf.title': 'The day the warning lights are judged on (today by default)',
  'asOf.stale': 'Monthly investment data ends on {date}: judged on a later day, most lights are red',
  'asOf.use': 'Judge as of {date}',
  'asOf.today': 'Back to today',
};

const messages: Record<Locale, Record<ListMessageKey, string>> = { zh, en };

export type ListTranslate = (key: ListMessageKey, vars?: Record<string, string | number>) => string;

export function useListI18n(): { tl: ListTranslate; locale: Locale } {
  const { locale } = useI18n();
  const tl = useCallback<ListTranslate>((key, vars) => format(messages[locale][key] ?? key, vars), [locale]);
  return { tl, locale };
}
