import { z } from 'zod';
import { defineEvent } from '../define-event.ts';
import { isoDate, isoDateTime, money, personRef } from '../fields/common.ts';
import { creditCode } from '../fields/credit-code.ts';
import { topics } from '../topics.ts';

// Workplace safety (安全生产): inspections and hidden hazards (隐患). Every hazard event carries the
// hazard's whole risk-relevant state after the change (state-carrying), so a consumer that keeps
// only the latest event per hazard — the aggregator — knows the grade, status, deadlines,
// supervision and overdue flag without replaying history or calling the safety service.

const enterprise = z
  .object({
    creditCode,
    name: z.string().min(1).describe('Registered name of the enterprise, e.g. 南京瑞丰精细化工有限公司'),
  })
  .describe('The enterprise the item belongs to');

/** Life-cycle states of a hidden hazard (closed loop 排查-登记-整改-验收-销号). */
export const hazardStatus = z
  .enum(['reported', 'rectifying', 'extension-requested', 'awaiting-acceptance', 'closed'])
  .describe(
    'reported 已登记; rectifying 整改中 (plan recorded); extension-requested 延期申请待审批 (still rectifying); awaiting-acceptance 待验收; closed 已销号',
  );

export const hazardGrade = z.enum(['general', 'major']).describe('general 一般隐患 or major 重大事故隐患');

export const hazardCategory = z
  .enum(['equipment', 'environment', 'management', 'behaviour', 'fire', 'electrical', 'chemical', 'other'])
  .describe(
    'equipment 设备设施, environment 作业环境, management 安全管理, behaviour 人的不安全行为, fire 消防, electrical 电气, chemical 危险化学品, other',
  );

/** The standard and clause a hazard's grade rests on; required for a major hazard. */
export const determinationBasis = z
  .object({
    standard: z
      .string()
      .min(1)
      .max(200)
      .describe('Standard or regulation, e.g. 工贸企业重大事故隐患判定标准 (应急管理部令第10号)'),
    clause: z
      .string()
      .min(1)
      .max(300)
      .describe('The clause or situation of the standard the finding matches'),
  })
  .describe('Determination basis (判定依据): the standard and the clause');

export const inspectionType = z
  .enum(['routine', 'special', 'random', 'self-check'])
  .describe('routine 日常检查, special 专项检查 (campaign), random 双随机检查, self-check 企业自查');

/** What every hazard event carries: the hazard's state after the event. */
const hazardState = {
  enterprise,
  grade: hazardGrade,
  category: hazardCategory,
  status: hazardStatus,
  deadline: isoDate
    .nullable()
    .describe('Rectification deadline (整改期限), inclusive, zone local date; null until one is set'),
  supervised: z.boolean().describe('Listed for government supervision (挂牌督办); major hazards only'),
  supervisionDeadline: isoDate
    .nullable()
    .describe('Deadline set by the supervision listing, inclusive; null when not supervised'),
  overdue: z
    .boolean()
    .describe(
      'A deadline (rectification or supervision) has passed and the hazard is not closed; cleared when the rectification deadline is extended',
    ),
  version: z
    .int()
    .min(1)
    .describe(
      'Version of the hazard after this event (equals aggregateversion and the number in the hazard’s ETag)',
    ),
  inspectionId: z
    .string()
    .min(1)
    .nullable()
    .describe('The inspection whose failed item raised the hazard; null for a standalone report'),
  reportedAt: isoDateTime.describe('When the hazard was reported'),
};

/** The fields every hazard event carries: the hazard's state after the event. */
export type HazardStateKey = keyof typeof hazardState;

const actor = personRef.describe('Who did it');

const hazardEvent = <Name extends string, Facts extends z.ZodRawShape>(
  name: Name,
  description: string,
  facts: Facts,
) =>
  defineEvent({
    domain: 'safety',
    name,
    version: 1,
    aggregateType: 'hazard',
    topic: topics.safety,
    description,
    data: z.object({ ...hazardState, ...facts }),
  });

/** An inspection of an enterprise was recorded; each failed item raised a hazard (HazardReported). */
export const inspectionRecorded = defineEvent({
  domain: 'safety',
  name: 'InspectionRecorded',
  version: 1,
  aggregateType: 'inspection',
  topic: topics.safety,
  description: 'An inspection of an enterprise was recorded with its checklist results',
  data: z.object({
    enterprise,
    type: inspectionType,
    date: isoDate.describe('Day the inspection took place'),
    inspectors: z.array(personRef).min(1).describe('Who inspected; at least two for official types'),
    template: z
      .object({
        id: z.string().min(1).describe('Template id, <code>@<version>'),
        code: z.string().min(1).describe('Template code'),
        version: z.int().min(1).describe('Template version'),
        title: z.string().min(1).describe('Template title'),
      })
      .describe('The checklist template used'),
    counts: z
      .object({
        pass: z.int().min(0).describe('Items passed'),
        fail: z.int().min(0).describe('Items failed'),
        notApplicable: z.int().min(0).describe('Items not applicable'),
      })
      .describe('Results by outcome'),
    failedItems: z
      .array(
        z.object({
          itemCode: z.string().min(1).describe('Checklist item code'),
          hazardId: z.string().min(1).describe('The hazard the failure raised'),
          grade: hazardGrade,
        }),
      )
      .describe('Each failed item with the hazard it raised'),
    recordedBy: actor,
    recordedAt: isoDateTime.describe('When the inspection was recorded'),
  }),
});

export const hazardReported = hazardEvent('HazardReported', 'A hidden hazard was found and registered', {
  location: z.string().min(1).describe('Where the hazard is, e.g. 2号车间 粉碎工段'),
  description: z.string().min(1).describe('What is wrong'),
  basis: determinationBasis.nullable().describe('Determination basis; always present for a major hazard'),
  checklistItemCode: z
    .string()
    .min(1)
    .nullable()
    .describe('The failed checklist item that raised it; null for a standalone report'),
  reportedBy: actor,
});

export const hazardRectificationPlanned = hazardEvent(
  'HazardRectificationPlanned',
  'A rectification plan (整改方案) was recorded; the hazard is being rectified',
  {
    plan: z
      .object({
        measures: z.string().min(1).describe('Rectification measures (整改措施)'),
        responsiblePerson: personRef.describe('Person responsible for the rectification (责任人)'),
        funds: money.describe('Funds set aside (整改资金), in fen'),
        deadline: isoDate.describe('Rectification deadline (整改期限)'),
      })
      .describe('The plan as recorded'),
    revised: z.boolean().describe('True when this replaces an earlier plan'),
    plannedBy: actor,
  },
);

export const hazardSubmittedForAcceptance = hazardEvent(
  'HazardSubmittedForAcceptance',
  'Rectification was reported done and submitted for acceptance (验收)',
  {
    note: z.string().nullable().describe('What was done, in the submitter’s words'),
    afterPhotos: z.int().min(0).describe('Evidence photos taken after rectification, at submission'),
    submittedBy: actor,
  },
);

export const hazardAccepted = hazardEvent(
  'HazardAccepted',
  'A supervisor accepted the rectification; the hazard is closed (销号)',
  {
    note: z.string().nullable().describe('Acceptance remarks'),
    closedAt: isoDateTime.describe('When it was closed'),
    acceptedBy: actor,
  },
);

export const hazardRejected = hazardEvent(
  'HazardRejected',
  'A supervisor rejected the rectification; the hazard is back to rectifying',
  {
    reason: z.string().min(1).describe('Why the rectification was not accepted'),
    rejectedBy: actor,
  },
);

export const hazardExtensionRequested = hazardEvent(
  'HazardExtensionRequested',
  'An extension of the rectification deadline was requested',
  {
    requestedDeadline: isoDate.describe('The deadline asked for'),
    reason: z.string().min(1).describe('Why more time is needed'),
    requestedBy: actor,
  },
);

export const hazardDeadlineExtended = hazardEvent(
  'HazardDeadlineExtended',
  'A supervisor approved an extension; the rectification deadline moved and overdue is re-armed',
  {
    previousDeadline: isoDate.describe('The deadline before the extension'),
    note: z.string().nullable().describe('Approval remarks'),
    approvedBy: actor,
  },
);

export const hazardExtensionRefused = hazardEvent(
  'HazardExtensionRefused',
  'A supervisor refused an extension; the deadline stays',
  {
    requestedDeadline: isoDate.describe('The deadline that was asked for'),
    reason: z.string().min(1).describe('Why it was refused'),
    refusedBy: actor,
  },
);

export const hazardSupervisionListed = hazardEvent(
  'HazardSupervisionListed',
  'A major hazard was listed for government supervision (挂牌督办) with its own deadline',
  {
    authority: z.string().min(1).describe('Who supervises, e.g. 开发区安全生产委员会办公室'),
    reference: z.string().nullable().describe('Document number of the listing notice (督办文号)'),
    listedBy: actor,
  },
);

export const hazardBecameOverdue = hazardEvent(
  'HazardBecameOverdue',
  'A deadline of an open hazard passed (detected from time alone, published once per deadline)',
  {
    which: z
      .enum(['rectification', 'supervision'])
      .describe('Which deadline passed: the rectification deadline or the supervision deadline'),
    dueDate: isoDate.describe('The deadline that passed (inclusive day)'),
    dueAt: isoDateTime.describe('The instant it passed: the end of that day in the zone (UTC+08:00)'),
    detectedAt: isoDateTime.describe('When the sweeper noticed'),
  },
);

export const hazardEvidenceAdded = hazardEvent(
  'HazardEvidenceAdded',
  'An evidence photo (before or after rectification) was attached to the hazard',
  {
    photo: z
      .object({
        id: z.string().min(1).describe('Photo id; GET /hazards/{id}/photos/{photoId} downloads it'),
        phase: z.enum(['before', 'after']).describe('Taken before or after rectification'),
        sha256: z
          .string()
          .regex(/^[0-9a-f]{64}$/)
          .describe('SHA-256 of the file content, lower-case hex'),
        contentType: z.string().min(1).describe('image/jpeg, image/png, image/webp or image/heic'),
        size: z.int().min(1).describe('Size in bytes'),
      })
      .describe('The photo'),
    addedBy: actor,
  },
);

/** Every event of the hazard aggregate, in registration order. */
export const hazardEvents = [
  hazardReported,
  hazardRectificationPlanned,
  hazardSubmittedForAcceptance,
  hazardAccepted,
  hazardRejected,
  hazardExtensionRequested,
  hazardDeadlineExtended,
  hazardExtensionRefused,
  hazardSupervisionListed,
  hazardBecameOverdue,
  hazardEvidenceAdded,
] as const;

/** Every safety event definition, in registration order. */
/** The inspection aggregate's events. */
export const inspectionEvents = [inspectionRecorded] as const;

export const safetyEvents = [...inspectionEvents, ...hazardEvents] as const;
