import type { Library, Milestone, Milestones } from './lifecycle.ts';
import { LIBRARY_NAMES, MILESTONE_NAMES } from './lifecycle.ts';
import { type IsoDate, round } from './messages.ts';

/**
 * 一联五: what changed in a leader's projects during a quarter, against the quarter before —
 * library moves (a milestone reached in the quarter moves the project into the next library),
 * problems raised and closed, and the investment completed in the quarter beside the previous one.
 */
export interface LeaderProject {
  id: number;
  name: string;
  milestones: Milestones;
}

export interface LeaderProblem {
  id: number;
  projectId: number;
  title: string;
  raisedOn: IsoDate;
  closedOn: IsoDate | null;
}

export interface LeaderInvestment {
  projectId: number;
  year: number;
  month: number;
  completed: number;
}

export interface QuarterSpan {
  from: IsoDate;
  to: IsoDate;
}

export interface LibraryMove {
  projectId: number;
  milestone: Milestone;
  on: IsoDate;
  /** The library the milestone moves the project into; null for a milestone that moves none (竣工, 投产). */
  library: Library | null;
  zh: string;
  en: string;
}

export interface InvestmentChange {
  projectId: number;
  /** Completed in the quarter and in the previous quarter (万元). */
  current: number;
  previous: number;
  change: number;
}

export interface LeaderChanges {
  moves: LibraryMove[];
  newProblems: LeaderProblem[];
  closedProblems: LeaderProblem[];
  investment: { current: number; previous: number; change: number; projects: InvestmentChange[] };
  zh: string;
  en: string;
}

/**
 * The library a milestone moves a project into: 签约 → 储备库, 开工 → 建设库, 达产 → 达效库. 竣工 and
 * 投产 are reported too but move none (a producing plant stays in 建设库 until it reaches capacity).
 */
const MOVES_INTO: Record<Milestone, Library | null> = {
  signed: 'reserve',
  started: 'construction',
  completed: null,
  in_production: null,
  at_capacity: 'in_effect',
};

const within = (d: string | null | undefined, s: QuarterSpan) => d != null && d >= s.from && d <= s.to;
const monthOf = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}-15`;

export function leaderChanges(
  projects: readonly LeaderProject[],
  problems: readonly LeaderProblem[],
  investments: readonly LeaderInvestment[],
  quarter: QuarterSpan,
  previous: QuarterSpan,
): LeaderChanges {
  const names = new Map(projects.map((p) => [p.id, p.name]));
  const moves: LibraryMove[] = [];
  for (const p of projects) {
    for (const [milestone, library] of Object.entries(MOVES_INTO) as Array<[Milestone, Library | null]>) {
      const on = p.milestones[milestone];
      if (!on || !within(on, quarter)) continue;
      const ms = MILESTONE_NAMES[milestone];
      const lib = library ? LIBRARY_NAMES[library] : null;
      moves.push({
        projectId: p.id,
        milestone,
        on,
        library,
        zh: `${p.name}于${on}${ms.zh}${lib ? `，进入${lib.zh}` : ''}`,
        en: `${p.name}: ${ms.en} on ${on}${lib ? `, into the ${lib.en}` : ''}`,
      });
    }
  }
  moves.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.projectId - b.projectId));
  const newProblems = problems.filter((p) => within(p.raisedOn, quarter));
  const closedProblems = problems.filter((p) => within(p.closedOn, quarter));

  const per = new Map<number, InvestmentChange>();
  for (const r of investments) {
    const d = monthOf(r.year, r.month);
    const cur = within(d, quarter);
    const prev = within(d, previous);
    if (!cur && !prev) continue;
    let c = per.get(r.projectId);
    if (!c) {
      c = { projectId: r.projectId, current: 0, previous: 0, change: 0 };
      per.set(r.projectId, c);
    }
    if (cur) c.current += r.completed;
    else c.previous += r.completed;
  }
  const changes = [...per.values()]
    .map((c) => ({
      ...c,
      current: round(c.current, 1),
      previous: round(c.previous, 1),
      change: round(c.current - c.previous, 1),
    }))
    .filter((c) => names.has(c.projectId))
    .sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || a.projectId - b.projectId);
  const current = round(
    changes.reduce((s, c) => s + c.current, 0),
    1,
  );
  const prev = round(
    changes.reduce((s, c) => s + c.previous, 0),
    1,
  );
  const change = round(current - prev, 1);
  const dir =
    change > 0
      ? { zh: `增加${change}`, en: `up ${change}` }
      : change < 0
        ? { zh: `减少${-change}`, en: `down ${-change}` }
        : { zh: '持平', en: 'unchanged' };
  return {
    moves,
    newProblems,
    closedProblems,
    investment: { current, previous: prev, change, projects: changes },
    zh: `本季度${moves.filter((m) => m.library).length}次进库、${moves.length}个节点，新增问题${newProblems.length}个、办结${closedProblems.length}个；完成投资${current}万元，较上季度${dir.zh}${change === 0 ? '' : '万元'}`,
    en: `This quarter: ${moves.filter((m) => m.library).length} library moves (${moves.length} milestones), ${newProblems.length} new and ${closedProblems.length} closed problems; investment completed ${current} (10k yuan), ${dir.en} on the previous quarter`,
  };
}
