import { useCallback } from 'react';
import { format, type Locale, useI18n } from '../../i18n.ts';

/** UI strings of the bulletin page (季度通报). The bulletin itself is a Chinese official document. */
const zh = {
  'nav.bulletins': '季度通报',
  title: '季度通报',
  subtitle:
    '按季度起草的“五个一”推进情况通报：考核排名、红黄榜和季度数据由系统生成，印发前可逐段修改、增删红黄榜项目。',
  year: '年份',
  quarter: '季度',
  yearOption: '{year}年',
  quarterOption: '第{q}季度',
  draft: '起草通报',
  regenerate: '按最新数据重新生成',
  'regenerate.confirm': '重新生成会覆盖对本稿的所有修改，确定吗？',
  issue: '印发',
  'issue.confirm': '印发后通报不能再修改，确定印发吗？',
  'state.draft': '草稿 第{v}版',
  'state.issued': '已印发（{date}，{by}）',
  empty: '{year}年第{q}季度还没有通报。',
  'download.docx': 'Word 稿',
  'download.pdf': 'PDF',
  'download.failed': '下载失败',
  edit: '修改',
  save: '保存',
  cancel: '取消',
  saved: '已保存（第{v}版）',
  issued: '通报已印发',
  drafted: '已生成通报草稿',
  remove: '移出',
  'remove.confirm': '把“{name}”移出{list}？',
  add: '添加项目',
  'add.title': '添加到{list}',
  'field.project': '项目名称',
  'field.county': '县（市、区）',
  'field.unit': '责任单位',
  'field.reason': '原因',
  'field.required': '请填写{field}',
  red: '红榜',
  yellow: '黄榜',
  manual: '人工添加',
  frozen: '通报已印发，内容已冻结，不能再修改。',
  demo: '示例数据',
  demoHint: '本通报中的项目和数值含系统生成的示例数据，仅用于演示。',
  contentNote: '',
  figures: '季度数据及来源',
  'figures.rule': '计算规则',
  'figures.projects': '涉及项目 {n} 个',
  tableCounty: '表1  各县（市、区）考核排名',
  tableZone: '表2  各开发区考核排名',
  redCaption: '红色预警项目清单',
  yellowCaption: '黄色预警项目清单',
  count: '红榜 {red} 个，黄榜 {yellow} 个',
};

export type BulletinMessageKey = keyof typeof zh;

const en: Record<BulletinMessageKey, string> = {
  'nav.bulletins': 'Bulletins',
  title: 'Quarterly bulletin',
  subtitle:
    "The bulletin of the quarterly 五个一 cycle: the ranking, the red and yellow lists and the quarter's figures are drafted by the system; edit paragraphs and list entries before issuing.",
  year: 'Year',
  quarter: 'Quarter',
  yearOption: '{year}',
  quarterOption: 'Q{q}',
  draft: 'Draft the bulletin',
  regenerate: 'Regenerate from current data',
  'regenerate.confirm': 'Regenerating replaces every edit made to this draft. Continue?',
  issue: 'Issue',
  'issue.confirm': 'An issued bulletin can no longer be edited. Issue it now?',
  'state.draft': 'Draft, version {v}',
  'state.issued': 'Issued ({date}, {by})',
  empty: 'There is no bulletin for {year} Q{q} yet.',
  'download.docx': 'Word',
  'download.pdf': 'PDF',
  'download.failed': 'Download failed',
  edit: 'Edit',
  save: 'Save',
  cancel: 'Cancel',
  saved: 'Saved (version {v})',
  issued: 'The bulletin has been issued',
  drafted: 'Draft created',
  remove: 'Remove',
  'remove.confirm': 'Remove “{name}” from the {list}?',
  add: 'Add a project',
  'add.title': 'Add to the {list}',
  'field.project': 'Project',
  'field.county': 'County',
  'field.unit': 'Responsible unit',
  'field.reason': 'Reason',
  'field.required': '{field} is required',
  red: 'red list',
  yellow: 'yellow list',
  manual: 'added by hand',
  frozen: 'The bulletin has been issued; its content is frozen.',
  demo: 'Demo data',
  demoHint: 'Projects and figures in this bulletin include generated demo data, for demonstration only.',
  contentNote:
    'The bulletin below stays in Chinese: it is a Chinese official document (公文). Only the page controls are translated.',
  figures: 'Figures of the quarter and their sources',
  'figures.rule': 'Rule',
  'figures.projects': '{n} projects',
  tableCounty: 'Table 1  Counties',
  tableZone: 'Table 2  Development zones',
  redCaption: 'Red list',
  yellowCaption: 'Yellow list',
  count: '{red} on the red list, {yellow} on the yellow list',
};

const messages: Record<Locale, Record<BulletinMessageKey, string>> = { zh, en };

export type BulletinTranslate = (key: BulletinMessageKey, vars?: Record<string, string | number>) => string;

export function useBulletinI18n(): { t: BulletinTranslate; locale: Locale } {
  const { locale } = useI18n();
  const t = useCallback<BulletinTranslate>((key, vars) => format(messages[locale][key] ?? key, vars), [locale]);
  return { t, locale };
}
