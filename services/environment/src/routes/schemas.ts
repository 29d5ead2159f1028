import {
  creditCode,
  isoDate,
  personRef,
  rectificationCategory,
  rectificationSeverity,
  rectificationSource,
  rectificationStatus,
} from '@zone-risk/contracts';
import { domainProblems } from '@zone-risk/domain-service';
import { importJobView } from '@zone-risk/imports';
import { z } from 'zod';
import { ITEM_ACTIONS } from '../domain/machine.ts';

// Request and response shapes: one zod schema per shape validates the request, serialises the
// response and writes the OpenAPI document (with the examples given here).

export const EXAMPLE_CODE = '91320113MA1MB6AT2R';

export const text = (max: number, description: string) =>
  z.string().trim().min(1).max(max).describe(description);

export const enterpriseInput = z
  .object({
    creditCode,
    name: z.string().trim().min(1).max(200).describe('Registered name of the enterprise'),
  })
  .describe('The enterprise concerned, by its Unified Social Credit Code')
  .meta({ examples: [{ creditCode: EXAMPLE_CODE, name: '南京瑞丰精细化工有限公司' }] });

export const itemIdParams = z.object({ id: z.string().min(1).max(80).describe('Item id') });

/** The service's wording of its problems, where it says more than the kit's. */
export const PROBLEM_TEXT: Record<number, string> = {
  403: 'The caller’s role forbids it',
  409: 'Not allowed in the current state (`currentState` and `allowed` say what is), or the code is taken in the batch',
  413: 'The upload is larger than the limit',
  415: 'Not an accepted file type',
};

/** Error responses for the OpenAPI document, in this service's words. */
export const problems = domainProblems(PROBLEM_TEXT);

const instant = z.string().describe('Instant, RFC 3339');

const evidenceView = z.object({
  id: z.string(),
  sha256: z.string().describe('SHA-256 of the content, hex'),
  contentType: z.string(),
  size: z.int(),
  filename: z.string(),
  url: z.string().describe('Where to download it'),
});

const acceptanceView = z
  .object({ by: personRef, at: instant, note: z.string().nullable() })
  .describe('谁验收谁负责: who accepted, and when');

export const itemView = z
  .object({
    id: z.string().describe('Derived from batch and code'),
    source: rectificationSource,
    batch: z.string(),
    code: z.string(),
    problem: z.string(),
    category: rectificationCategory,
    severity: rectificationSeverity,
    responsibleUnit: z.string(),
    enterprise: enterpriseInput.nullable(),
    measures: z.string(),
    target: z.string(),
    deadline: isoDate,
    status: rectificationStatus,
    allowedActions: z.array(z.enum(ITEM_ACTIONS)).describe('What may happen next from this state'),
    overdue: z.boolean(),
    provincialAcceptanceRequired: z
      .boolean()
      .describe('Central and provincial inspection items: city, then province'),
    progress: z.int().describe('Latest reported percentage'),
    reports: z.array(
      z.object({
        id: z.string(),
        percent: z.int(),
        note: z.string(),
        evidence: z.array(evidenceView),
        reportedBy: personRef,
        reportedAt: instant,
      }),
    ),
    acceptances: z.object({ city: acceptanceView.nullable(), province: acceptanceView.nullable() }),
    notice: z
      .object({
        publishedAt: instant,
        endsAt: instant.describe('The item closes then unless an objection comes first'),
        workingDays: z.int(),
        channel: z.string().nullable(),
        publishedBy: personRef,
      })
      .nullable()
      .describe('The public notice (公示), while it runs'),
    via: z.enum(['api', 'import']),
    importId: z.string().nullable(),
    registeredBy: personRef,
    registeredAt: instant,
    acceptanceRequestedAt: instant.nullable(),
    closedAt: instant.nullable(),
    returns: z.int(),
    objections: z.int(),
    recurrences: z.int(),
    version: z.int().describe('Also in the ETag: "<id>.v<version>"'),
  })
  .describe('A rectification item (整改事项)');

export const itemPage = z.object({
  items: z.array(itemView),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last'),
});

export const createBody = z
  .object({
    source: rectificationSource,
    batch: text(200, 'Batch or round (批次/轮次)'),
    code: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^\S*$/, 'must not contain spaces')
      .describe('Code of the item, unique in its batch'),
    problem: text(2000, 'The problem to rectify'),
    category: rectificationCategory,
    severity: rectificationSeverity,
    responsibleUnit: text(200, 'Responsible unit (责任单位)'),
    enterprise: enterpriseInput.nullish().describe('The enterprise concerned, if any'),
    measures: text(4000, 'Rectification measures (整改措施)'),
    target: text(2000, 'Rectification target (整改目标)'),
    deadline: isoDate.describe(
      'Deadline (整改时限), inclusive zone day; one already gone makes the item overdue at once',
    ),
  })
  .meta({
    examples: [
      {
        source: 'central-inspection',
        batch: '第二轮中央生态环境保护督察反馈问题',
        code: 'ZY-017',
        problem: '园区污水处理厂出水总氮超标',
        category: 'water',
        severity: 'major',
        responsibleUnit: '开发区生态环境分局',
        enterprise: { creditCode: EXAMPLE_CODE, name: '南京瑞丰精细化工有限公司' },
        measures: '提标改造，增设反硝化滤池',
        target: '出水稳定达到一级A标准',
        deadline: '2026-12-31',
      },
    ],
  });

/** The import job as the package shows it, in the ledger's words. */
export const ledgerImportView = importJobView
  .extend({
    unchanged: z.int().describe('Rows whose item (same batch and code, same content) was already registered'),
  })
  .describe('A ledger import (background job)');
