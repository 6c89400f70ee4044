import { type IsoDate, isIsoDate, type Violation } from './messages.ts';

/** 四库: the four project libraries, in lifecycle order. */
export const LIBRARIES = ['conceived', 'reserve', 'construction', 'in_effect'] as const;
export type Library = (typeof LIBRARIES)[number];

export const LIBRARY_NAMES: Record<Library, { zh: string; en: string }> = {
  conceived: { zh: '谋划库', en: 'conceived library' },
  reserve: { zh: '储备库', en: 'reserve library' },
  construction: { zh: '建设库', en: 'construction library' },
  in_effect: { zh: '达效库', en: 'in-effect library' },
};

export const MILESTONES = ['signed', 'started', 'completed', 'in_production', 'at_capacity'] as const;
export type Milestone = (typeof MILESTONES)[number];

export const MILESTONE_NAMES: Record<Milestone, { zh: string; en: string }> = {
  signed: { zh: '签约', en: 'signing' },
  started: { zh: '开工', en: 'start' },
  completed: { zh: '竣工', en: 'completion' },
  in_production: { zh: '投产', en: 'production' },
  at_capacity: { zh: '达产', en: 'full capacity' },
};

/**
 * Milestone pairs that must be in date order. Completion and production are not ordered against
 * each other: a plant often produces from its first line before the whole project is completed.
 */
const ORDER: ReadonlyArray<readonly [Milestone, Milestone]> = [
  ['signed', 'started'],
  ['started', 'completed'],
  ['started', 'in_production'],
  ['in_production', 'at_capacity'],
];

export type Milestones = Partial<Record<Milestone, IsoDate>>;

export interface ProjectState {
  id: string;
  library: Library;
  /** Government-invested and similar projects have no investment agreement to sign. */
  skipsSigning?: boolean;
  milestones: Milestones;
  /** Stated capacity rate (达产率) as a ratio, 0.8 = 80 %; may exceed 1. */
  capacityRate?: number | null;
}

export interface ProjectChange {
  library?: Library;
  /** New or corrected dates; `null` removes a recorded milestone. */
  milestones?: Partial<Record<Milestone, IsoDate | null>>;
  capacityRate?: number | null;
  /** Why: required for moving back a library and for altering or removing a recorded date. */
  reason?: string;
  /** Lets an office move a project forward over a library (e.g. a signed-and-started project). */
  allowSkip?: boolean;
}

/** Returns every rule the change would break; an empty list means the change may be applied. */
export function checkTransition(project: ProjectState, change: ProjectChange, today: IsoDate): Violation[] {
  const next = applyChange(project, change);
  const hasReason = (change.reason ?? '').trim().length > 0;
  return [
    ...checkDates(project.milestones, change, today, hasReason),
    ...checkOrder(next, project.skipsSigning === true),
    ...checkLibraryMove(project.library, next.library, change.allowSkip === true, hasReason),
    ...checkInEffect(next),
  ];
}

/** The state after the change, for checks that look at the result rather than the delta. */
export function applyChange(project: ProjectState, change: ProjectChange): ProjectState {
  const milestones: Milestones = { ...project.milestones };
  for (const [k, v] of Object.entries(change.milestones ?? {}) as [Milestone, IsoDate | null][]) {
    if (v === null) delete milestones[k];
    else milestones[k] = v;
  }
  return {
    ...project,
    library: change.library ?? project.library,
    milestones,
    capacityRate: change.capacityRate !== undefined ? change.capacityRate : project.capacityRate,
  };
}

function checkDates(before: Milestones, change: ProjectChange, today: IsoDate, hasReason: boolean): Violation[] {
  const out: Violation[] = [];
  for (const [k, v] of Object.entries(change.milestones ?? {}) as [Milestone, IsoDate | null][]) {
    const name = MILESTONE_NAMES[k];
    const old = before[k];
    if (v !== null && !isIsoDate(v)) {
      out.push(v_('DATE_INVALID', `${name.zh}日期“${v}”无效`, `The ${name.en} date "${v}" is not a valid date`));
      continue;
    }
    if (v !== null && v > today) {
      out.push(
        v_('DATE_IN_FUTURE', `${name.zh}日期${v}晚于今天${today}`, `The ${name.en} date ${v} is after today ${today}`),
      );
    }
    if (old !== undefined && v !== old && !hasReason) {
      const what = v === null ? { zh: '删除', en: 'Removing' } : { zh: '修改', en: 'Changing' };
      out.push(
        v_(
          'MILESTONE_CHANGE_NEEDS_REASON',
          `${what.zh}已登记的${name.zh}日期（${old}）须说明理由`,
          `${what.en} the recorded ${name.en} date (${old}) needs a reason`,
        ),
      );
    }
  }
  return out;
}

function checkOrder(next: ProjectState, skipsSigning: boolean): Violation[] {
  const m = next.milestones;
  const out: Violation[] = [];
  if (m.started && !m.signed && !skipsSigning) {
    out.push(v_('START_WITHOUT_SIGNING', '项目尚未签约，不能登记开工', 'The project cannot start before it is signed'));
  }
  for (const [a, b] of ORDER) {
    if (a === 'signed' && skipsSigning) continue;
    const da = m[a];
    const db = m[b];
    if (da && db && isIsoDate(da) && isIsoDate(db) && db < da) {
      const [na, nb] = [MILESTONE_NAMES[a], MILESTONE_NAMES[b]];
      out.push(
        v_(
          'MILESTONE_ORDER',
          `${nb.zh}日期${db}早于${na.zh}日期${da}`,
          `The ${nb.en} date ${db} is before the ${na.en} date ${da}`,
        ),
      );
    }
  }
  return out;
}

function checkLibraryMove(from: Library, to: Library, allowSkip: boolean, hasReason: boolean): Violation[] {
  const step = LIBRARIES.indexOf(to) - LIBRARIES.indexOf(from);
  const [zf, zt] = [LIBRARY_NAMES[from], LIBRARY_NAMES[to]];
  if (step > 1 && !allowSkip) {
    return [
      v_(
        'LIBRARY_SKIP',
        `不能从${zf.zh}越级进入${zt.zh}，须逐库推进或经特别批准`,
        `Cannot jump from the ${zf.en} to the ${zt.en} without explicit permission`,
      ),
    ];
  }
  if (step < 0 && !hasReason) {
    return [
      v_(
        'LIBRARY_BACKWARD_NEEDS_REASON',
        `将项目从${zf.zh}退回${zt.zh}须说明理由`,
        `Returning a project from the ${zf.en} to the ${zt.en} needs a reason`,
      ),
    ];
  }
  return [];
}

function checkInEffect(next: ProjectState): Violation[] {
  const out: Violation[] = [];
  const rate = next.capacityRate;
  if (rate !== undefined && rate !== null && (!Number.isFinite(rate) || rate < 0)) {
    out.push(v_('CAPACITY_RATE_INVALID', `达产率${rate}无效`, `Capacity rate ${rate} is not valid`));
  }
  if (next.library !== 'in_effect') return out;
  if (!next.milestones.in_production) {
    out.push(
      v_(
        'IN_EFFECT_NEEDS_PRODUCTION',
        '进入达效库须先登记投产日期',
        'Entering the in-effect library needs a production date',
      ),
    );
  }
  if (rate === undefined || rate === null) {
    out.push(
      v_(
        'IN_EFFECT_NEEDS_CAPACITY_RATE',
        '进入达效库须填报达产率',
        'Entering the in-effect library needs a stated capacity rate',
      ),
    );
  }
  return out;
}

function v_(code: string, zh: string, en: string): Violation {
  return { code, zh, en };
}
