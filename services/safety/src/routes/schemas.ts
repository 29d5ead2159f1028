import {
  creditCode,
  determinationBasis,
  hazardCategory,
  hazardGrade,
  hazardStatus,
  inspectionType,
  isoDate,
  money,
  personRef,
} from '@zone-risk/contracts';
import { domainProblems } from '@zone-risk/domain-service';
import { z } from 'zod';
import { HAZARD_ACTIONS } from '../domain/machine.ts';

// Request and response shapes: one zod schema per shape validates the request, serialises the
// response and writes the OpenAPI document (with the examples given here).

export const EXAMPLE_CODE = '91320113MA1MB6AT2R';

export const enterpriseInput = z
  .object({
    creditCode,
    name: z.string().trim().min(1).max(200).describe('Registered name of the enterprise'),
  })
  .describe('The enterprise, by its Unified Social Credit Code; recorded on first use')
  .meta({ examples: [{ creditCode: EXAMPLE_CODE, name: '南京瑞丰精细化工有限公司' }] });

export const person = personRef.meta({ examples: [{ id: 'ent-zhao', name: '赵刚' }] });

export const text = (max: number, description: string) =>
  z.string().trim().min(1).max(max).describe(description);

export const hazardIdParams = z.object({ id: z.string().min(1).max(80).describe('Hazard id') });

/** The service's wording of its problems, where it says more than the kit's. */
export const PROBLEM_TEXT: Record<number, string> = {
  403: 'The caller’s role, or the rule "not on your own hazard", forbids it',
  413: 'The upload is larger than PHOTO_MAX_BYTES',
  415: 'Not a JPEG, PNG, WebP or HEIC image',
};

/** Error responses for the OpenAPI document, in this service's words. */
export const problems = domainProblems(PROBLEM_TEXT);

const instant = z.string().describe('Instant, RFC 3339');

const photoView = z.object({
  id: z.string(),
  phase: z.enum(['before', 'after']),
  sha256: z.string().describe('SHA-256 of the content, hex'),
  contentType: z.string(),
  size: z.int(),
  filename: z.string(),
  uploadedBy: personRef,
  uploadedAt: instant,
  url: z.string().describe('Where to download it'),
});

export const hazardView = z
  .object({
    id: z.string(),
    enterprise: enterpriseInput,
    location: z.string(),
    description: z.string(),
    category: hazardCategory,
    grade: hazardGrade,
    basis: determinationBasis.nullable(),
    status: hazardStatus,
    allowedActions: z.array(z.enum(HAZARD_ACTIONS)).describe('What may happen next from this state'),
    deadline: isoDate.nullable(),
    overdue: z.boolean(),
    plan: z
      .object({
        measures: z.string(),
        responsiblePerson: personRef,
        funds: money,
        deadline: isoDate,
        plannedBy: personRef,
        plannedAt: instant,
      })
      .nullable(),
    extension: z
      .object({
        requestedDeadline: isoDate,
        reason: z.string(),
        requestedBy: personRef,
        requestedAt: instant,
      })
      .nullable()
      .describe('The pending extension request'),
    supervision: z
      .object({
        deadline: isoDate,
        authority: z.string(),
        reference: z.string().nullable(),
        listedBy: personRef,
        listedAt: instant,
      })
      .nullable()
      .describe('挂牌督办, when listed'),
    inspectionId: z.string().nullable(),
    checklistItemCode: z.string().nullable(),
    reportedBy: personRef,
    reportedAt: instant,
    submittedAt: instant.nullable(),
    closedAt: instant.nullable(),
    rejections: z.int(),
    photos: z.array(photoView),
    version: z.int().describe('Also in the ETag: "<id>.v<version>"'),
  })
  .describe('A hidden hazard (隐患)');

export const hazardPage = z.object({
  items: z.array(hazardView),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last'),
});

export const reportBody = z
  .object({
    enterprise: enterpriseInput,
    location: text(200, 'Where the hazard is'),
    description: text(2000, 'What is wrong'),
    category: hazardCategory,
    grade: hazardGrade,
    basis: determinationBasis.optional().describe('Determination basis; required when grade is major'),
    deadline: isoDate.optional().describe('Rectification deadline set in the notice (限期整改), if any'),
  })
  .meta({
    examples: [
      {
        enterprise: { creditCode: EXAMPLE_CODE, name: '南京瑞丰精细化工有限公司' },
        location: '2号车间 粉碎工段',
        description: '布袋除尘器未设置泄爆装置',
        category: 'equipment',
        grade: 'major',
        basis: {
          standard: '工贸企业重大事故隐患判定标准（应急管理部令第10号）',
          clause: '专项类（粉尘爆炸）：干式除尘系统未采取泄爆、惰化、抑爆等任一种爆炸防控措施',
        },
        deadline: '2026-12-31',
      },
    ],
  });

export { creditCode, inspectionType };
