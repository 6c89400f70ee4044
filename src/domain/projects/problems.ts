import { daysBetween, type IsoDate } from './messages.ts';

/**
 * Problem ledger (问题台账): each blocker a project reports (land, energy, funding … 要素保障) has a
 * deadline. An open problem past its deadline is overdue and climbs county → city → leader the
 * longer it stays open, so the liaison leader (一联五) sees only what the lower levels could not fix.
 */
export type EscalationLevel = 'county' | 'city' | 'leader';

export interface EscalationRules {
  /** Days overdue at which the city project office takes the problem over. */
  cityAfterDays: number;
  /** Days overdue at which it goes to the liaison leader. */
  leaderAfterDays: number;
}

export const DEFAULT_ESCALATION: EscalationRules = { cityAfterDays: 15, leaderAfterDays: 30 };

export interface Problem {
  id: string;
  projectId: string;
  deadline: IsoDate;
  /** Date the problem was closed; absent or null while open. */
  closedOn?: IsoDate | null;
}

export interface ProblemStatus {
  id: string;
  projectId: string;
  overdue: boolean;
  daysOverdue: number;
  level: EscalationLevel;
  zh: string;
  en: string;
}

const LEVEL_NAMES: Record<EscalationLevel, { zh: string; en: string }> = {
  county: { zh: '县级', en: 'county' },
  city: { zh: '市项目办', en: 'city project office' },
  leader: { zh: '包联市领导', en: 'liaison leader' },
};

export function problemStatus(p: Problem, today: IsoDate, rules: EscalationRules = DEFAULT_ESCALATION): ProblemStatus {
  const closed = p.closedOn != null && p.closedOn <= today;
  const days = closed ? 0 : Math.max(0, daysBetween(p.deadline, today));
  const level: EscalationLevel =
    days >= rules.leaderAfterDays ? 'leader' : days >= rules.cityAfterDays ? 'city' : 'county';
  const name = LEVEL_NAMES[level];
  const base = { id: p.id, projectId: p.projectId, overdue: days > 0, daysOverdue: days, level };
  if (closed) return { ...base, zh: '问题已办结', en: 'Problem closed' };
  if (days === 0) return { ...base, zh: `办理时限${p.deadline}，未超期`, en: `Due ${p.deadline}, not overdue` };
  return {
    ...base,
    zh: `办理时限${p.deadline}，已超期${days}天，由${name.zh}督办`,
    en: `Due ${p.deadline}, ${days} days overdue, escalated to the ${name.en}`,
  };
}

/** Overdue open problems, longest overdue first (ties by id so lists never reshuffle). */
export function overdueProblems(
  problems: Iterable<Problem>,
  today: IsoDate,
  rules: EscalationRules = DEFAULT_ESCALATION,
): ProblemStatus[] {
  const out: ProblemStatus[] = [];
  for (const p of problems) {
    const s = problemStatus(p, today, rules);
    if (s.overdue) out.push(s);
  }
  return out.sort((a, b) => b.daysOverdue - a.daysOverdue || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
