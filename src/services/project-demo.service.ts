import type { NewProject } from '../db/repositories/project.repository.ts';
import type { NewProjectInvestment } from '../db/repositories/project-investment.repository.ts';
import type { NewProjectProblem } from '../db/repositories/project-problem.repository.ts';
import type { ServiceContext } from './context.ts';
import { ProjectService } from './project.service.ts';
import { loadDetailDemo } from './project-detail-demo.service.ts';

/**
 * Demo progress for the demo plan's projects (示例数据, every row is_demo): libraries, milestones,
 * monthly investment 2021–2024, liaison leaders and problems, spread over the 13 counties so that
 * every KPI and a county ranking exist for every quarter. Deterministic: each project draws from a
 * generator seeded with its plan item key, so two loads give the same data.
 *
 * Headline figures come from the news samples:
 * - samples/news/000: "去年上半年，全市签约项目301个，总投资2335.44亿元" (2023 H1, the article
 *   being of 2024): 301 projects are signed in January–June 2023 with total investment summing to
 *   2,335.44 亿元 (23,354,400 万元);
 * - samples/news/002: "8月8日,我市在陜西省西安市召開招商引資暨“運才興運”座談會,共簽約項目23個,
 *   總投資134.66億元" (2023): 23 industrial projects are signed on 2023-08-08, summing to 134.66 亿元.
 * Each of these projects quotes its sentence in source_text.
 */
export const DEMO_TODAY = '2024-12-31';
const DEMO_ACTOR = 'demo';

const NEWS_000 =
  '示例数据，依据 samples/news/000：“去年上半年，全市签约项目301个，总投资2335.44亿元，战略性新兴产业项目占总签约项目的比例由2020年的59%上升至86%。”';
const NEWS_002 =
  '示例数据，依据 samples/news/002：“8月8日，我市在陕西省西安市召开招商引资暨‘运才兴运’座谈会，共签约项目23个，总投资134.66亿元，涉及新能源、新材料、先进装备制造、现代农业、数字产业等多个领域。”';

/** Boxes of government-invested public works: no investment agreement to sign (skipsSigning). */
const PUBLIC_BOXES = new Set(['专栏16', '专栏18', '专栏19', '专栏20', '专栏21']);
/** Boxes whose fields match the Xi'an event (new energy, materials, equipment, agriculture, digital). */
const XIAN_BOXES = new Set(['专栏4', '专栏8', '专栏22']);
/** Boxes of industrial projects that sit in a development zone. */
const ZONE_BOXES = new Set(['专栏3', '专栏4', '专栏5', '专栏6', '专栏7', '专栏8', '专栏17', '专栏22']);

/** The development zone of each county (the plan's 开发区 list); 夏县 and 平陆县 have none named. */
const COUNTY_ZONES: Record<string, string> = {
  '140802': '运城开发区',
  '140826': '绛县开发区',
  '140830': '风陵渡开发区',
  '140881': '永济开发区',
  '140882': '河津开发区',
  '140823': '闻喜开发区',
  '140824': '稷山开发区',
  '140825': '新绛开发区',
  '140827': '垣曲开发区',
  '140822': '万荣示范区',
  '140821': '临猗示范区',
};

const LEADERS = [
  '市委书记',
  '市长',
  '市委副书记',
  '常务副市长',
  '副市长（工业）',
  '副市长（农业）',
  '副市长（城建）',
  '副市长（文旅）',
];
const PROBLEM_KINDS: Array<[string, string]> = [
  ['用地', '项目用地指标未落实'],
  ['能耗', '能耗指标待省级审批'],
  ['环评', '环评批复办理滞后'],
  ['资金', '融资到位不足'],
  ['配套', '水电气配套未接入'],
  ['拆迁', '征地拆迁未完成'],
];

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** mulberry32: small, fast and good enough for demo data. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Month index (year × 12 + month − 1) ↔ ISO date. */
const mi = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1;
const dateOf = (m: number, day: number) => `${Math.floor(m / 12)}-${pad((m % 12) + 1)}-${pad(Math.min(day, 28))}`;
const addMonths = (d: string, n: number) => dateOf(mi(d) + n, Number(d.slice(8, 10)));
const cap = (d: string | null) => (d !== null && d <= DEMO_TODAY ? d : null);

/** Spreads `total` (万元) over weights, in whole 100 万元 (0.01 亿元) steps, exactly. */
function spread(total: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const units = Math.round(total / 100);
  const out = weights.map((w) => Math.max(1, Math.floor((w / sum) * units)));
  out[out.length - 1]! += units - out.reduce((s, x) => s + x, 0);
  return out.map((u) => u * 100);
}

export class ProjectDemo {
  constructor(private readonly ctx: ServiceContext) {}

  async load(planId: number): Promise<{ projects: number; investments: number; problems: number }> {
    return this.ctx.transaction(async (repos) => {
      const service = new ProjectService(this.ctx);
      const drafts = await service.draftsFromPlan(repos, planId);
      const have = await repos.projects.itemKeys(planId);
      if (drafts.some((d) => have.has(d.row.itemKey as string))) return { projects: 0, investments: 0, problems: 0 };
      const counties = await repos.regions.list({ parentCode: (await repos.plans.get(planId))!.regionCode });
      // county "performance" 0.55–1.0: how reliably its projects start, produce and invest on schedule
      const perf = new Map(counties.map((c, i) => [c.code, 0.55 + ((i * 5) % 13) / 26]));

      const rows: NewProject[] = drafts.map((d) => ({ ...d.row, isDemo: true }));
      const rand = rows.map((r) => rng(hash(r.itemKey ?? r.name)));
      const boxOf = (r: NewProject) => (r.programme ?? '').split(' ')[0] ?? '';

      // signing plan: 23 on 2023-08-08 (Xi'an), 301 in 2023 H1, the rest over 2021–2024 or not yet
      const order = rows.map((r, i) => ({ i, h: hash(`order:${r.itemKey}`) })).sort((a, b) => a.h - b.h);
      const signable = order.filter(({ i }) => !PUBLIC_BOXES.has(boxOf(rows[i]!)));
      const xian = signable
        .filter(({ i }) => XIAN_BOXES.has(boxOf(rows[i]!)))
        .slice(0, 23)
        .map((x) => x.i);
      const xianSet = new Set(xian);
      const h1 = signable
        .filter(({ i }) => !xianSet.has(i))
        .slice(0, 301)
        .map((x) => x.i);
      const h1Set = new Set(h1);

      const total = rows.map((_, i) => Math.round(10 ** (3.7 + rand[i]!() * 1.6) / 100) * 100);
      spread(
        1_346_600,
        xian.map((i) => total[i]!),
      ).forEach((v, k) => {
        total[xian[k]!] = v;
      });
      spread(
        23_354_400,
        h1.map((i) => total[i]!),
      ).forEach((v, k) => {
        total[h1[k]!] = v;
      });

      const investments: Array<Omit<NewProjectInvestment, 'projectId'> & { row: number }> = [];
      const problems: Array<Omit<NewProjectProblem, 'projectId'> & { row: number }> = [];
      rows.forEach((r, i) => {
        const rnd = rand[i]!;
        const box = boxOf(r);
        const p = perf.get(r.regionCode ?? '') ?? 0.8;
        r.totalInvestment = total[i]!;
        r.skipsSigning = PUBLIC_BOXES.has(box);
        const inZone = r.regionCode ? COUNTY_ZONES[r.regionCode] : undefined;
        if (!r.zone && inZone && ZONE_BOXES.has(box) && rnd() < 0.6) r.zone = inZone;
        r.responsibleUnit =
          r.regionCode && r.regionCode !== '140800'
            ? `${counties.find((c) => c.code === r.regionCode)?.name ?? ''}人民政府`
            : '市发展和改革委员会';

        let signed: string | null = null;
        if (xianSet.has(i)) {
          signed = '2023-08-08';
          r.sourceText = `${NEWS_002}\n规划原文：${r.sourceText ?? ''}`;
        } else if (h1Set.has(i)) {
          signed = dateOf(mi('2023-01-01') + Math.floor(rnd() * 6), 1 + Math.floor(rnd() * 28));
          r.sourceText = `${NEWS_000}\n规划原文：${r.sourceText ?? ''}`;
        } else if (!r.skipsSigning) {
          const u = rnd();
          // the rest: a quarter still being negotiated, the others signed at some point 2021–2024
          if (u > 0.25) {
            const months = [
              0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 31, 32, 33, 34, 35,
              36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46,
            ];
            signed = dateOf(mi('2021-01-01') + months[Math.floor(rnd() * months.length)]!, 1 + Math.floor(rnd() * 28));
          }
        }
        // government projects are "ready" once approved: their clock starts like a signing
        const ready = r.skipsSigning
          ? rnd() < 0.8
            ? dateOf(mi('2021-01-01') + Math.floor(rnd() * 44), 10)
            : null
          : signed;
        if (ready === null) {
          r.library = 'conceived';
          r.plannedStartOn = rnd() < 0.5 ? dateOf(mi('2025-01-01') + Math.floor(rnd() * 12), 15) : null;
          return;
        }
        r.signedOn = cap(signed);
        r.plannedStartOn = addMonths(ready, 2 + Math.floor(rnd() * 3));
        r.plannedProductionOn = addMonths(r.plannedStartOn, 12 + Math.floor(rnd() * 18));
        r.plannedCapacityOn = addMonths(r.plannedProductionOn, 12);
        const startsOnTime = rnd() < p;
        const started = cap(
          addMonths(r.plannedStartOn, startsOnTime ? Math.floor(rnd() * 2) - 1 : 3 + Math.floor(rnd() * 12)),
        );
        r.startedOn = started !== null && (!signed || started >= signed) ? started : started ? signed : null;
        r.library = r.startedOn ? 'construction' : 'reserve';
        if (r.startedOn) {
          const producesOnTime = rnd() < p;
          const prod = cap(
            addMonths(r.plannedProductionOn, producesOnTime ? Math.floor(rnd() * 2) - 1 : 4 + Math.floor(rnd() * 10)),
          );
          r.inProductionOn = prod && prod > r.startedOn ? prod : null;
          r.completedOn = r.inProductionOn ? cap(addMonths(r.inProductionOn, Math.floor(rnd() * 6))) : null;
          if (r.inProductionOn) {
            r.capacityRate = Math.round((0.55 + rnd() * 0.5) * 100) / 100;
            r.atCapacityOn = rnd() < p ? cap(addMonths(r.inProductionOn, 6 + Math.floor(rnd() * 12))) : null;
            if (r.atCapacityOn || mi(DEMO_TODAY) - mi(r.inProductionOn) >= 6) r.library = 'in_effect';
          }
        }
        // monthly investment: planned from the planned start to planned production (+ 6 months), completed
        // from the actual start, at the county's pace
        const from = mi(r.plannedStartOn);
        const to = mi(r.plannedProductionOn) + 6;
        const perMonth = (r.totalInvestment ?? 0) / Math.max(1, to - from + 1);
        const startM = r.startedOn ? mi(r.startedOn) : Number.POSITIVE_INFINITY;
        const endM = Math.min(to + 6, mi(DEMO_TODAY));
        for (let m = Math.min(from, startM); m <= Math.min(Math.max(to, 0), mi('2024-12-01')); m++) {
          if (m < mi('2021-01-01')) continue;
          const planned = m >= from && m <= to ? perMonth : 0;
          const completed = m >= startM && m <= endM ? perMonth * (0.55 + p * 0.5) * (0.8 + rnd() * 0.4) : 0;
          if (planned === 0 && completed === 0) continue;
          investments.push({
            row: i,
            year: Math.floor(m / 12),
            month: (m % 12) + 1,
            planned: Math.round(planned * 10) / 10,
            completed: Math.round(completed * 10) / 10,
            progressText: completed > 0 ? '示例数据：按计划推进' : null,
            state: m < mi('2024-10-01') ? 'approved' : 'submitted',
            updatedBy: DEMO_ACTOR,
          });
        }
        // problems: about one project in five reports a blocker
        if (r.signedOn || r.startedOn) {
          const base = r.startedOn ?? r.signedOn!;
          const n = rnd() < 0.2 ? 1 + Math.floor(rnd() * 2) : 0;
          for (let k = 0; k < n; k++) {
            const [kind, title] = PROBLEM_KINDS[Math.floor(rnd() * PROBLEM_KINDS.length)]!;
            const raisedOn = addMonths(base, Math.floor(rnd() * 10));
            if (raisedOn > DEMO_TODAY) continue;
            const deadline = addMonths(raisedOn, 1 + Math.floor(rnd() * 2));
            const closedOn = rnd() < 0.3 + p * 0.5 ? cap(addMonths(raisedOn, Math.floor(rnd() * 4))) : null;
            problems.push({
              row: i,
              title: `${title}（示例数据）`,
              kind,
              owner: r.responsibleUnit ?? null,
              deadline,
              raisedOn,
              closedOn: closedOn && closedOn >= raisedOn ? closedOn : null,
              closeEvidence: closedOn && closedOn >= raisedOn ? { text: '示例数据：经协调已解决' } : null,
            });
          }
        }
      });

      // 一联五: each leader liaises the six largest projects in turn
      const largest = rows
        .map((r, i) => ({ i, t: r.signedOn || r.startedOn ? (r.totalInvestment ?? 0) : 0 }))
        .sort((a, b) => b.t - a.t || a.i - b.i)
        .slice(0, LEADERS.length * 6);
      largest.forEach(({ i }, k) => {
        rows[i]!.liaisonLeaders = [LEADERS[k % LEADERS.length]!];
        rows[i]!.serviceUnit = '市项目推进中心';
      });

      const saved = await repos.projects.insertMany(rows);
      const byKey = new Map(saved.map((s) => [s.itemKey, s.id]));
      const idOf = rows.map((r) => byKey.get(r.itemKey ?? null) as number);
      await repos.investments.insertMany(investments.map(({ row, ...v }) => ({ ...v, projectId: idOf[row]! })));
      await repos.problems.insertMany(problems.map(({ row, ...v }) => ({ ...v, projectId: idOf[row]! })));
      // checklists (要素保障) and a few progress photos: project-detail-demo.service.ts
      await loadDetailDemo(repos, saved, DEMO_TODAY);
      await repos.audit.record({
        actor: DEMO_ACTOR,
        action: 'demo.load',
        entity: 'plan',
        entityId: String(planId),
        after: { projects: saved.length, investments: investments.length, problems: problems.length },
      });
      return { projects: saved.length, investments: investments.length, problems: problems.length };
    });
  }
}
