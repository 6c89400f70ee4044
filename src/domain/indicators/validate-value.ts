import type { BilingualText } from '../../errors.ts';
import type { PlanPeriod } from '../period.ts';
import { tryParsePeriod } from '../period.ts';

export interface ValueRules {
  /** A change larger than this share of the last value needs a note (0.5 = 50 %). */
  jumpShare: number;
}

export const DEFAULT_VALUE_RULES: ValueRules = { jumpShare: 0.5 };

export interface ValueCheckInput {
  indicator: {
    name: string;
    unit: string;
    frequency: 'year' | 'quarter' | 'month';
    attribute: 'expected' | 'binding';
    target: { kind: string; op?: string; value?: number };
  };
  plan: PlanPeriod;
  period: string;
  value: unknown;
  note?: string | null | undefined;
  /** The value of the previous period, when there is one. */
  previous?: number | null | undefined;
}

export interface ValueCheck {
  errors: Array<BilingualText & { field: string }>;
  warnings: Array<BilingualText & { code: string }>;
  value: number | null;
}

const isShare = (name: string, unit: string) => unit === '%' && !/增长|增速|降低|下降/.test(name);

function breaksBound(op: string, bound: number, v: number): boolean {
  return !(op === '≥' ? v >= bound : op === '≤' ? v <= bound : op === '>' ? v > bound : v < bound);
}

/** Checks one reported value before it is saved: errors block the save, warnings are shown. Pure. */
export function checkValue(input: ValueCheckInput): ValueCheck {
  const { indicator, plan, period } = input;
  const errors: ValueCheck['errors'] = [];
  const warnings: ValueCheck['warnings'] = [];
  const raw = typeof input.value === 'string' ? input.value.trim().replace(/,/g, '') : input.value;
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw !== '' ? Number(raw) : Number.NaN;
  if (!Number.isFinite(value)) {
    errors.push({
      field: 'value',
      zh: `“${String(input.value)}”不是数字`,
      en: `“${String(input.value)}” is not a number`,
    });
  }
  const p = tryParsePeriod(period);
  if (!p) {
    errors.push({
      field: 'period',
      zh: `期间“${period}”格式应为 2023、2023Q3 或 2023-07`,
      en: `period “${period}” must look like 2023, 2023Q3 or 2023-07`,
    });
  } else if (p.frequency !== indicator.frequency) {
    errors.push({
      field: 'period',
      zh: `该指标按${freqZh[indicator.frequency]}填报`,
      en: `this indicator is reported per ${indicator.frequency}`,
    });
  } else if (p.year < plan.start - 1 || p.year > plan.end) {
    errors.push({
      field: 'period',
      zh: `期间应在 ${plan.start - 1}—${plan.end} 年之间`,
      en: `period must fall within ${plan.start - 1}–${plan.end}`,
    });
  }
  if (errors.length) return { errors, warnings, value: null };
  if (isShare(indicator.name, indicator.unit) && (value < 0 || value > 100)) {
    errors.push({
      field: 'value',
      zh: `百分比应在 0—100 之间（填写了 ${value}）`,
      en: `a percentage must be within 0–100 (got ${value})`,
    });
  }
  const prev = input.previous;
  if (
    prev != null &&
    prev !== 0 &&
    Math.abs(value - prev) / Math.abs(prev) > DEFAULT_VALUE_RULES.jumpShare &&
    !input.note?.trim()
  ) {
    const pct = Math.round((Math.abs(value - prev) / Math.abs(prev)) * 100);
    errors.push({
      field: 'note',
      zh: `与上期（${prev}）相比变化 ${pct}%，请在备注中说明原因`,
      en: `changed ${pct}% from the last period (${prev}); explain it in the note`,
    });
  }
  const t = indicator.target;
  if (
    indicator.attribute === 'binding' &&
    t.kind === 'bound' &&
    t.op &&
    t.value !== undefined &&
    breaksBound(t.op, t.value, value)
  ) {
    warnings.push({
      code: 'BINDING_OUT_OF_BOUND',
      zh: `约束性指标超出界限：${value} 不满足 ${t.op}${t.value}`,
      en: `binding indicator outside its bound: ${value} does not satisfy ${t.op}${t.value}`,
    });
  }
  return { errors, warnings, value };
}

const freqZh = { year: '年', quarter: '季度', month: '月' } as const;
