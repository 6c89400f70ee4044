import { useCallback } from 'react';
import { format, type Locale, useI18n } from '../../../i18n.ts';

/** UI strings of creating and deleting a quarter's events, Chinese first. */
const zh = {
  'evf.add': '登记活动',
  'evf.title': '登记{year}年第{q}季度活动',
  'evf.kind': '活动类型',
  'evf.heldOn': '日期',
  'evf.heldOnHint': '须在本季度内（{first}至{last}）',
  'evf.name': '活动名称',
  'evf.namePh': '例如：2024年第四季度重大项目集中签约活动',
  'evf.place': '地点',
  'evf.note': '说明',
  'evf.unit': '金额单位',
  'evf.wan': '万元',
  'evf.yi': '亿元',
  'evf.projects': '项目',
  'evf.search': '输入项目名称、编号或业主搜索，选择后加入',
  'evf.col.project': '项目',
  'evf.col.county': '县（市、区）',
  'evf.col.amount': '金额（{unit}）',
  'evf.amountPh': '未注明',
  'evf.remove': '移除',
  'evf.total': '合计 {n} 个项目，{yi} 亿元（{wan} 万元）',
  'evf.totalTour': '共 {n} 个观摩项目（观摩活动不登记金额）',
  'evf.save': '保存',
  'evf.cancel': '取消',
  'evf.saved': '已登记：{title}',
  'evf.required.title': '请填写活动名称',
  'evf.required.heldOn': '请选择日期',
  'evf.delete': '删除',
  'evf.deleteConfirm': '删除活动“{title}”？其项目与金额将不再计入本季度。',
  'evf.deleted': '已删除：{title}',
  'evf.ok': '删除',
  'evf.no': '取消',
} as const;

type Key = keyof typeof zh;

const en: Record<Key, string> = {
  'evf.add': 'Record an event',
  'evf.title': 'Record an event of {year} Q{q}',
  'evf.kind': 'Kind',
  'evf.heldOn': 'Date',
  'evf.heldOnHint': 'Within the quarter ({first} to {last})',
  'evf.name': 'Title',
  'evf.namePh': 'e.g. Q4 2024 signing of major projects',
  'evf.place': 'Place',
  'evf.note': 'Note',
  'evf.unit': 'Amounts in',
  'evf.wan': '10k yuan',
  'evf.yi': '100 million yuan',
  'evf.projects': 'Projects',
  'evf.search': 'Search projects by name, code or owner; pick one to add it',
  'evf.col.project': 'Project',
  'evf.col.county': 'County',
  'evf.col.amount': 'Amount ({unit})',
  'evf.amountPh': 'not stated',
  'evf.remove': 'Remove',
  'evf.total': '{n} projects, {yi} hundred million yuan ({wan} ten thousand yuan)',
  'evf.totalTour': '{n} projects visited (a tour records no amounts)',
  'evf.save': 'Save',
  'evf.cancel': 'Cancel',
  'evf.saved': 'Recorded: {title}',
  'evf.required.title': 'Enter the title',
  'evf.required.heldOn': 'Pick the date',
  'evf.delete': 'Delete',
  'evf.deleteConfirm': 'Delete the event "{title}"? Its projects and amounts no longer count for the quarter.',
  'evf.deleted': 'Deleted: {title}',
  'evf.ok': 'Delete',
  'evf.no': 'Cancel',
};

const messages: Record<Locale, Record<Key, string>> = { zh, en };

export type EventTranslate = (key: Key, vars?: Record<string, string | number>) => string;

export function useEventI18n(): { t: EventTranslate; locale: Locale } {
  const { locale } = useI18n();
  const t = useCallback<EventTranslate>((key, vars) => format(messages[locale][key] ?? key, vars), [locale]);
  return { t, locale };
}
