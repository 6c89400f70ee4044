import { useCallback } from 'react';
import { format, type Locale, useI18n } from '../../../i18n.ts';

/** UI strings of a quarter's deduction and veto matters (扣分与否决事项), Chinese first. */
const zh = {
  'pen.title': '扣分与否决事项',
  'pen.kinds':
    '本季度考核细则（{rubric} 第{version}版）可登记：{kinds}。登记后即计入排名，一票否决的地区得{vetoScore}分、排名末位。',
  'pen.noKinds': '本季度考核细则没有需要登记的扣分或否决项（问题超期扣分由问题台账自动计算）。',
  'pen.veto': '一票否决',
  'pen.deduction': '扣分',
  'pen.each': '每项扣{each}分，最多{max}分',
  'pen.empty': '本季度未登记扣分或否决事项',
  'pen.col.region': '地区',
  'pen.col.kind': '事项',
  'pen.col.date': '发生日期',
  'pen.col.reason': '事由',
  'pen.col.source': '依据',
  'pen.col.by': '登记人',
  'pen.add': '登记事项',
  'pen.region': '县（市、区）或开发区',
  'pen.kind': '事项类别',
  'pen.date': '发生日期',
  'pen.dateHint': '须在本季度内（{first}至{last}）',
  'pen.reason': '事由',
  'pen.reasonPh': '写明发生了什么，例如：某项目工地发生较大生产安全事故',
  'pen.source': '依据',
  'pen.sourcePh': '通报文号或来源，可不填',
  'pen.save': '登记',
  'pen.saved': '已登记：{region} · {kind}',
  'pen.delete': '删除',
  'pen.deleteConfirm': '删除“{region} · {kind}”？排名将不再计入这一事项。',
  'pen.closed': '本季度考核已结束，事项不能再登记或删除。',
  'pen.required': '请填写',
};
type Key = keyof typeof zh;
const en: Record<Key, string> = {
  'pen.title': 'Deductions and vetoes',
  'pen.kinds':
    'The quarter’s rubric ({rubric} v{version}) takes: {kinds}. A matter counts in the ranking at once; a vetoed region scores {vetoScore} and ranks last.',
  'pen.noKinds':
    'The quarter’s rubric has no deduction or veto to record (overdue problems are counted from the problem ledger).',
  'pen.veto': 'Veto',
  'pen.deduction': 'Deduction',
  'pen.each': '{each} points each, at most {max}',
  'pen.empty': 'No deduction or veto recorded this quarter',
  'pen.col.region': 'Region',
  'pen.col.kind': 'Matter',
  'pen.col.date': 'Date',
  'pen.col.reason': 'What happened',
  'pen.col.source': 'Source',
  'pen.col.by': 'Recorded by',
  'pen.add': 'Record a matter',
  'pen.region': 'County or zone',
  'pen.kind': 'Kind',
  'pen.date': 'Date',
  'pen.dateHint': 'Within the quarter ({first} to {last})',
  'pen.reason': 'What happened',
  'pen.reasonPh': 'Say what happened, e.g. a serious accident on a project site',
  'pen.source': 'Source',
  'pen.sourcePh': 'Notice number or source (optional)',
  'pen.save': 'Record',
  'pen.saved': 'Recorded: {region} · {kind}',
  'pen.delete': 'Delete',
  'pen.deleteConfirm': 'Delete "{region} · {kind}"? The ranking will no longer count it.',
  'pen.closed': 'The quarter’s assessment is closed; matters can no longer be recorded or deleted.',
  'pen.required': 'Required',
};

const messages: Record<Locale, Record<Key, string>> = { zh, en };

export type PenaltyTranslate = (key: Key, vars?: Record<string, string | number>) => string;

export function usePenaltyI18n(): { t: PenaltyTranslate; locale: Locale } {
  const { locale } = useI18n();
  const t = useCallback<PenaltyTranslate>((key, vars) => format(messages[locale][key] ?? key, vars), [locale]);
  return { t, locale };
}
