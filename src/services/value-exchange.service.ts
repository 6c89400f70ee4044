import { LantuError } from '../errors.ts';
import { buildIndicatorLedger, buildValueTemplate } from '../reports/indicator-ledger.ts';
import type { ServiceContext } from './context.ts';
import { EvaluationService } from './evaluation.service.ts';
import { IndicatorValueService } from './indicator-value.service.ts';
import { readValueFile } from './value-file.ts';

const fmt = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 100) / 100);

/** Excel and CSV in and out: the template that round-trips, file imports, and the ledger export. */
export class ValueExchangeService {
  constructor(private readonly ctx: ServiceContext) {}

  async template(planId: number, regionCode: string, period: string, unit?: string): Promise<Buffer> {
    const plan = await this.ctx.repos.plans.get(planId);
    if (!plan) throw new LantuError('NOT_FOUND', { zh: `规划 ${planId}`, en: `plan ${planId}` });
    const region = await this.ctx.repos.regions.get(regionCode);
    if (!region) throw new LantuError('REGION_NOT_FOUND', { zh: regionCode, en: regionCode });
    const evaluated = await new EvaluationService(this.ctx).evaluate(planId, period, regionCode);
    const values = await this.ctx.repos.values.listByPlan(planId, { regionCode });
    const prevPeriod = /^\d{4}$/.test(period) ? String(Number(period) - 1) : null;
    const rows = evaluated
      .filter((e) => !unit || e.indicator.leadUnit === unit)
      .map((e) => {
        const own = values.filter((v) => v.indicatorId === e.indicator.id);
        const current = own.find((v) => v.period === period);
        return {
          id: e.indicator.id,
          code: e.indicator.code,
          name: e.indicator.name,
          unit: e.indicator.unit,
          previous: fmt(own.find((v) => v.period === prevPeriod)?.value),
          expected: fmt(e.result.expected),
          value: current?.value ?? null,
          note: current?.note ?? null,
        };
      });
    return buildValueTemplate({
      planTitle: plan.title,
      regionCode,
      regionName: region.name,
      period,
      unitName: unit ?? null,
      rows,
    });
  }

  /** Reads a filled template or a CSV; one bad row and nothing is saved (IMPORT_FAILED lists every error). */
  async importFile(planId: number, bytes: Uint8Array, fileName: string, actor: string) {
    const rows = await readValueFile(bytes, fileName);
    if (rows.length === 0)
      throw new LantuError('IMPORT_FAILED', { zh: '文件中没有可导入的数值', en: 'the file holds no values to import' });
    return new IndicatorValueService(this.ctx).importRows(planId, rows, actor);
  }

  async ledger(planId: number, period: string, regionCode?: string): Promise<Buffer> {
    const plan = await this.ctx.repos.plans.get(planId);
    if (!plan) throw new LantuError('NOT_FOUND', { zh: `规划 ${planId}`, en: `plan ${planId}` });
    const evaluated = await new EvaluationService(this.ctx).evaluate(planId, period, regionCode);
    const rows = evaluated.map(({ indicator: i, result: r }) => ({
      code: i.code,
      name: i.name,
      unit: i.unit,
      category: i.category ?? '',
      attribute: i.attribute === 'binding' ? '约束性' : '预期性',
      baseline: i.baseline ? `${i.baseline.value}（${i.baseline.year}年）` : '',
      target: i.targetText,
      actual: fmt(r.actual),
      expected: fmt(r.expected),
      status: STATUS_ZH[r.status] ?? r.status,
      reason: r.reason.zh,
      leadUnit: i.leadUnit ?? '',
    }));
    return buildIndicatorLedger(plan.title, period, rows);
  }
}

const STATUS_ZH: Record<string, string> = {
  failed: '未达标',
  warning: '预警',
  seriously_behind: '严重滞后',
  behind: '滞后',
  no_data: '无数据',
  not_assessable: '无法评估',
  on_track: '基本符合预期',
  ahead: '快于预期',
  achieved: '已实现',
  achieved_early: '提前实现',
};
