import type { Config } from '../config.ts';
import type { Database, Db } from '../db/client.ts';
import { AuditRepository } from '../db/repositories/audit.repository.ts';
import { BulletinRepository } from '../db/repositories/bulletin.repository.ts';
import { DocumentRepository } from '../db/repositories/document.repository.ts';
import { IndicatorRepository } from '../db/repositories/indicator.repository.ts';
import { IndicatorValueRepository } from '../db/repositories/indicator-value.repository.ts';
import { PlanRepository } from '../db/repositories/plan.repository.ts';
import { PlanItemRepository } from '../db/repositories/plan-item.repository.ts';
import { PlanSectionRepository } from '../db/repositories/plan-section.repository.ts';
import { ProjectRepository } from '../db/repositories/project.repository.ts';
import { ProjectApprovalRepository } from '../db/repositories/project-approval.repository.ts';
import { ProjectAttachmentRepository } from '../db/repositories/project-attachment.repository.ts';
import { ProjectInvestmentRepository } from '../db/repositories/project-investment.repository.ts';
import { ProjectProblemRepository } from '../db/repositories/project-problem.repository.ts';
import { QuarterRepository } from '../db/repositories/quarter.repository.ts';
import { QuarterEventRepository } from '../db/repositories/quarter-event.repository.ts';
import { QuarterPenaltyRepository } from '../db/repositories/quarter-penalty.repository.ts';
import { RegionRepository } from '../db/repositories/region.repository.ts';
import { RubricRepository } from '../db/repositories/rubric.repository.ts';
import { SettingRepository } from '../db/repositories/setting.repository.ts';
import { TourScoreRepository } from '../db/repositories/tour-score.repository.ts';

/** Repositories bound to one connection or one transaction. */
export function repositories(db: Db) {
  return {
    regions: new RegionRepository(db),
    documents: new DocumentRepository(db),
    plans: new PlanRepository(db),
    sections: new PlanSectionRepository(db),
    planItems: new PlanItemRepository(db),
    audit: new AuditRepository(db),
    indicators: new IndicatorRepository(db),
    values: new IndicatorValueRepository(db),
    projects: new ProjectRepository(db),
    investments: new ProjectInvestmentRepository(db),
    problems: new ProjectProblemRepository(db),
    rubrics: new RubricRepository(db),
    quarters: new QuarterRepository(db),
    quarterEvents: new QuarterEventRepository(db),
    tourScores: new TourScoreRepository(db),
    penalties: new QuarterPenaltyRepository(db),
    settings: new SettingRepository(db),
    approvals: new ProjectApprovalRepository(db),
    attachments: new ProjectAttachmentRepository(db),
    bulletins: new BulletinRepository(db),
  };
}
export type Repositories = ReturnType<typeof repositories>;

export interface ServiceContext {
  database: Database;
  config: Pick<Config, 'maxUploadBytes'>;
  repos: Repositories;
  /** Runs `work` in one transaction: an import either lands whole or not at all. */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
}

export function createContext(database: Database, config: Pick<Config, 'maxUploadBytes'>): ServiceContext {
  return {
    database,
    config,
    repos: repositories(database.db),
    transaction: (work) => database.db.transaction((tx) => work(repositories(tx as unknown as Db))),
  };
}
