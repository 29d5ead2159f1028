import { z } from 'zod';
import { defineEvent } from '../define-event.ts';
import { isoDate, isoDateTime, personRef } from '../fields/common.ts';
import { creditCode } from '../fields/credit-code.ts';
import { topics } from '../topics.ts';

// Environmental rectification (环境保护整改): the rectification ledger 拉条挂账 → 督办落实 → 办结销号.
// Every item event carries the item's whole risk-relevant state after the change (state-carrying),
// so a consumer that keeps only the latest event per item — the aggregator — can rate it (an
// overdue central-inspection item is a zone override) without replaying history.

/** Where a rectification item comes from. */
export const rectificationSource = z
  .enum(['central-inspection', 'provincial-inspection', 'self-found', 'public-complaint'])
  .describe(
    'central-inspection 中央生态环境保护督察; provincial-inspection 省级生态环境保护督察; self-found 自查发现; public-complaint 信访投诉',
  );

export const rectificationCategory = z
  .enum(['air', 'water', 'soil', 'solid-waste', 'noise', 'ecology'])
  .describe(
    'air 大气 (蓝天); water 水 (碧水); soil 土壤 (净土); solid-waste 固体废物; noise 噪声; ecology 生态',
  );

export const rectificationSeverity = z
  .enum(['general', 'significant', 'major'])
  .describe('general 一般; significant 较大; major 重大');

/** Life-cycle states of a rectification item. */
export const rectificationStatus = z
  .enum([
    'pending',
    'in-progress',
    'acceptance-requested',
    'city-accepted',
    'accepted',
    'public-notice',
    'closed',
  ])
  .describe(
    'pending 待整改; in-progress 整改中; acceptance-requested 申请验收; city-accepted 市级验收通过、待省级验收 (central and provincial inspection items only); accepted 验收通过; public-notice 公示中; closed 已销号',
  );

const enterprise = z
  .object({
    creditCode,
    name: z.string().min(1).describe('Registered name of the enterprise'),
  })
  .describe('The enterprise concerned, by its Unified Social Credit Code');

/** What every item event carries: the item's state after the event. */
const itemState = {
  source: rectificationSource,
  batch: z
    .string()
    .min(1)
    .describe('Batch or round the item belongs to, e.g. 第二轮中央生态环境保护督察反馈问题'),
  code: z.string().min(1).describe('The item’s code in its batch (unique per batch)'),
  category: rectificationCategory,
  severity: rectificationSeverity,
  responsibleUnit: z.string().min(1).describe('Responsible unit (责任单位)'),
  enterprise: enterprise.nullable().describe('The enterprise concerned; null when none is'),
  status: rectificationStatus,
  deadline: isoDate.describe('Rectification deadline (整改时限), inclusive, zone local date'),
  overdue: z
    .boolean()
    .describe(
      'The deadline has passed before the rectification was accepted; cleared by acceptance and by a recurrence with a new deadline',
    ),
  progress: z.int().min(0).max(100).describe('Latest reported progress, percent'),
  recurrences: z.int().min(0).describe('How many times the item recurred (反弹) after being closed'),
  version: z
    .int()
    .min(1)
    .describe('Version of the item after this event (equals aggregateversion and the number in its ETag)'),
  registeredAt: isoDateTime.describe('When the item was registered'),
};

/** The fields every rectification item event carries: the item's state after the event. */
export type RectificationItemStateKey = keyof typeof itemState;

const actor = personRef.describe('Who did it');

const itemEvent = <Name extends string, Facts extends z.ZodRawShape>(
  name: Name,
  description: string,
  facts: Facts,
) =>
  defineEvent({
    domain: 'environment',
    name,
    version: 1,
    aggregateType: 'rectification-item',
    topic: topics.environment,
    description,
    data: z.object({ ...itemState, ...facts }),
  });

export const rectificationItemRegistered = itemEvent(
  'RectificationItemRegistered',
  'A rectification item was put on the ledger (拉条挂账), one by one or by a ledger import',
  {
    problem: z.string().min(1).describe('The problem to rectify'),
    measures: z.string().min(1).describe('Rectification measures (整改措施)'),
    target: z.string().min(1).describe('Rectification target (整改目标)'),
    via: z.enum(['api', 'import']).describe('Registered one by one (api) or by a ledger import'),
    importId: z.string().min(1).nullable().describe('The import that registered it; null via the api'),
    registeredBy: actor,
  },
);

const evidenceFile = z.object({
  id: z.string().min(1).describe('File id; GET /items/{id}/evidence/{fileId} downloads it'),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .describe('SHA-256 of the file content, lower-case hex'),
  contentType: z.string().min(1).describe('image/jpeg, image/png, image/webp, image/heic or application/pdf'),
  size: z.int().min(1).describe('Size in bytes'),
  filename: z.string().describe('The name it was uploaded with'),
});

export const rectificationProgressReported = itemEvent(
  'RectificationProgressReported',
  'Progress of the rectification was reported with a percentage, a note and evidence files',
  {
    report: z
      .object({
        id: z.string().min(1).describe('Report id within the item'),
        percent: z.int().min(0).max(100).describe('Progress, percent'),
        note: z.string().describe('What was done'),
        evidence: z.array(evidenceFile).describe('Evidence files of this report'),
      })
      .describe('The progress report'),
    reportedBy: actor,
  },
);

export const rectificationAcceptanceRequested = itemEvent(
  'RectificationAcceptanceRequested',
  'The rectification was reported done and acceptance (验收) was requested',
  {
    note: z.string().nullable().describe('Remarks of the request'),
    requestedBy: actor,
  },
);

export const rectificationAccepted = itemEvent(
  'RectificationAccepted',
  'An acceptance (验收) was passed at city or provincial level; whoever accepts is accountable (谁验收谁负责)',
  {
    level: z.enum(['city', 'province']).describe('city 市级验收 or province 省级验收'),
    final: z
      .boolean()
      .describe(
        'True when the item is now accepted; false after a city acceptance that awaits the provincial one',
      ),
    note: z.string().nullable().describe('Acceptance remarks'),
    acceptedAt: isoDateTime.describe('When it was accepted'),
    acceptedBy: actor.describe('Who accepted, accountable for it'),
  },
);

export const rectificationReturned = itemEvent(
  'RectificationReturned',
  'The acceptance was refused and the item returned (退回) to rectification',
  {
    level: z.enum(['city', 'province']).describe('The acceptance level that returned it'),
    reason: z.string().min(1).describe('Why it was returned'),
    returnedBy: actor,
  },
);

export const rectificationNoticePublished = itemEvent(
  'RectificationNoticePublished',
  'The accepted rectification was put on public notice (公示); objections may be raised until it ends',
  {
    notice: z
      .object({
        publishedAt: isoDateTime.describe('When the notice was published'),
        endsAt: isoDateTime.describe(
          'When the window ends; the item is closed then unless an objection came',
        ),
        workingDays: z
          .int()
          .min(1)
          .describe('Length of the window in working days (Mon-Fri; holidays not counted out)'),
        channel: z.string().nullable().describe('Where it was published, e.g. 开发区管委会门户网站'),
      })
      .describe('The notice window'),
    publishedBy: actor,
  },
);

export const rectificationObjectionRaised = itemEvent(
  'RectificationObjectionRaised',
  'An objection was raised during the public notice; the item is back to rectification',
  {
    objection: z.string().min(1).describe('What the objection says'),
    objector: z.string().nullable().describe('Who objected, as recorded (e.g. 群众来电); null if anonymous'),
    recordedBy: actor,
  },
);

export const rectificationItemClosed = itemEvent(
  'RectificationItemClosed',
  'The public notice ended without objection; the item is closed (销号)',
  {
    closedAt: isoDateTime.describe('When it was closed'),
    noticeEndedAt: isoDateTime.describe('When the notice window ended'),
    closedBy: actor,
  },
);

export const rectificationItemRecurred = itemEvent(
  'RectificationItemRecurred',
  'A closed item recurred (反弹) and was reopened with a new deadline',
  {
    reason: z.string().min(1).describe('What recurred'),
    previousClosedAt: isoDateTime.describe('When it had been closed'),
    reportedBy: actor,
  },
);

export const rectificationItemBecameOverdue = itemEvent(
  'RectificationItemBecameOverdue',
  'The deadline of an item not yet accepted passed (detected from time alone, published once per deadline)',
  {
    dueDate: isoDate.describe('The deadline that passed (inclusive day)'),
    dueAt: isoDateTime.describe('The instant it passed: the end of that day in the zone (UTC+08:00)'),
    detectedAt: isoDateTime.describe('When the sweeper noticed'),
  },
);

/** Every event of the rectification item aggregate, in registration order. */
export const rectificationItemEvents = [
  rectificationItemRegistered,
  rectificationProgressReported,
  rectificationAcceptanceRequested,
  rectificationAccepted,
  rectificationReturned,
  rectificationNoticePublished,
  rectificationObjectionRaised,
  rectificationItemClosed,
  rectificationItemRecurred,
  rectificationItemBecameOverdue,
] as const;

/** Every environment event definition, in registration order (so far, the item's). */
export const environmentEvents = [...rectificationItemEvents] as const;
