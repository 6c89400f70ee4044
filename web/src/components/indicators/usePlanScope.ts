import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, type PlanView, queryKeys, type Region } from '../../api.ts';
import { type Frequency, indicatorApi, indicatorKeys } from '../../api-indicators.ts';
import { FREQUENCIES, frequencyOf, periodsOf } from './periods.ts';

export interface PlanScope {
  plan: PlanView | undefined;
  planLoading: boolean;
  planError: unknown;
  /** The plan's region first, then its counties. */
  regions: { code: string; name: string; level: Region['level'] | 'plan' }[];
  regionName: (code: string) => string;
  /** Years of the plan, as period strings. */
  periods: string[];
  /**
   * The periods a user may pick, grouped by frequency: the years always, the quarters and months only
   * when the plan has indicators reported that often (or the URL asks for such a period).
   */
  periodGroups: { frequency: Frequency; periods: string[] }[];
  /** Frequencies of the plan's indicators. */
  frequencies: Set<Frequency>;
  /** Selected period; undefined until the latest year with data is known. */
  period: string | undefined;
  region: string | undefined;
  setPeriod: (p: string) => void;
  setRegion: (r: string) => void;
  /** `?period=…&region=…` of the current choice, to carry it between the pages. */
  search: string;
}

/**
 * Plan, its regions and years, and the period and region chosen in the URL (`?period=2024&region=140800`).
 * The default period is the latest year of the plan that has any value (2024 in the demo).
 */
export function usePlanScope(planId: string): PlanScope {
  const [params, setParams] = useSearchParams();
  const plan = useQuery({ queryKey: queryKeys.plan(planId), queryFn: () => api.plan(planId) });
  const p = plan.data;
  const counties = useQuery({
    queryKey: [...queryKeys.regions, 'children', p?.region.code ?? ''],
    queryFn: () => api.regions({ parent: p?.region.code as string }),
    enabled: !!p,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const lastYear = p ? String(p.periodEnd) : '';
  const probe = useQuery({
    queryKey: indicatorKeys.list(planId, lastYear, p?.region.code ?? ''),
    queryFn: () => indicatorApi.list(planId, lastYear, p?.region.code),
    // also read when the URL names a period: the indicators' frequencies decide which periods to offer
    enabled: !!p,
  });

  const periods = useMemo(() => {
    if (!p) return [];
    const out: string[] = [];
    for (let y = p.periodStart; y <= p.periodEnd; y++) out.push(String(y));
    return out;
  }, [p]);

  const urlPeriod = params.get('period');
  const frequencies = useMemo(() => {
    const set = new Set<Frequency>(['year']);
    for (const it of probe.data?.items ?? []) set.add(it.indicator.frequency);
    if (urlPeriod) set.add(frequencyOf(urlPeriod));
    return set;
  }, [probe.data, urlPeriod]);

  const periodGroups = useMemo(() => {
    if (!p) return [];
    return FREQUENCIES.filter((f) => frequencies.has(f)).map((f) => ({
      frequency: f,
      periods: periodsOf(f, p.periodStart, p.periodEnd),
    }));
  }, [p, frequencies]);

  const latestWithData = useMemo(() => {
    if (!probe.data) return undefined;
    let best = 0;
    for (const it of probe.data.items) {
      const y = it.latest ? Number.parseInt(it.latest.period.slice(0, 4), 10) : 0;
      if (y > best) best = y;
    }
    return best > 0 ? String(best) : lastYear;
  }, [probe.data, lastYear]);

  const regions = useMemo(() => {
    if (!p) return [];
    return [
      { code: p.region.code, name: p.region.name, level: 'plan' as const },
      ...(counties.data ?? []).map((r) => ({ code: r.code, name: r.name, level: r.level })),
    ];
  }, [p, counties.data]);

  const regionName = useCallback((code: string) => regions.find((r) => r.code === code)?.name ?? code, [regions]);

  const period = params.get('period') ?? (probe.isError ? lastYear || undefined : latestWithData);
  const region = params.get('region') ?? p?.region.code;

  const update = useCallback(
    (key: string, value: string) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.set(key, value);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const setPeriod = useCallback((v: string) => update('period', v), [update]);
  const setRegion = useCallback((v: string) => update('region', v), [update]);

  const search = useMemo(() => {
    const q = new URLSearchParams();
    if (period) q.set('period', period);
    if (region && p && region !== p.region.code) q.set('region', region);
    const s = q.toString();
    return s ? `?${s}` : '';
  }, [period, region, p]);

  return {
    plan: p,
    planLoading: plan.isLoading,
    planError: plan.error,
    regions,
    regionName,
    periods,
    periodGroups,
    frequencies,
    period,
    region,
    setPeriod,
    setRegion,
    search,
  };
}
