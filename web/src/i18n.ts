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
  'nav.workbench': '工作台',
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

  'review.tab.outline': '纲目',
  'review.tab.indicators': '指标',
  'review.tab.projects': '项目',
  'review.tab.clusters': '产业链',
  'review.tab.zones': '开发区',
  'review.tab.commitments': '承诺',
  'review.reextract': '重新抽取',
  'review.reextractConfirm': '按原文重新抽取全部条目？人工更正、添加和删除都会保留。',
  'review.reextractDone': '重新抽取完成',
  'review.summary.added': '新增 {n} 条',
  'review.summary.refreshed': '刷新 {n} 条',
  'review.summary.removed': '移除 {n} 条（原文中已找不到）',
  'review.summary.kept': '保留人工修改 {n} 条（原文中已找不到，但有人工更正、添加或删除）',
  'review.summary.note': '人工更正过的条目仍以更正后的内容为准。',
  'review.publish': '发布规划',
  'review.published': '已发布',
  'review.publishConfirmTitle': '发布这份规划？',
  'review.publishConfirm':
    '发布后，审核过的指标、项目、产业链、开发区和承诺将作为本规划的正式内容，供各部门填报和跟踪。',
  'review.publishOk': '发布',
  'review.publishDone': '规划已发布',
  'review.state.extracted': '已抽取',
  'review.state.corrected': '已更正',
  'review.state.added': '人工添加',
  'review.state.deleted': '已删除',
  'review.col.state': '状态',
  'review.col.actions': '操作',
  'review.source': '来源',
  'review.correct': '更正',
  'review.delete': '删除',
  'review.restore': '恢复',
  'review.add': '添加',
  'review.save': '保存',
  'review.saved': '已保存',
  'review.deleted': '已删除“{label}”',
  'review.restored': '已恢复“{label}”',
  'review.addedOk': '已添加“{label}”',
  'review.stale': '已为您刷新为最新内容，请核对后再更正。',
  'review.sourceTitle': '原文出处',
  'review.sourceIn': '位于 {where}',
  'review.sourceMissing': '该条目没有原文出处（人工添加）。',
  'review.sourceNotInSection': '未能在章节正文中定位，下面是抽取时记录的原文：',
  'review.correctTitle': '更正：{label}',
  'review.addTitle': '添加{kind}',
  'review.required': '请填写',
  'review.empty': '没有抽取到内容',
  'review.showDeleted': '显示已删除',
  'review.search': '按名称、县（市、区）或开发区筛选',
  'review.itemsCount': '{n} 项',
  'review.originalValue': '原抽取值',

  'ind.box': '专栏',
  'ind.col.seq': '序号',
  'ind.col.name': '指标名称',
  'ind.col.unit': '单位',
  'ind.col.attribute': '属性',
  'ind.col.baseline': '基期值',
  'ind.col.target': '目标值',
  'ind.col.growth': '年均增长/累计',
  'ind.col.actual': '完成值',
  'ind.col.actualGrowth': '实际增长',
  'ind.col.other': '其他',
  'ind.attr.expected': '预期性',
  'ind.attr.binding': '约束性',
  'ind.category': '类别',
  'ind.categoryCount': '{n} 项',
  'ind.parent': '上级指标',
  'ind.issue.categoryCountMismatch': '“{category}”标注 {stated} 项，实际识别出 {found} 项，请核对是否漏抽或多抽。',
  'ind.issue.short': '标注 {stated} 项，识别出 {found} 项',
  'ind.notes': '表注',
  'ind.noTable': '请先选择所属专栏',
  'ind.cellHint': '按原文填写，如 42、>50、95以上、[1300]、29.2*、完成省下任务、-',
  'ind.tag.bound.>': '下限 >{v}',
  'ind.tag.bound.>=': '下限 ≥{v}',
  'ind.tag.bound.<': '上限 <{v}',
  'ind.tag.bound.<=': '上限 ≤{v}',
  'ind.tag.bound.approx': '约 {v}',
  'ind.tag.cumulative': '累计 {v}',
  'ind.tag.cumulativeDecrease': '累计降低 {v}',
  'ind.tag.cumulativeIncrease': '累计提高 {v}',
  'ind.tag.otherYear': '{year}年值',
  'ind.tag.provincial': '省下达',
  'ind.tag.relative': '随{ref}',
  'ind.tag.composite': '分项 {n}',
  'ind.tag.text': '未识别',
  'ind.tag.damaged': '乱码未读',
  'ind.tip.bound': '区间目标：达到该界限即完成',
  'ind.tip.cumulative': '方括号 [] 表示规划期内累计数',
  'ind.tip.otherYear': '带 * 的数值是 {year} 年数据',
  'ind.tip.provincial': '完成省下达任务：每年按省里下达的目标录入',
  'ind.tip.relative': '相对目标：与 {ref} 保持一致',
  'ind.tip.text': '系统未能识别该单元格的含义，请核对',
  'ind.tip.damaged': '原文此处为乱码，未读取数据',

  'proj.box': '专栏',
  'proj.group': '分组',
  'proj.noGroup': '（未分组）',
  'proj.col.name': '项目名称',
  'proj.col.county': '县（市、区）',
  'proj.col.zone': '开发区',
  'proj.col.capacity': '规模',
  'proj.col.alsoIn': '同时列于',
  'proj.alsoIn': '亦见{box}',
  'proj.perYear': '年',

  'cluster.listed': '十大产业集群',
  'cluster.unlisted': '随产业链提及',
  'cluster.valueChain': '产业链',
  'cluster.spatialChain': '空间布局链',
  'cluster.noChain': '原文未列出产业链环节',
  'cluster.name': '集群名称',
  'cluster.chains': '产业链',
  'cluster.chainsHint': '每行一条链，环节用“—”分隔，同一环节的并列项用“、”分隔；空间布局链在行首写“空间：”',
  'cluster.spatialPrefix': '空间：',

  'zone.col.name': '开发区',
  'zone.col.box': '出处',
  'zone.col.industries': '主导产业与龙头企业',
  'zone.industriesHint': '每行一个产业，格式：产业：龙头企业1、龙头企业2',
  'zone.leadFirms': '龙头企业',

  'commit.col.subject': '承诺事项',
  'commit.col.value': '数值（原文）',
  'commit.col.parsed': '识别结果',
  'commit.col.frequency': '频次',
  'commit.col.deadline': '期限',
  'commit.valueText': '原文数值',
  'commit.value': '数值',
  'commit.valueMax': '上限（区间时）',
  'commit.unit': '单位',
  'commit.comparator': '比较',
  'commit.cmp.=': '等于',
  'commit.cmp.>': '大于',
  'commit.cmp.>=': '不少于',
  'commit.cmp.<': '小于',
  'commit.cmp.<=': '不超过',
  'commit.cmp.approx': '左右',
  'commit.freq.none': '一次性',
  'commit.freq.annual': '每年',
  'commit.freq.per': '每个{unit}',
  'commit.deadline': '{year}年前',
  'commit.deadlineLabel': '期限（年）',
  'commit.frequencyLabel': '频次',
} as const;

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  'app.name': '蓝图 Lantu',
  'app.tagline': 'Plan implementation',
  'nav.workbench': 'Workbench',
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

  'review.tab.outline': 'Outline',
  'review.tab.indicators': 'Indicators',
  'review.tab.projects': 'Projects',
  'review.tab.clusters': 'Chains',
  'review.tab.zones': 'Zones',
  'review.tab.commitments': 'Commitments',
  'review.reextract': 'Re-extract',
  'review.reextractConfirm': 'Extract every item again from the text? Corrections, additions and deletions are kept.',
  'review.reextractDone': 'Re-extraction finished',
  'review.summary.added': '{n} added',
  'review.summary.refreshed': '{n} refreshed',
  'review.summary.removed': '{n} removed (no longer found in the text)',
  'review.summary.kept': '{n} kept because a person changed them (no longer found in the text)',
  'review.summary.note': 'Corrected items keep their corrected content.',
  'review.publish': 'Publish plan',
  'review.published': 'Published',
  'review.publishConfirmTitle': 'Publish this plan?',
  'review.publishConfirm':
    'Once published, the reviewed indicators, projects, chains, zones and commitments become the official content of this plan for departments to report on.',
  'review.publishOk': 'Publish',
  'review.publishDone': 'The plan is published',
  'review.state.extracted': 'Extracted',
  'review.state.corrected': 'Corrected',
  'review.state.added': 'Added',
  'review.state.deleted': 'Deleted',
  'review.col.state': 'State',
  'review.col.actions': 'Actions',
  'review.source': 'Source',
  'review.correct': 'Correct',
  'review.delete': 'Delete',
  'review.restore': 'Restore',
  'review.add': 'Add',
  'review.save': 'Save',
  'review.saved': 'Saved',
  'review.deleted': '“{label}” deleted',
  'review.restored': '“{label}” restored',
  'review.addedOk': '“{label}” added',
  'review.stale': 'It now shows the latest version; check it before correcting again.',
  'review.sourceTitle': 'Source in the plan',
  'review.sourceIn': 'In {where}',
  'review.sourceMissing': 'This item has no source in the text (added by a person).',
  'review.sourceNotInSection': 'Could not place it in the section text; this is the text recorded at extraction:',
  'review.correctTitle': 'Correct: {label}',
  'review.addTitle': 'Add {kind}',
  'review.required': 'Required',
  'review.empty': 'Nothing was extracted',
  'review.showDeleted': 'Show deleted',
  'review.search': 'Filter by name, county or zone',
  'review.itemsCount': '{n} items',
  'review.originalValue': 'As extracted',

  'ind.box': 'Box',
  'ind.col.seq': 'No.',
  'ind.col.name': 'Indicator',
  'ind.col.unit': 'Unit',
  'ind.col.attribute': 'Attribute',
  'ind.col.baseline': 'Baseline',
  'ind.col.target': 'Target',
  'ind.col.growth': 'Annual growth / cumulative',
  'ind.col.actual': 'Actual',
  'ind.col.actualGrowth': 'Actual growth',
  'ind.col.other': 'Other',
  'ind.attr.expected': 'Expected',
  'ind.attr.binding': 'Binding',
  'ind.category': 'Category',
  'ind.categoryCount': '{n} items',
  'ind.parent': 'Parent indicator',
  'ind.issue.categoryCountMismatch':
    '“{category}” states {stated} items but {found} were found; check for missed or extra rows.',
  'ind.issue.short': '{stated} stated, {found} found',
  'ind.notes': 'Notes',
  'ind.noTable': 'Choose the box first',
  'ind.cellHint': 'As written, e.g. 42, >50, 95以上, [1300], 29.2*, 完成省下任务, -',
  'ind.tag.bound.>': 'lower bound >{v}',
  'ind.tag.bound.>=': 'lower bound ≥{v}',
  'ind.tag.bound.<': 'upper bound <{v}',
  'ind.tag.bound.<=': 'upper bound ≤{v}',
  'ind.tag.bound.approx': 'about {v}',
  'ind.tag.cumulative': 'cumulative {v}',
  'ind.tag.cumulativeDecrease': 'cumulative decrease {v}',
  'ind.tag.cumulativeIncrease': 'cumulative increase {v}',
  'ind.tag.otherYear': 'value of {year}',
  'ind.tag.provincial': 'provincial',
  'ind.tag.relative': 'follows {ref}',
  'ind.tag.composite': '{n} parts',
  'ind.tag.text': 'not understood',
  'ind.tag.damaged': 'damaged',
  'ind.tip.bound': 'A bound: reaching it meets the target',
  'ind.tip.cumulative': 'Brackets [] mark a total over the plan period',
  'ind.tip.otherYear': 'A value marked * is of {year}',
  'ind.tip.provincial': 'Provincial assignment: the target is entered each year as the province assigns it',
  'ind.tip.relative': 'Relative target: follows {ref}',
  'ind.tip.text': 'Lantu did not understand this cell; please check it',
  'ind.tip.damaged': 'The text is damaged here; no value was read',

  'proj.box': 'Box',
  'proj.group': 'Group',
  'proj.noGroup': '(no group)',
  'proj.col.name': 'Project',
  'proj.col.county': 'County',
  'proj.col.zone': 'Zone',
  'proj.col.capacity': 'Capacity',
  'proj.col.alsoIn': 'Also in',
  'proj.alsoIn': 'also in {box}',
  'proj.perYear': 'per year',

  'cluster.listed': 'One of the ten clusters',
  'cluster.unlisted': 'Named with a chain',
  'cluster.valueChain': 'Value chain',
  'cluster.spatialChain': 'Spatial chain',
  'cluster.noChain': 'The text lists no chain segments',
  'cluster.name': 'Cluster',
  'cluster.chains': 'Chains',
  'cluster.chainsHint':
    'One chain per line, segments separated by “—”, alternatives within a segment by “、”; start a spatial chain with “空间：”',
  'cluster.spatialPrefix': '空间：',

  'zone.col.name': 'Zone',
  'zone.col.box': 'Found in',
  'zone.col.industries': 'Industries and lead firms',
  'zone.industriesHint': 'One industry per line: industry：firm 1、firm 2',
  'zone.leadFirms': 'Lead firms',

  'commit.col.subject': 'Commitment',
  'commit.col.value': 'Value (as written)',
  'commit.col.parsed': 'Read as',
  'commit.col.frequency': 'Frequency',
  'commit.col.deadline': 'Deadline',
  'commit.valueText': 'Value as written',
  'commit.value': 'Value',
  'commit.valueMax': 'Upper end (for a range)',
  'commit.unit': 'Unit',
  'commit.comparator': 'Comparison',
  'commit.cmp.=': 'equal to',
  'commit.cmp.>': 'more than',
  'commit.cmp.>=': 'at least',
  'commit.cmp.<': 'less than',
  'commit.cmp.<=': 'at most',
  'commit.cmp.approx': 'about',
  'commit.freq.none': 'once',
  'commit.freq.annual': 'every year',
  'commit.freq.per': 'per {unit}',
  'commit.deadline': 'by {year}',
  'commit.deadlineLabel': 'Deadline (year)',
  'commit.frequencyLabel': 'Frequency',
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
