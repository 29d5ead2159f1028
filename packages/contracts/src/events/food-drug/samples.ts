import { z } from 'zod';
import { defineEvent } from '../../define-event.ts';
import { isoDate, isoDateTime, personRef } from '../../fields/common.ts';
import { topics } from '../../topics.ts';
import { businessRef, disposalMeasure, disposalStatus, foodDrugEvent, sampleVerdict } from './fields.ts';

// Sampling (抽检) and the disposal of what it finds (核查处置). A sample is recorded once with its
// lab results; an unqualified one opens a disposal case at once, as does a 不符合 check.

const sampleState = {
  business: businessRef,
  product: z.string().min(1).describe('Product sampled (样品名称)'),
  batch: z.string().min(1).describe('Batch number or production lot (批号)'),
  productionDate: isoDate.nullable().describe('Production date; null when unknown'),
  sampledOn: isoDate.describe('Day the sample was taken'),
  lab: z.string().min(1).describe('The testing laboratory (检验机构)'),
  verdict: sampleVerdict,
  caseId: z.string().min(1).nullable().describe('The disposal case it opened; null when qualified'),
  version: z.int().min(1),
};
export type SampleStateKey = keyof typeof sampleState;

export const sampleItem = z.object({
  item: z.string().min(1).describe('What was tested (检验项目), e.g. 菌落总数'),
  value: z.string().min(1).describe('Measured value, as reported (a number or 未检出)'),
  limit: z.string().min(1).describe('The limit it is judged against, e.g. ≤100000'),
  unit: z.string().describe('Unit, e.g. CFU/g; empty when none'),
  qualified: z.boolean(),
});

export const sampleRecorded = defineEvent({
  domain: 'food-drug',
  name: 'SampleRecorded',
  version: 1,
  aggregateType: 'food-drug-sample',
  topic: topics.foodDrug,
  description: 'A sample’s lab result was recorded; unqualified opens a disposal case',
  data: z.object({ ...sampleState, items: z.array(sampleItem).min(1), recordedBy: personRef }),
});

export const sampleEvents = [sampleRecorded] as const;

const caseState = {
  business: businessRef,
  cause: z
    .object({
      kind: z.enum(['sample', 'check']).describe('An unqualified sample or a 不符合 check'),
      ref: z.string().min(1).describe('Its id'),
    })
    .describe('What opened the case'),
  status: disposalStatus,
  deadline: isoDate.describe('By when the case is to be closed (inclusive, zone date)'),
  retestUntil: isoDate
    .nullable()
    .describe('Last working day a retest (复检) may be requested; null for a check'),
  overdue: z.boolean().describe('The deadline passed before it was closed'),
  officer: personRef.nullable().describe('The case officer (承办人), from the start of the investigation'),
  measures: z.array(disposalMeasure).describe('Measures recorded so far'),
  closedAs: z
    .enum(['handled', 'unfounded'])
    .nullable()
    .describe('handled 处置完毕; unfounded 复检合格，不予处置'),
  openedAt: isoDateTime,
  version: z.int().min(1),
};
export type DisposalCaseStateKey = keyof typeof caseState;

const caseEvent = foodDrugEvent('disposal-case', caseState);

const by = personRef.describe('Who did it');

export const disposalCaseOpened = caseEvent(
  'DisposalCaseOpened',
  'A disposal case (核查处置) was opened by an unqualified sample or a failed check',
  {
    openedBy: by,
  },
);
export const disposalInvestigationStarted = caseEvent(
  'DisposalInvestigationStarted',
  'An officer took the case and started the investigation (核查)',
  { note: z.string().nullable(), startedBy: by },
);
export const disposalRetestRequested = caseEvent(
  'DisposalRetestRequested',
  'The business asked for a retest (复检) within the window',
  { lab: z.string().min(1).describe('The retest laboratory'), requestedBy: by },
);
export const disposalRetestRecorded = caseEvent(
  'DisposalRetestRecorded',
  'The retest result came: qualified closes the case as unfounded, unqualified sends it back to investigation',
  {
    qualified: z.boolean(),
    report: z.string().nullable().describe('Report number or remarks'),
    recordedBy: by,
  },
);
export const disposalMeasuresRecorded = caseEvent(
  'DisposalMeasuresRecorded',
  'Measures were taken: recall, stop sale, penalty, rectification',
  {
    taken: z.array(disposalMeasure).min(1).describe('The measures of this entry'),
    detail: z.string().min(1).describe('What was done, e.g. the penalty decision number'),
    recordedBy: by,
  },
);
export const disposalEvidenceAdded = caseEvent(
  'DisposalEvidenceAdded',
  'Evidence files were attached to the case',
  {
    files: z.array(
      z.object({
        id: z.string().min(1),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        contentType: z.string().min(1),
        size: z.int().min(1),
        filename: z.string(),
      }),
    ),
    addedBy: by,
  },
);
export const disposalCaseClosed = caseEvent(
  'DisposalCaseClosed',
  'The case was closed (结案) by a supervisor other than its officer, or as unfounded by a qualified retest',
  {
    outcome: z.string().min(1).describe('How it was handled'),
    closedBy: by,
  },
);
export const disposalCaseBecameOverdue = caseEvent(
  'DisposalCaseBecameOverdue',
  'The case deadline passed before it was closed (found by time, published once)',
  { dueDate: isoDate },
);

export const disposalCaseEvents = [
  disposalCaseOpened,
  disposalInvestigationStarted,
  disposalRetestRequested,
  disposalRetestRecorded,
  disposalMeasuresRecorded,
  disposalEvidenceAdded,
  disposalCaseClosed,
  disposalCaseBecameOverdue,
] as const;
