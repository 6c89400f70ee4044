import type { Message } from './messages.ts';

/**
 * Identifier checks for the two national codes a project record carries.
 *
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character set (digits and capital
 * letters without I, O, Z, S, V). Positions 1–2 registration authority and organisation type,
 * 3–8 the registering authority's administrative division (GB/T 2260, digits only), 9–17 the
 * subject identifier, 18 the check character:
 *   C18 = 31 − MOD(Σ Ci·Wi, 31), Wi = MOD(3^(i−1), 31), and a result of 31 maps to 0.
 * The standard's own worked example is 91350100M000100Y4 → check 3.
 */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

const CHAR_VALUE = new Map([...CREDIT_CODE_ALPHABET].map((ch, i) => [ch, i]));

export type IdentifierResult = { ok: true; normalized: string } | { ok: false; error: Message };

/** Check character for the first 17 characters, or null when one of them is outside the alphabet. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CHAR_VALUE.get(first17[i]!);
    if (v === undefined) return null;
    sum += v * CREDIT_CODE_WEIGHTS[i]!;
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/**
 * Validates a credit code. Surrounding spaces and lower case are forgiven (people type them);
 * anything else that is wrong is reported with the position so the clerk can find the typo.
 */
export function validateCreditCode(code: string): IdentifierResult {
  const s = code.trim().toUpperCase();
  if (s.length !== 18) {
    return fail(
      'CREDIT_CODE_LENGTH',
      `统一社会信用代码应为18位，实际为${s.length}位`,
      `A credit code has 18 characters, got ${s.length}`,
    );
  }
  for (let i = 0; i < 18; i++) {
    const ch = s[i]!;
    const digitsOnly = i >= 2 && i <= 7; // the GB/T 2260 division code
    if (digitsOnly ? !/[0-9]/.test(ch) : !CHAR_VALUE.has(ch)) {
      return fail(
        'CREDIT_CODE_CHARACTER',
        `统一社会信用代码第${i + 1}位“${ch}”不是允许的字符`,
        `Character ${i + 1} ("${ch}") is not allowed in a credit code`,
      );
    }
  }
  const expected = creditCodeCheckChar(s.slice(0, 17));
  if (expected !== s[17]) {
    return fail(
      'CREDIT_CODE_CHECKSUM',
      `统一社会信用代码校验位错误：应为“${expected}”，实际为“${s[17]}”`,
      `Credit code check character is wrong: expected "${expected}", got "${s[17]}"`,
    );
  }
  return { ok: true, normalized: s };
}

/**
 * 全国固定资产投资项目代码 (GB/T 40058-2021), e.g. `2020-140800-44-01-012345`: 24 characters,
 * time code (year of assignment) – region code (6-digit GB/T 2260 division) – central
 * supervising-department code (2 digits) – project type code (2 digits) – 6 digits of random
 * code plus a check code (§4.6, §4.7 of the standard).
 *
 * The check-code algorithm of §4.7 could not be confirmed from any source available to us, so this
 * validates structure and the region part only; a wrong last digit is NOT detected.
 */
const PROJECT_CODE = /^(\d{4})-(\d{6})-(\d{2})-(\d{2})-(\d{6})$/;

/** Province-level prefixes of GB/T 2260 (mainland 11–65, plus 71 Taiwan, 81 Hong Kong, 82 Macao). */
const PROVINCE_PREFIXES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

export interface ProjectCodeOptions {
  /** When given, the region part must be one of these division codes (e.g. the tenant's counties). */
  knownRegions?: ReadonlySet<string>;
  /** Latest acceptable year (callers pass today's year; the domain has no clock). */
  maxYear?: number;
}

export interface ProjectCodeParts {
  year: number;
  region: string;
  department: string;
  projectType: string;
  serial: string;
}

export type ProjectCodeResult =
  | { ok: true; normalized: string; parts: ProjectCodeParts }
  | { ok: false; error: Message };

export function validateProjectCode(code: string, options: ProjectCodeOptions = {}): ProjectCodeResult {
  const s = code.trim().replace(/[—–－]/g, '-'); // Word turns hyphens into dashes
  const m = PROJECT_CODE.exec(s);
  if (!m) {
    return fail(
      'PROJECT_CODE_FORMAT',
      `项目代码格式应为“年份-地区码-部门码-类型码-六位码”（如2020-140800-44-01-012345），实际为“${code}”`,
      `A project code looks like 2020-140800-44-01-012345, got "${code}"`,
    );
  }
  const [, y, region, department, projectType, serial] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const year = Number(y);
  const maxYear = options.maxYear ?? 2099;
  if (year < 2014 || year > maxYear) {
    // the national online platform began assigning codes in 2014–2015
    return fail('PROJECT_CODE_YEAR', `项目代码年份${year}不合理`, `Project code year ${year} is not plausible`);
  }
  if (!regionOk(region, options.knownRegions)) {
    return fail(
      'PROJECT_CODE_REGION',
      `项目代码中的地区码“${region}”不是有效的行政区划代码`,
      `Region part "${region}" of the project code is not a valid division code`,
    );
  }
  return { ok: true, normalized: s, parts: { year, region, department, projectType, serial } };
}

function regionOk(region: string, known: ReadonlySet<string> | undefined): boolean {
  if (known) return known.has(region);
  if (!PROVINCE_PREFIXES.has(region.slice(0, 2))) return false;
  // a prefecture part of 00 with a county part other than 00 is not a division
  return !(region.slice(2, 4) === '00' && region.slice(4) !== '00');
}

function fail(code: string, zh: string, en: string): { ok: false; error: Message } {
  return { ok: false, error: { code, zh, en } };
}
