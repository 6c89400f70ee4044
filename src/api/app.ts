import { existsSync } from 'node:fs';
import path from 'node:path';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Database } from '../db/client.ts';
import { LantuError } from '../errors.ts';
import { BulletinService } from '../services/bulletin.service.ts';
import { CadenceService } from '../services/cadence.service.ts';
import type { ServiceContext } from '../services/context.ts';
import { DocumentService } from '../services/document.service.ts';
import { EvaluationService } from '../services/evaluation.service.ts';
import { FactService } from '../services/fact.service.ts';
import { GroupKpiService } from '../services/group-kpi.service.ts';
import { IndicatorService } from '../services/indicator.service.ts';
import { IndicatorValueService } from '../services/indicator-value.service.ts';
import { PlanService } from '../services/plan.service.ts';
import { PlanReviewService } from '../services/plan-review.service.ts';
import { ProjectService } from '../services/project.service.ts';
import { ProjectApprovalService } from '../services/project-approval.service.ts';
import { ProjectAttachmentService } from '../services/project-attachment.service.ts';
import { ProjectExchangeService } from '../services/project-exchange.service.ts';
import { ProjectInvestmentService } from '../services/project-investment.service.ts';
import { ProjectProblemService } from '../services/project-problem.service.ts';
import { QuarterService } from '../services/quarter.service.ts';
import { QuarterEventService } from '../services/quarter-event.service.ts';
import { QuarterPenaltyService } from '../services/quarter-penalty.service.ts';
import { RegionService } from '../services/region.service.ts';
import { ReportService } from '../services/report.service.ts';
import { RubricService } from '../services/rubric.service.ts';
import { TourScoreService } from '../services/tour-score.service.ts';
import { ValueExchangeService } from '../services/value-exchange.service.ts';
import { WorkbenchService } from '../services/workbench.service.ts';
import { registerAuthorization } from './auth.ts';
import { registerErrorHandler } from './errors.ts';
import { bulletinRoutes } from './routes/bulletin.routes.ts';
import { cadenceRoutes } from './routes/cadence.routes.ts';
import { documentRoutes } from './routes/document.routes.ts';
import { factRoutes } from './routes/fact.routes.ts';
import { groupKpiRoutes } from './routes/group-kpi.routes.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { indicatorRoutes } from './routes/indicator.routes.ts';
import { planRoutes } from './routes/plan.routes.ts';
import { planItemRoutes } from './routes/plan-item.routes.ts';
import { projectRoutes } from './routes/project.routes.ts';
import { projectApprovalRoutes } from './routes/project-approval.routes.ts';
import { projectAttachmentRoutes } from './routes/project-attachment.routes.ts';
import { projectInvestmentRoutes } from './routes/project-investment.routes.ts';
import { projectListRoutes } from './routes/project-list.routes.ts';
import { quarterRoutes } from './routes/quarter.routes.ts';
import { quarterEventRoutes } from './routes/quarter-event.routes.ts';
import { quarterPenaltyRoutes } from './routes/quarter-penalty.routes.ts';
import { regionRoutes } from './routes/region.routes.ts';
import { reportRoutes } from './routes/report.routes.ts';
import { rubricRoutes } from './routes/rubric.routes.ts';
import { tourScoreRoutes } from './routes/tour-score.routes.ts';
import { valueRoutes } from './routes/value.routes.ts';
import { valueExchangeRoutes } from './routes/value-exchange.routes.ts';
import { workbenchRoutes } from './routes/workbench.routes.ts';

export const API_VERSION = '0.1.0';

export interface ApiServices {
  database: Database;
  version: string;
  regions: RegionService;
  documents: DocumentService;
  plans: PlanService;
  review: PlanReviewService;
  indicators: IndicatorService;
  values: IndicatorValueService;
  evaluation: EvaluationService;
  facts: FactService;
  exchange: ValueExchangeService;
  projects: ProjectService;
  projectExchange: ProjectExchangeService;
  investments: ProjectInvestmentService;
  problems: ProjectProblemService;
  approvals: ProjectApprovalService;
  attachments: ProjectAttachmentService;
  quarters: QuarterService;
  groupKpis: GroupKpiService;
  quarterEvents: QuarterEventService;
  tourScores: TourScoreService;
  penalties: QuarterPenaltyService;
  cadence: CadenceService;
  workbench: WorkbenchService;
  rubrics: RubricService;
  reports: ReportService;
  bulletins: BulletinService;
}

export function createApiServices(ctx: ServiceContext): ApiServices {
  return {
    database: ctx.database,
    version: API_VERSION,
    regions: new RegionService(ctx),
    documents: new DocumentService(ctx),
    plans: new PlanService(ctx),
    review: new PlanReviewService(ctx),
    indicators: new IndicatorService(ctx),
    values: new IndicatorValueService(ctx),
    evaluation: new EvaluationService(ctx),
    facts: new FactService(ctx),
    exchange: new ValueExchangeService(ctx),
    projects: new ProjectService(ctx),
    projectExchange: new ProjectExchangeService(ctx),
    investments: new ProjectInvestmentService(ctx),
    problems: new ProjectProblemService(ctx),
    approvals: new ProjectApprovalService(ctx),
    attachments: new ProjectAttachmentService(ctx),
    quarters: new QuarterService(ctx),
    groupKpis: new GroupKpiService(ctx),
    quarterEvents: new QuarterEventService(ctx),
    tourScores: new TourScoreService(ctx),
    penalties: new QuarterPenaltyService(ctx),
    cadence: new CadenceService(ctx),
    workbench: new WorkbenchService(ctx),
    rubrics: new RubricService(ctx),
    reports: new ReportService(ctx),
    bulletins: new BulletinService(ctx),
  };
}

export interface AppOptions {
  ctx: ServiceContext;
  maxUploadBytes: number;
  /** Built web app to serve at `/`; skipped when absent (API-only, e.g. tests). */
  webDist?: string | undefined;
  logLevel?: string;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: options.logLevel ?? 'warn' },
    // Multipart carries the big payloads; JSON bodies stay small.
    bodyLimit: 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  registerAuthorization(app);

  await app.register(multipart, {
    limits: { fileSize: options.maxUploadBytes, files: 1, fields: 20 },
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: '蓝图 Lantu API',
        version: API_VERSION,
        description: '规划实施监测系统接口。错误统一为 {error:{code,message}}，message 为中英双语。',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const services = createApiServices(options.ctx);
  await app.register(
    async (api) => {
      await api.register(healthRoutes(services));
      await api.register(regionRoutes(services));
      await api.register(documentRoutes(services));
      await api.register(factRoutes(services));
      await api.register(planRoutes(services));
      await api.register(planItemRoutes(services));
      await api.register(indicatorRoutes(services));
      await api.register(valueExchangeRoutes(services));
      await api.register(projectListRoutes(services));
      await api.register(projectRoutes(services));
      await api.register(projectApprovalRoutes(services));
      await api.register(projectAttachmentRoutes(services));
      await api.register(projectInvestmentRoutes(services));
      await api.register(quarterRoutes(services));
      await api.register(groupKpiRoutes(services));
      await api.register(quarterEventRoutes(services));
      await api.register(tourScoreRoutes(services));
      await api.register(quarterPenaltyRoutes(services));
      await api.register(cadenceRoutes(services));
      await api.register(workbenchRoutes(services));
      await api.register(rubricRoutes(services));
      await api.register(reportRoutes(services));
      await api.register(bulletinRoutes(services));
      await api.register(valueRoutes(services));
    },
    { prefix: '/api' },
  );

  registerWeb(app, options.webDist);
  return app;
}

/** Serves the SPA; any unknown non-API GET gets index.html so deep links work. */
function registerWeb(app: FastifyInstance, webDist: string | undefined): void {
  const hasWeb = webDist !== undefined && existsSync(path.join(webDist, 'index.html'));
  // wildcard: files are looked up per request, so a rebuilt web/dist is served without a restart.
  if (hasWeb) app.register(fastifyStatic, { root: webDist, wildcard: true });
  app.setNotFoundHandler((request, reply) => {
    if (hasWeb && request.method === 'GET' && !request.url.startsWith('/api')) {
      return reply.type('text/html').sendFile('index.html');
    }
    const err = new LantuError('NOT_FOUND', {
      zh: `${request.method} ${request.url}`,
      en: `${request.method} ${request.url}`,
    });
    return reply.status(404).send(err.toJSON());
  });
}
