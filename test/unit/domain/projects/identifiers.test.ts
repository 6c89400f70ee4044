import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CREDIT_CODE_ALPHABET,
  creditCodeCheckChar,
  validateCreditCode,
  validateProjectCode,
} from '../../../../src/domain/projects/index.ts';

describe('validateCreditCode (GB 32100-2015)', () => {
  it('accepts the worked example of the standard: Σ = 1640, 1640 mod 31 = 28, 31 − 28 = 3', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(validateCreditCode('91350100M000100Y43')).toEqual({ ok: true, normalized: '91350100M000100Y43' });
  });

  it('accepts a real published code (中国全聚德（集团）股份有限公司)', () => {
    // 9·1+1·3+1·9+1·27+0+0+0+0+1·20+0+1·25+6·13+2·8+3·24+7·10+4·30+1·28 = 477; 477 mod 31 = 12;
    // 31 − 12 = 19 → K
    expect(creditCodeCheckChar('91110000101623741')).toBe('K');
    expect(validateCreditCode('91110000101623741K').ok).toBe(true);
  });

  it('maps a remainder of 0 to check character 0 (31 − 0 = 31 → 0)', () => {
    // 91140800MA0K0000 sums to 1294; J (18) at position 17 adds 18·28 = 504 → 1798 = 58·31
    expect(creditCodeCheckChar('91140800MA0K0000J')).toBe('0');
    expect(validateCreditCode('91140800MA0K0000J0').ok).toBe(true);
  });

  it('forgives lower case and spaces but nothing else', () => {
    expect(validateCreditCode(' 91110000101623741k ')).toEqual({ ok: true, normalized: '91110000101623741K' });
  });

  it('rejects a plausible-looking but wrong code with the expected check character', () => {
    const r = validateCreditCode('91310115MA1H8R7C6D');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('CREDIT_CODE_CHECKSUM');
      expect(r.error.zh).toContain('应为“7”');
      expect(r.error.en).toContain('expected "7"');
    }
  });

  it('detects every single-character substitution of a valid code', () => {
    const valid = '91110000101623741K';
    let tried = 0;
    for (let i = 0; i < 18; i++) {
      for (const ch of CREDIT_CODE_ALPHABET) {
        if (ch === valid[i]) continue;
        const bad = valid.slice(0, i) + ch + valid.slice(i + 1);
        expect(validateCreditCode(bad).ok, bad).toBe(false);
        tried++;
      }
    }
    expect(tried).toBe(18 * 30);
  });

  it('detects adjacent transpositions of random valid codes', () => {
    const ch = fc.constantFrom(...CREDIT_CODE_ALPHABET);
    const digit = fc.constantFrom(...'0123456789');
    const body = fc
      .tuple(
        fc.array(ch, { minLength: 2, maxLength: 2 }),
        fc.array(digit, { minLength: 6, maxLength: 6 }),
        fc.array(ch, { minLength: 9, maxLength: 9 }),
      )
      .map(([a, b, c]) => [...a, ...b, ...c].join(''));
    fc.assert(
      fc.property(body, fc.integer({ min: 0, max: 16 }), (b, i) => {
        const code = b + creditCodeCheckChar(b);
        expect(validateCreditCode(code).ok).toBe(true);
        if (code[i] === code[i + 1]) return;
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        expect(validateCreditCode(swapped).ok).toBe(false);
      }),
    );
  });

  it.each([
    ['9111000010162374', 'CREDIT_CODE_LENGTH'],
    ['91110000101623741KK', 'CREDIT_CODE_LENGTH'],
    ['9111000010I623741K', 'CREDIT_CODE_CHARACTER'], // I is not in the alphabet
    ['911A0000101623741K', 'CREDIT_CODE_CHARACTER'], // positions 3–8 are digits only
    ['91110000101623741Z', 'CREDIT_CODE_CHARACTER'],
  ])('rejects %s with %s', (code, expected) => {
    const r = validateCreditCode(code);
    expect(r.ok ? null : r.error.code).toBe(expected);
  });
});

describe('validateProjectCode (GB/T 40058-2021, structure only)', () => {
  it('accepts a well-formed code and splits it', () => {
    const r = validateProjectCode('2020-140800-44-01-012345');
    expect(r).toEqual({
      ok: true,
      normalized: '2020-140800-44-01-012345',
      parts: { year: 2020, region: '140800', department: '44', projectType: '01', serial: '012345' },
    });
  });

  it('normalises dashes typed by word processors', () => {
    const r = validateProjectCode('2020—140800—44—01—012345');
    expect(r.ok && r.normalized).toBe('2020-140800-44-01-012345');
  });

  it.each([
    ['2020-140800-44-01-01234', 'PROJECT_CODE_FORMAT'],
    ['20201408004401012345', 'PROJECT_CODE_FORMAT'],
    ['2020-14080A-44-01-012345', 'PROJECT_CODE_FORMAT'],
    ['2013-140800-44-01-012345', 'PROJECT_CODE_YEAR'],
    ['2020-990800-44-01-012345', 'PROJECT_CODE_REGION'], // no province 99
    ['2020-140082-44-01-012345', 'PROJECT_CODE_REGION'], // county part under prefecture 00
  ])('rejects %s with %s', (code, expected) => {
    const r = validateProjectCode(code);
    expect(r.ok ? null : r.error.code).toBe(expected);
  });

  it('checks the region against the tenant divisions when given', () => {
    const known = new Set(['140800', '140802', '140881']);
    expect(validateProjectCode('2024-140881-44-01-000001', { knownRegions: known }).ok).toBe(true);
    const r = validateProjectCode('2024-140700-44-01-000001', { knownRegions: known });
    expect(r.ok ? null : r.error.code).toBe('PROJECT_CODE_REGION');
  });

  it('rejects a year later than maxYear', () => {
    expect(validateProjectCode('2026-140800-44-01-000001', { maxYear: 2026 }).ok).toBe(true);
    expect(validateProjectCode('2027-140800-44-01-000001', { maxYear: 2026 }).ok).toBe(false);
  });
});
