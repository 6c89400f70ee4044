import type { Direction } from './types.ts';

/**
 * Names of reductions: "单位GDP能源消耗降低（%）" measures how much consumption fell, so a larger
 * value is better even though 能耗 alone is lower-is-better. Checked first.
 */
const REDUCTION = /降低|下降|减少|削减|压减|降幅|减排量/;

/** Quantities where less is better: unemployment, deaths, energy intensity, emissions, accidents, pollution. */
const LOWER =
  /失业率|死亡率|死亡人数|能耗|能源消耗|排放|事故|发生率|发病率|PM2\.?5|PM10|浓度|污染|劣[ⅤV五]类|贫困|犯罪|赤字|负债率|债务率|用水量|亏损|拖欠|投诉|超标/i;

/** Units that only concentration or intensity indicators carry. */
const LOWER_UNITS = /μg\/m|ug\/m|微克|毫克\/立方米|mg\/m|吨标准煤\/万元|吨\/万元|立方米\/万元/i;

/**
 * Default better-direction from an indicator's name and unit. Only a default: the planning office
 * can change it, e.g. when a share is meant to fall.
 */
export function inferDirection(name: string, unit = ''): Direction {
  if (REDUCTION.test(name)) return 'higher';
  if (LOWER.test(name) || LOWER_UNITS.test(unit)) return 'lower';
  return 'higher';
}
