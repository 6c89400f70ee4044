/**
 * One error type with stable codes. The HTTP handler and the CLI both map these codes;
 * a code never changes meaning once released, so clients may branch on it.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, zh: '请求参数不正确', en: 'The request is not valid' },
  UPLOAD_EMPTY: { status: 400, zh: '上传的文件是空的', en: 'The uploaded file is empty' },
  UPLOAD_TOO_LARGE: { status: 413, zh: '文件过大', en: 'The file is too large' },
  UPLOAD_MISSING: { status: 400, zh: '请求中没有文件', en: 'No file in the request' },
  UNSUPPORTED_FORMAT: { status: 415, zh: '不支持的文件格式', en: 'Unsupported file format' },
  ENCODING_UNKNOWN: { status: 422, zh: '无法识别文件的文字编码', en: 'The text encoding could not be determined' },
  BINARY_CONTENT: { status: 422, zh: '文件不是文本文档', en: 'The file is not a text document' },
  CORRUPT_FILE: { status: 422, zh: '文件已损坏，无法读取', en: 'The file is corrupt and cannot be read' },
  ENCRYPTED_FILE: { status: 422, zh: '文件已加密，无法读取', en: 'The file is encrypted and cannot be read' },
  NO_TEXT_LAYER: {
    status: 422,
    zh: 'PDF 没有文字层（可能是扫描件）',
    en: 'The PDF has no text layer (probably a scan)',
  },
  NO_OUTLINE: {
    status: 422,
    zh: '文档中没有找到规划的章节结构',
    en: 'No plan outline (chapters) was found in the document',
  },
  VALUE_INVALID: { status: 422, zh: '填报值未通过校验', en: 'The value did not pass validation' },
  ASSIGNMENT_INVALID: {
    status: 422,
    zh: '省下达目标未通过校验',
    en: 'The provincial assignments did not pass validation',
  },
  IMPORT_FAILED: {
    status: 422,
    zh: '导入文件有错误，未保存任何数据',
    en: 'The import file has errors; nothing was saved',
  },
  NOT_FOUND: { status: 404, zh: '找不到该对象', en: 'Not found' },
  REGION_NOT_FOUND: { status: 404, zh: '找不到该行政区划', en: 'Region not found' },
  PLAN_EXISTS: { status: 409, zh: '该地区该时期的规划已存在', en: 'A plan for this region and period already exists' },
  STALE_VERSION: {
    status: 409,
    zh: '数据已被他人修改，请刷新后重试',
    en: 'The data was changed by someone else; reload and try again',
  },
  REPORT_PDF_UNAVAILABLE: {
    status: 503,
    zh: '本机未安装 LibreOffice，无法生成 PDF（可下载 Word 版）',
    en: 'LibreOffice is not installed here, so no PDF can be made (the Word version is available)',
  },
  REPORT_PDF_FAILED: { status: 500, zh: 'PDF 转换失败', en: 'The PDF conversion failed' },
  UNAUTHORIZED: { status: 401, zh: '请先登录', en: 'Sign-in required' },
  FORBIDDEN: { status: 403, zh: '没有权限', en: 'Permission denied' },
  CONFIG_INVALID: { status: 500, zh: '配置不正确', en: 'The configuration is invalid' },
  INTERNAL: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
  TRANSITION_REFUSED: {
    status: 422,
    zh: '项目状态变更不符合规则',
    en: 'The project change breaks the lifecycle rules',
  },
  INVESTMENT_FROZEN: {
    status: 409,
    zh: '该月投资已审核锁定，不能修改',
    en: 'This month’s investment is approved and frozen',
  },
  PROBLEM_CLOSED: { status: 409, zh: '该问题已销号', en: 'The problem is already closed' },
  BULLETIN_ISSUED: {
    status: 409,
    zh: '通报已印发，不能再修改',
    en: 'The bulletin has been issued and can no longer be changed',
  },
  EXPORT_TOO_LARGE: {
    status: 422,
    zh: '导出的项目过多，请缩小筛选范围',
    en: 'Too many projects to export; narrow the filter',
  },
  RUBRIC_INVALID: { status: 422, zh: '考核细则不符合格式要求', en: 'The rubric is not valid' },
  QUARTER_CLOSED: {
    status: 409,
    zh: '该季度考核已结束，评分不能再修改',
    en: 'The quarter’s assessment is closed; its scores can no longer change',
  },
  TOUR_SCORE_INVALID: { status: 422, zh: '观摩评分不符合评分表', en: 'The tour scores do not fit the scoring sheet' },
  CADENCE_INVALID: {
    status: 422,
    zh: '“五个一”周期设置不正确',
    en: 'The 五个一 cadence is not valid',
  },
  PENALTY_INVALID: {
    status: 422,
    zh: '扣分或否决事项不符合本季度考核细则',
    en: 'The deduction or veto matter does not fit the quarter’s rubric',
  },
  EVENT_INVALID: {
    status: 422,
    zh: '签约或开工活动信息不正确',
    en: 'The signing or groundbreaking event is not valid',
  },
  FACT_NOT_ACCEPTABLE: {
    status: 422,
    zh: '该事实不能作为指标数值采用',
    en: 'This fact cannot be accepted as an indicator value',
  },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface BilingualText {
  zh: string;
  en: string;
}

export class LantuError extends Error {
  readonly code: ErrorCode;
  readonly detail: BilingualText | undefined;
  readonly data: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, detail?: BilingualText, data?: Record<string, unknown>) {
    const base = ERROR_CODES[code];
    super(detail ? `${detail.en}` : base.en);
    this.name = 'LantuError';
    this.code = code;
    this.detail = detail;
    this.data = data;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }

  /** "中文 / English" — the message shown to a user. */
  get bilingual(): BilingualText {
    const base = ERROR_CODES[this.code];
    if (!this.detail) return { zh: base.zh, en: base.en };
    return { zh: `${base.zh}：${this.detail.zh}`, en: `${base.en}: ${this.detail.en}` };
  }

  toJSON() {
    const text = this.bilingual;
    return {
      error: {
        code: this.code,
        message: `${text.zh} / ${text.en}`,
        messageZh: text.zh,
        messageEn: text.en,
        ...(this.data ? { data: this.data } : {}),
      },
    };
  }
}

export function isLantuError(e: unknown): e is LantuError {
  return e instanceof LantuError;
}
