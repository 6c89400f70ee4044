import { REGION_SEED } from '../db/regions.seed.ts';
import type { RegionFilter } from '../db/repositories/region.repository.ts';
import { LantuError } from '../errors.ts';
import type { ServiceContext } from './context.ts';

export class RegionService {
  constructor(private readonly ctx: ServiceContext) {}

  /** Idempotent: runs at every start so a new release's regions arrive without a manual step. */
  ensureSeeded(): Promise<void> {
    return this.ctx.repos.regions.upsertMany(REGION_SEED);
  }

  list(filter: RegionFilter) {
    return this.ctx.repos.regions.list(filter);
  }

  async require(code: string) {
    const region = await this.ctx.repos.regions.get(code);
    if (!region) {
      throw new LantuError('REGION_NOT_FOUND', { zh: `行政区划代码 ${code}`, en: `region code ${code}` });
    }
    return region;
  }
}
