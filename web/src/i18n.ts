import {
  createContext,
  createElement,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';

/** Every UI string of the web app, Chinese first (the planning office's words), English second. */
const zh = {
  'app.name': '蓝图 Lantu',
  'app.tagline': '规划实施管理系统',
  'nav.plans': '规划列表',
  'lang.switch': '语言',
  'footer.database': '数据库',
  'footer.version': '版本',

  'common.loading': '正在加载…',
  'common.retry': '重试',
  'common.close': '关闭',
  'common.cancel': '取消',
  'common.none': '无',
  'common.error': '出错了',
  'common.errorCode': '错误代码',

  'plans.title': '规划列表',
  'plans.subtitle': '已导入系统的规划纲要，点击标题查看目录与正文。',
  'plans.import': '导入规划',
  'plans.empty': '还没有规划，点击“导入规划”上传规划纲要文件。',
  'plans.col.title': '规划名称',
  'plans.col.region': '地区',
  'plans.col.period': '规划期',
  'plans.col.status': '状态',
  'plans.col.chapters': '章数',
  'plans.col.created': '导入时间',
  'plans.demo': '示例',
  'plans.demoHint': '系统自带的示例规划',
  'plans.total': '共 {n} 项',

  'status.draft': '草稿',
  'status.published': '已发布',

  'period.range': '{start}—{end}年',
  'period.fyp': '“{n}五”',

  'import.title': '导入规划',
  'import.intro': '上传规划纲要全文，系统将识别文字编码、修复常见乱码并提取章、节、专栏目录。',
  'import.file': '规划文件',
  'import.fileHint': '支持 .txt（任意常见编码）、.docx、.pdf、.html，单个文件',
  'import.fileSelect': '点击选择文件，或将文件拖到此处',
  'import.fileRequired': '请选择要导入的规划文件',
  'import.region': '地区',
  'import.regionRequired': '请选择地区',
  'import.regionPlaceholder': '选择市或县（市、区）',
  'import.cities': '设区市',
  'import.countiesOf': '{city}所辖县（市、区）',
  'import.period': '规划期',
  'import.periodStart': '起始年',
  'import.periodEnd': '终止年',
  'import.yearSuffix': '年',
  'import.periodRequired': '请填写规划期起止年份',
  'import.periodOrder': '终止年不能早于起始年',
  'import.titleLabel': '规划名称（可选）',
  'import.titlePlaceholder': '留空则使用文件中的标题',
  'import.submit': '开始导入',
  'import.submitting': '正在导入…',
  'import.failed': '导入失败',
  'import.success': '导入成功',
  'import.successDetail': '“{title}”已加入规划列表，共识别出 {n} 章。',
  'import.report': '导入报告',
  'import.report.file': '文件',
  'import.report.format': '文件格式',
  'import.report.encoding': '文字编码',
  'import.report.confidence': '识别把握',
  'import.report.chars': '字符数',
  'import.report.size': '文件大小',
  'import.report.repairs': '自动修复',
  'import.report.noRepairs': '未发现需要修复的问题',
  'import.report.kind': '问题类型',
  'import.report.count': '处数',
  'import.report.examples': '示例（修复前 → 修复后）',
  'import.open': '查看规划',
  'import.another': '继续导入',
  'import.done': '完成',

  'repair.mojibake': '乱码修复',
  'repair.mojibake_damaged': '无法修复的乱码（已标记，不提取数据）',
  'repair.pinyin_annotation': '删除拼音注音',
  'repair.traditional_to_simplified': '繁体转简体',
  'repair.full_width': '全角字母数字转半角',
  'repair.number_spacing': '合并数字中的空格',
  'repair.invisible_characters': '删除不可见字符',
  'repair.page_furniture': '去除页眉页脚、页码',
  'repair.repeated_block': '删除重复段落',
  'repair.broken_line_joined': '合并断行',

  'plan.back': '返回规划列表',
  'plan.outline': '目录',
  'plan.outlineEmpty': '没有识别出目录',
  'plan.expandAll': '全部展开',
  'plan.collapseAll': '全部收起',
  'plan.overview': '规划概览',
  'plan.overviewHint': '在左侧目录中选择章、节或专栏，查看其正文。',
  'plan.stats': '共 {chapters} 章、{sections} 节、{boxes} 个专栏。',
  'plan.chapters': '各章',
  'plan.sectionsOfChapter': '本章各节',
  'plan.itemsOfSection': '本节专栏',
  'plan.childCount': '{n} 节',
  'plan.boxTag': '专栏',
  'plan.chapterIntro': '本章导语',
  'plan.noIntro': '本章开头没有导语，请选择下面的节查看正文。',
  'plan.showFullChapter': '显示全章正文',
  'plan.hideFullChapter': '只看导语',
  'plan.emptyText': '（本节没有正文）',
  'plan.notFound': '找不到该规划',
  'plan.sectionNotFound': '找不到该章节，可能链接已失效。',
  'plan.copyLink': '复制链接',
  'plan.linkCopied': '链接已复制',
  'plan.prev': '上一项',
  'plan.next': '下一项',
  'plan.region': '地区',
  'plan.period': '规划期',
  'plan.status': '状态',
  'plan.updated': '更新时间',
  'plan.kind.chapter': '章',
  'plan.kind.section': '节',
  'plan.kind.box': '专栏',
} as const;

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  'app.name': '蓝图 Lantu',
  'app.tagline': 'Plan implementation',
  'nav.plans': 'Plans',
  'lang.switch': 'Language',
  'footer.database': 'Database',
  'footer.version': 'Version',

  'common.loading': 'Loading…',
  'common.retry': 'Retry',
  'common.close': 'Close',
  'common.cancel': 'Cancel',
  'common.none': 'None',
  'common.error': 'Something went wrong',
  'common.errorCode': 'Error code',

  'plans.title': 'Plans',
  'plans.subtitle': 'Plan outlines imported into Lantu. Click a title to read its outline and text.',
  'plans.import': 'Import plan',
  'plans.empty': 'No plans yet. Click “Import plan” to upload a plan document.',
  'plans.col.title': 'Title',
  'plans.col.region': 'Region',
  'plans.col.period': 'Period',
  'plans.col.status': 'Status',
  'plans.col.chapters': 'Chapters',
  'plans.col.created': 'Imported',
  'plans.demo': 'Demo',
  'plans.demoHint': 'Demo plan shipped with Lantu',
  'plans.total': '{n} in total',

  'status.draft': 'Draft',
  'status.published': 'Published',

  'period.range': '{start}–{end}',
  'period.fyp': '{n} Five-Year Plan',

  'import.title': 'Import plan',
  'import.intro':
    'Upload the full plan document. Lantu detects the text encoding, repairs common damage and extracts the chapters, sections and boxes.',
  'import.file': 'Plan file',
  'import.fileHint': '.txt (any common encoding), .docx, .pdf or .html; one file',
  'import.fileSelect': 'Click to choose a file, or drop it here',
  'import.fileRequired': 'Choose the plan file to import',
  'import.region': 'Region',
  'import.regionRequired': 'Choose a region',
  'import.regionPlaceholder': 'Choose a city or county',
  'import.cities': 'Cities',
  'import.countiesOf': 'Counties of {city}',
  'import.period': 'Period',
  'import.periodStart': 'From',
  'import.periodEnd': 'To',
  'import.yearSuffix': '',
  'import.periodRequired': 'Enter the first and last year of the period',
  'import.periodOrder': 'The last year cannot be before the first year',
  'import.titleLabel': 'Title (optional)',
  'import.titlePlaceholder': 'Leave empty to use the title found in the file',
  'import.submit': 'Import',
  'import.submitting': 'Importing…',
  'import.failed': 'Import failed',
  'import.success': 'Imported',
  'import.successDetail': '“{title}” was added to the plan list with {n} chapters.',
  'import.report': 'Import report',
  'import.report.file': 'File',
  'import.report.format': 'Format',
  'import.report.encoding': 'Text encoding',
  'import.report.confidence': 'Confidence',
  'import.report.chars': 'Characters',
  'import.report.size': 'File size',
  'import.report.repairs': 'Automatic repairs',
  'import.report.noRepairs': 'Nothing needed repair',
  'import.report.kind': 'Kind',
  'import.report.count': 'Count',
  'import.report.examples': 'Examples (before → after)',
  'import.open': 'Open plan',
  'import.another': 'Import another',
  'import.done': 'Done',

  'repair.mojibake': 'Mojibake repaired',
  'repair.mojibake_damaged': 'Unrepairable mojibake (marked; no data taken from it)',
  'repair.pinyin_annotation': 'Pinyin annotations removed',
  'repair.traditional_to_simplified': 'Traditional → Simplified',
  'repair.full_width': 'Full-width letters and digits folded',
  'repair.number_spacing': 'Spaces inside numbers removed',
  'repair.invisible_characters': 'Invisible characters removed',
  'repair.page_furniture': 'Page headers, footers and numbers removed',
  'repair.repeated_block': 'Repeated blocks removed',
  'repair.broken_line_joined': 'Broken lines joined',

  'plan.back': 'Back to plans',
  'plan.outline': 'Outline',
  'plan.outlineEmpty': 'No outline was found',
  'plan.expandAll': 'Expand all',
  'plan.collapseAll': 'Collapse all',
  'plan.overview': 'Overview',
  'plan.overviewHint': 'Choose a chapter, section or box in the outline to read its text.',
  'plan.stats': '{chapters} chapters, {sections} sections, {boxes} boxes. ',
  'plan.chapters': 'Chapters',
  'plan.sectionsOfChapter': 'Sections of this chapter',
  'plan.itemsOfSection': 'Boxes in this section',
  'plan.childCount': '{n} sections',
  'plan.boxTag': 'Box',
  'plan.chapterIntro': 'Chapter introduction',
  'plan.noIntro': 'This chapter has no introduction; choose a section below to read its text.',
  'plan.showFullChapter': 'Show the whole chapter',
  'plan.hideFullChapter': 'Introduction only',
  'plan.emptyText': '(no text)',
  'plan.notFound': 'Plan not found',
  'plan.sectionNotFound': 'This part of the plan was not found; the link may be out of date.',
  'plan.copyLink': 'Copy link',
  'plan.linkCopied': 'Link copied',
  'plan.prev': 'Previous',
  'plan.next': 'Next',
  'plan.region': 'Region',
  'plan.period': 'Period',
  'plan.status': 'Status',
  'plan.updated': 'Updated',
  'plan.kind.chapter': 'Chapter',
  'plan.kind.section': 'Section',
  'plan.kind.box': 'Box',
};

export type Locale = 'zh' | 'en';
export const messages: Record<Locale, Record<MessageKey, string>> = { zh, en };

const STORAGE_KEY = 'lantu.locale';

export function initialLocale(): Locale {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (saved === 'zh' || saved === 'en') return saved;
  } catch {
    // storage may be unavailable (privacy mode); fall through to the default
  }
  return 'zh';
}

export function format(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface I18nValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, next);
    } catch {
      // not persisted; the choice still applies to this page
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale === 'zh' ? 'zh-CN' : 'en';
  }, [locale]);
  const value = useMemo<I18nValue>(
    () => ({ locale, setLocale, t: (key, vars) => format(messages[locale][key] ?? key, vars) }),
    [locale, setLocale],
  );
  return createElement(I18nContext.Provider, { value }, children);
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

/** Label of a repair kind; unknown kinds are shown by their code. */
export function repairLabel(t: Translate, kind: string): string {
  const key = `repair.${kind}` as MessageKey;
  return key in zh ? t(key) : kind;
}

const CN_DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

function chineseNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n] ?? String(n);
  if (n < 20) return `十${CN_DIGITS[n - 10]}`;
  if (n < 100) return `${CN_DIGITS[Math.floor(n / 10)]}十${CN_DIGITS[n % 10]}`;
  return String(n);
}

function ordinalEn(n: number): string {
  const mod100 = n % 100;
  if (mod100 >= 11 && mod100 <= 13) return `${n}th`;
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`;
}

/** The national five-year plan a period matches (2021–2025 → 十四五), or null. */
export function fiveYearPlanLabel(t: Translate, locale: Locale, start: number, end: number): string | null {
  if (end - start !== 4 || start < 1966 || (start - 1966) % 5 !== 0) return null;
  const n = (start - 1966) / 5 + 3;
  return t('period.fyp', { n: locale === 'zh' ? chineseNumber(n) : ordinalEn(n) });
}

export function periodLabel(t: Translate, start: number, end: number): string {
  return t('period.range', { start, end });
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-11-23 15:59` in local time: the form Chinese offices write dates in. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function formatNumber(locale: Locale, n: number): string {
  return new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-US').format(n);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
