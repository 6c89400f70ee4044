import { z } from 'zod';
import type { QuarterSchedule, StoredCadence } from '../../services/cadence.service.ts';

/** Reply shapes of the 五个一 cadence and a quarter's schedule, and their presenters. */
const EventCadence = z.object({ every: z.number(), monthInCycle: z.number() });

export const CadenceReply = z.object({
  cadence: z.object({
    signing: EventCadence,
    groundbreaking: EventCadence,
    tour: EventCadence,
    assessment: EventCadence,
    bulletin: EventCadence,
  }),
  version: z.number(),
  isDefault: z.boolean(),
  updatedBy: z.string().nullable(),
});

export const ScheduleReply = z.object({
  year: z.number(),
  quarter: z.number(),
  cadence: CadenceReply,
  events: z.array(
    z.object({
      event: z.enum(['signing', 'groundbreaking', 'tour', 'assessment', 'bulletin']),
      year: z.number(),
      month: z.number(),
      cycle: z.string(),
      zh: z.string(),
      en: z.string(),
      status: z.enum(['done', 'in_progress', 'missing']),
      detailZh: z.string(),
      detailEn: z.string(),
    }),
  ),
});

export function presentCadence(c: StoredCadence): z.infer<typeof CadenceReply> {
  return { cadence: c.cadence, version: c.version, isDefault: c.isDefault, updatedBy: c.updatedBy };
}

export function presentSchedule(s: QuarterSchedule): z.infer<typeof ScheduleReply> {
  return {
    year: s.year,
    quarter: s.quarter,
    cadence: presentCadence(s.cadence),
    events: s.events.map((e) => ({
      event: e.event,
      year: e.year,
      month: e.month,
      cycle: e.cycle,
      zh: e.zh,
      en: e.en,
      status: e.status,
      detailZh: e.detailZh,
      detailEn: e.detailEn,
    })),
  };
}
