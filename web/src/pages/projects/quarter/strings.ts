import { useCallback } from 'react';
import { format, type Locale, useI18n } from '../../../i18n.ts';

/** UI strings of the quarter's tour sheet, events and leader changes (Chinese first). */
const zh = {
  'tour.title': '观摩评分',
  'tour.sheet': '评分表（{items}），满分{max}分；{n}位及以上评委评分时去掉一个最高分和一个最低分',
  'tour.none': '本季度尚无观摩评分，观摩评分项暂计0分',
  'tour.col.region': '地区',
  'tour.col.judges': '评委数',
  'tour.col.mean': '观摩得分',
  'tour.col.how': '计算方法',
  'tour.enter': '录入评分',
  'tour.judge': '评委',
  'tour.judgePh': '评委姓名',
  'tour.region': '地区',
  'tour.save': '保存评分',
  'tour.saved': '已保存：{text}',
  'tour.closed': '本季度考核已结束，评分已锁定',
  'tour.close': '结束本季度考核',
  'tour.closeConfirm': '结束后评分细则版本与观摩评分都将锁定，不能再修改。确定结束？',
  'tour.total': '合计 {n} 分',
  'rubric.bound': '考核细则：{name}（第{v}版，已锁定）',
  'rubric.unbound': '考核细则：{name}（第{v}版，当前版本，首次评分时锁定）',
  'q.closed': '已结束',
  'q.tourCol': '观摩',
  'ev.title': '本季度活动',
  'ev.signing': '集中签约',
  'ev.groundbreaking': '集中开工',
  'ev.tour': '观摩',
  'ev.total': '{events} 次 · {projects} 个项目 · {amount} 亿元',
  'ev.totalTour': '{events} 次',
  'ev.none': '本季度没有登记签约、开工或观摩活动',
  'ev.projects': '{n} 个项目，合计 {amount} 亿元',
  'ev.evidence': '出处：文档 #{id}（第 {start}–{end} 字）',
  'ev.col.project': '项目',
  'ev.col.county': '县（市、区）',
  'ev.col.amount': '金额（万元）',
  'lq.title': '本季度变化（{year}年第{q}季度，较第{pq}季度）',
  'lq.moves': '进库与节点',
  'lq.newProblems': '新增问题',
  'lq.closedProblems': '办结问题',
  'lq.investment': '完成投资（万元）',
  'lq.prev': '上季度 {n}',
  'lq.none': '无',
  'lq.quarter': '季度',
} as const;

type Key = keyof typeof zh;

const en: Record<Key, string> = {
  'tour.title': 'Inspection-tour scores',
  'tour.sheet': 'Sheet ({items}), out of {max}; with {n} or more judges the highest and lowest marks are dropped',
  'tour.none': 'No tour scores this quarter yet: the tour item counts 0',
  'tour.col.region': 'Region',
  'tour.col.judges': 'Judges',
  'tour.col.mean': 'Tour score',
  'tour.col.how': 'How it is computed',
  'tour.enter': 'Enter scores',
  'tour.judge': 'Judge',
  'tour.judgePh': 'Judge’s name',
  'tour.region': 'Region',
  'tour.save': 'Save scores',
  'tour.saved': 'Saved: {text}',
  'tour.closed': 'The quarter is closed: its scores are locked',
  'tour.close': 'Close the quarter',
  'tour.closeConfirm': 'Closing locks the rubric version and the tour scores for good. Close the quarter?',
  'tour.total': 'Total {n}',
  'rubric.bound': 'Rubric: {name} (version {v}, locked)',
  'rubric.unbound': 'Rubric: {name} (version {v}, current; locked at the first score)',
  'q.closed': 'closed',
  'q.tourCol': 'Tour',
  'ev.title': 'Events this quarter',
  'ev.signing': 'Signings',
  'ev.groundbreaking': 'Groundbreakings',
  'ev.tour': 'Tours',
  'ev.total': '{events} · {projects} projects · {amount} hundred million yuan',
  'ev.totalTour': '{events}',
  'ev.none': 'No signing, groundbreaking or tour recorded this quarter',
  'ev.projects': '{n} projects, {amount} hundred million yuan in all',
  'ev.evidence': 'Source: document #{id} (characters {start}–{end})',
  'ev.col.project': 'Project',
  'ev.col.county': 'County',
  'ev.col.amount': 'Amount (10k yuan)',
  'lq.title': 'Changes in {year} Q{q} (against Q{pq})',
  'lq.moves': 'Library moves and milestones',
  'lq.newProblems': 'New problems',
  'lq.closedProblems': 'Closed problems',
  'lq.investment': 'Investment completed (10k yuan)',
  'lq.prev': 'previous quarter {n}',
  'lq.none': 'none',
  'lq.quarter': 'Quarter',
};

const messages: Record<Locale, Record<Key, string>> = { zh, en };

export type QuarterTranslate = (key: Key, vars?: Record<string, string | number>) => string;

export function useQuarterI18n(): { t: QuarterTranslate; locale: Locale } {
  const { locale } = useI18n();
  const t = useCallback<QuarterTranslate>((key, vars) => format(messages[locale][key] ?? key, vars), [locale]);
  return { t, locale };
}

/** 万元 → 亿元 with two decimals (134.66). */
export const yi = (wan: number) => (wan / 10_000).toFixed(2);
