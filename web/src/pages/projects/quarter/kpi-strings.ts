import { useCallback } from 'react';
import { format, type Locale, useI18n } from '../../../i18n.ts';

/** UI strings of the drawer listing the projects behind a KPI of the ranking (Chinese first). */
const zh = {
  'kpi.landingRate': '签约落地率',
  'kpi.startRate': '开工率',
  'kpi.investmentCompletionRate': '投资完成率',
  'kpi.productionRate': '投产率',
  'kpi.capacityRate': '达产率',
  'kpi.title': '{region} · {kpi}（{year}年第{q}季度）',
  'kpi.open': '查看{kpi}背后的项目',
  'kpi.def.landingRate': '{from}至{to}签约的项目中，至{to}已开工的比例',
  'kpi.def.startRate': '计划于{from}至{to}开工的项目中，至{to}已开工的比例',
  'kpi.def.productionRate': '计划于{from}至{to}投产的项目中，至{to}已投产的比例',
  'kpi.def.capacityRate': '计划于{from}至{to}达产的项目中，至{to}已达产的比例',
  'kpi.def.investmentCompletionRate': '{year}年1—{m}月完成投资 ÷ 全年计划投资',
  'kpi.summary': '分母 {den} 个项目，计入分子 {num} 个，{kpi} {rate}',
  'kpi.summaryInvest': '全年计划 {den} 万元，1—{m}月完成 {num} 万元，{kpi} {rate}',
  'kpi.count': '共 {n} 个项目',
  'kpi.none': '本季度该项指标没有需要考核的项目（比率记为“—”，不是 0%）',
  'kpi.col.project': '项目',
  'kpi.col.region': '县（市、区）',
  'kpi.col.library': '所处库',
  'kpi.col.counted': '计入分子',
  'kpi.counted': '计入',
  'kpi.notCounted': '未计入',
  'kpi.notInDen': '无年度计划，仅计入完成额',
  'kpi.basis.landingRate': '签约日期',
  'kpi.basis.startRate': '计划开工',
  'kpi.basis.productionRate': '计划投产',
  'kpi.basis.capacityRate': '计划达产',
  'kpi.reached.landingRate': '实际开工',
  'kpi.reached.startRate': '实际开工',
  'kpi.reached.productionRate': '实际投产',
  'kpi.reached.capacityRate': '实际达产',
  'kpi.late': '（晚于季末）',
  'kpi.planned': '全年计划（万元）',
  'kpi.completed': '1—{m}月完成（万元）',
  'kpi.list': '在项目列表中查看该地区项目',
} as const;

type Key = keyof typeof zh;

const en: Record<Key, string> = {
  'kpi.landingRate': 'Landing rate',
  'kpi.startRate': 'Start rate',
  'kpi.investmentCompletionRate': 'Investment completion',
  'kpi.productionRate': 'Production rate',
  'kpi.capacityRate': 'Capacity rate',
  'kpi.title': '{region} · {kpi} ({year} Q{q})',
  'kpi.open': 'The projects behind the {kpi}',
  'kpi.def.landingRate': 'Of the projects signed {from} to {to}, the share started by {to}',
  'kpi.def.startRate': 'Of the projects planned to start {from} to {to}, the share started by {to}',
  'kpi.def.productionRate': 'Of the projects planned to go into production {from} to {to}, the share that had by {to}',
  'kpi.def.capacityRate': 'Of the projects planned to reach capacity {from} to {to}, the share that had by {to}',
  'kpi.def.investmentCompletionRate': 'Investment completed January–month {m} of {year} ÷ planned for the year',
  'kpi.summary': '{den} projects in the denominator, {num} counted: {kpi} {rate}',
  'kpi.summaryInvest': 'Planned for the year {den} (10k yuan), completed through month {m} {num}: {kpi} {rate}',
  'kpi.count': '{n} projects',
  'kpi.none': 'No project is measured by this KPI this quarter (the rate is “—”, not 0 %)',
  'kpi.col.project': 'Project',
  'kpi.col.region': 'County',
  'kpi.col.library': 'Library',
  'kpi.col.counted': 'Counted',
  'kpi.counted': 'counted',
  'kpi.notCounted': 'not counted',
  'kpi.notInDen': 'no annual plan: counts in the completed sum only',
  'kpi.basis.landingRate': 'Signed',
  'kpi.basis.startRate': 'Planned start',
  'kpi.basis.productionRate': 'Planned production',
  'kpi.basis.capacityRate': 'Planned capacity',
  'kpi.reached.landingRate': 'Started',
  'kpi.reached.startRate': 'Started',
  'kpi.reached.productionRate': 'In production',
  'kpi.reached.capacityRate': 'At capacity',
  'kpi.late': ' (after the quarter)',
  'kpi.planned': 'Planned for the year (10k yuan)',
  'kpi.completed': 'Completed, months 1–{m} (10k yuan)',
  'kpi.list': 'Open the region’s projects in the project list',
};

const messages: Record<Locale, Record<Key, string>> = { zh, en };

export type KpiMessageKey = Key;
export type KpiTranslate = (key: Key, vars?: Record<string, string | number>) => string;

export function useKpiI18n(): { tk: KpiTranslate; locale: Locale } {
  const { locale } = useI18n();
  const tk = useCallback<KpiTranslate>((key, vars) => format(messages[locale][key] ?? key, vars), [locale]);
  return { tk, locale };
}
