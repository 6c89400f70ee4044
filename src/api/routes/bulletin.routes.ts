import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { BulletinRow } from '../../db/repositories/bulletin.repository.ts';
import { PARAGRAPH_IDS } from '../../reports/bulletin.model.ts';
import { contentOf } from '../../services/bulletin.service.ts';
import type { ApiServices } from '../app.ts';
import { ErrorView } from '../views.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const PDF = 'application/pdf';

function attachment(name: string): string {
  return `attachment; filename="${encodeURIComponent(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const QuarterParams = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  quarter: z.coerce.number().int().min(1).max(4),
});

const RankRowView = z.object({
  region: z.object({ code: z.string(), name: z.string() }),
  score: z.number(),
  rank: z.number(),
  previousRank: z.number().nullable(),
  vetoed: z.boolean(),
  kpis: z.object({
    landingRate: z.number().nullable(),
    startRate: z.number().nullable(),
    investmentCompletionRate: z.number().nullable(),
    productionRate: z.number().nullable(),
  }),
});

const ListEntryView = z.object({
  key: z.string(),
  projectId: z.number().nullable(),
  project: z.string(),
  county: z.string(),
  responsibleUnit: z.string(),
  reason: z.string(),
  source: z.enum(['system', 'manual']),
  basis: z.array(z.object({ code: z.string(), text: z.string() })),
});

const ParagraphId = z.enum(PARAGRAPH_IDS as [string, ...string[]]);

/** The bulletin's content: what the page renders as a document and what the Word file is made from. */
const BulletinContentView = z.object({
  format: z.string(),
  year: z.number(),
  quarter: z.number(),
  city: z.object({ code: z.string(), name: z.string() }),
  period: z.object({ from: z.string(), to: z.string(), throughMonth: z.number() }),
  issuerMark: z.string(),
  issuer: z.string(),
  docNumber: z.string(),
  title: z.string(),
  recipients: z.string(),
  paragraphs: z.array(z.object({ id: ParagraphId, heading: z.string().nullable(), text: z.string() })),
  figures: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      value: z.number().nullable(),
      unit: z.string(),
      rule: z.string(),
      inputs: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
      projectIds: z.array(z.number()),
    }),
  ),
  rankings: z.object({
    rubric: z.object({ id: z.string(), version: z.number() }),
    tourScores: z.boolean(),
    county: z.array(RankRowView),
    zone: z.array(RankRowView),
  }),
  redList: z.array(ListEntryView),
  yellowList: z.array(ListEntryView),
  hasDemoData: z.boolean(),
  signedOn: z.string(),
  draftedOn: z.string(),
});

export const BulletinView = z.object({
  id: z.number(),
  year: z.number(),
  quarter: z.number(),
  state: z.enum(['draft', 'issued']),
  version: z.number(),
  issuedAt: z.string().nullable(),
  issuedBy: z.string().nullable(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string(),
  content: BulletinContentView,
});

const BulletinSummaryView = z.object({
  year: z.number(),
  quarter: z.number(),
  state: z.enum(['draft', 'issued']),
  version: z.number(),
  title: z.string(),
  issuedAt: z.string().nullable(),
  updatedAt: z.string(),
});

/** Presenter: the row as the API shows it (dates as ISO strings, the content typed). */
export function presentBulletin(row: BulletinRow): z.infer<typeof BulletinView> {
  return {
    id: row.id,
    year: row.year,
    quarter: row.quarter,
    state: row.state,
    version: row.version,
    issuedAt: row.issuedAt?.toISOString() ?? null,
    issuedBy: row.issuedBy,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt.toISOString(),
    content: contentOf(row),
  };
}

const text = (max: number) => z.string().trim().min(1).max(max);

const ListEntryInput = z.object({
  key: z.string().max(40).optional(),
  projectId: z.number().int().positive().nullable().optional(),
  project: text(200),
  county: z.string().trim().max(50),
  responsibleUnit: z.string().trim().max(100),
  reason: text(1000),
});

const EditBody = z
  .object({
    version: z.number().int().positive(),
    title: text(200).optional(),
    issuerMark: text(60).optional(),
    issuer: text(60).optional(),
    docNumber: text(60).optional(),
    recipients: text(300).optional(),
    paragraphs: z.partialRecord(ParagraphId, z.string().max(5000)).optional(),
    redList: z.array(ListEntryInput).max(2000).optional(),
    yellowList: z.array(ListEntryInput).max(2000).optional(),
  })
  .strict();

export function bulletinRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/bulletins',
      {
        schema: {
          tags: ['bulletins'],
          summary: '季度通报列表 Quarterly bulletins drafted so far',
          response: { 200: z.object({ items: z.array(BulletinSummaryView) }) },
        },
      },
      async () => ({
        items: (await services.bulletins.list()).map((r) => ({
          year: r.year,
          quarter: r.quarter,
          state: r.state,
          version: r.version,
          title: contentOf(r).title,
          issuedAt: r.issuedAt?.toISOString() ?? null,
          updatedAt: r.updatedAt.toISOString(),
        })),
      }),
    );

    app.get(
      '/bulletins/:year/:quarter',
      {
        schema: {
          tags: ['bulletins'],
          summary: '季度“五个一”通报（草稿或已印发） The quarter’s bulletin, draft or issued',
          params: QuarterParams,
          response: { 200: BulletinView, 400: ErrorView, 404: ErrorView },
        },
      },
      async (request) => presentBulletin(await services.bulletins.get(request.params.year, request.params.quarter)),
    );

    app.post(
      '/bulletins/:year/:quarter/draft',
      {
        config: { permission: 'bulletin:write' },
        schema: {
          tags: ['bulletins'],
          summary:
            '起草或重新生成通报草稿（重新生成会覆盖修改，须给出当前版本） Draft the bulletin, or regenerate a draft (needs its version)',
          params: QuarterParams,
          // no body creates the draft; `{version}` regenerates an existing one
          body: z.object({ version: z.number().int().positive().optional() }).strict().nullish(),
          response: { 200: BulletinView, 201: BulletinView, 400: ErrorView, 404: ErrorView, 409: ErrorView },
        },
      },
      async (request, reply) => {
        const { year, quarter } = request.params;
        const r = await services.bulletins.draft(year, quarter, request.actor.name, request.body?.version);
        return reply.status(r.created ? 201 : 200).send(presentBulletin(r.row));
      },
    );

    app.patch(
      '/bulletins/:year/:quarter',
      {
        config: { permission: 'bulletin:write' },
        schema: {
          tags: ['bulletins'],
          summary:
            '修改通报草稿：标题、文号、段落、红黄榜条目（须给出版本；已印发则拒绝） Edit the draft (versioned; refused once issued)',
          params: QuarterParams,
          body: EditBody,
          response: { 200: BulletinView, 400: ErrorView, 404: ErrorView, 409: ErrorView },
        },
      },
      async (request) => {
        const { year, quarter } = request.params;
        return presentBulletin(await services.bulletins.edit(year, quarter, request.body, request.actor.name));
      },
    );

    app.post(
      '/bulletins/:year/:quarter/issue',
      {
        config: { permission: 'bulletin:issue' },
        schema: {
          tags: ['bulletins'],
          summary: '印发通报（此后不能修改） Issue the bulletin; it is frozen from then on',
          params: QuarterParams,
          body: z.object({ version: z.number().int().positive() }).strict(),
          response: { 200: BulletinView, 400: ErrorView, 404: ErrorView, 409: ErrorView },
        },
      },
      async (request) => {
        const { year, quarter } = request.params;
        return presentBulletin(await services.bulletins.issue(year, quarter, request.body.version, request.actor.name));
      },
    );

    app.get(
      '/bulletins/:year/:quarter/bulletin.docx',
      {
        schema: {
          tags: ['bulletins'],
          summary: '通报 Word 稿（GB/T 9704 公文格式，含红头） The bulletin as Word (official layout, red header)',
          params: QuarterParams,
          produces: [DOCX],
        },
      },
      async (request, reply) => {
        const { row, docx } = await services.bulletins.docx(request.params.year, request.params.quarter);
        return reply
          .type(DOCX)
          .header('content-disposition', attachment(`${contentOf(row).title}.docx`))
          .send(docx);
      },
    );

    app.get(
      '/bulletins/:year/:quarter/bulletin.pdf',
      {
        schema: {
          tags: ['bulletins'],
          summary: '通报 PDF（需本机安装 LibreOffice） The bulletin as PDF (needs LibreOffice)',
          params: QuarterParams,
          produces: [PDF],
        },
      },
      async (request, reply) => {
        const { row, pdf } = await services.bulletins.pdf(request.params.year, request.params.quarter);
        return reply
          .type(PDF)
          .header('content-disposition', attachment(`${contentOf(row).title}.pdf`))
          .send(pdf);
      },
    );
  };
}
