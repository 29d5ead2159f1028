import {
  creditCode,
  debtSettings,
  debtType,
  funding,
  fundingSource,
  instrumentNumber,
  isoDate,
  money,
  percent,
  personRef,
  postingKind,
  referenceRate,
  riskReason,
  scheduleStructure,
  taskCounts,
} from '@zone-risk/contracts';
import { domainProblems } from '@zone-risk/domain-service';
import { z } from 'zod';

// Request and response shapes: one zod schema per shape validates the request, serialises the
// response and writes the OpenAPI document. Amounts are integer fen in both directions; each view
// also gives the yuan text for people (formatted here, at the edge).

export const EXAMPLE_DEBTOR = '91320191MA1W4P2K3X';

export const text = (max: number, description: string) =>
  z.string().trim().min(1).max(max).describe(description);

export const PROBLEM_TEXT: Record<number, string> = {
  403: 'The caller’s role may not see or change debt figures',
  409: 'The register forbids it: other terms for a registered number, a posting id taken, a balance below nil, a posting already reversed',
  413: 'The upload is larger than the limit',
};
export const problems = domainProblems(PROBLEM_TEXT);

export const instrumentId = instrumentNumber;
export const idParams = z.object({ id: instrumentId });
export const yearParams = z.object({
  year: z.coerce.number().int().min(2000).max(2100).describe('The year'),
});

const yuanText = z.string().describe('The amount in yuan, for people, e.g. 1,234,567.89');
const day = z.string().describe('Zone date, YYYY-MM-DD');
const instant = z.string().describe('Instant, RFC 3339');

export const rateInput = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('fixed'), percent }),
    z.object({
      kind: z.literal('floating'),
      reference: referenceRate,
      fixing: percent.describe('The reference rate’s fixing the schedule uses'),
      spreadBp: z.int().min(-10_000).max(10_000).describe('Spread over the reference, basis points'),
    }),
  ])
  .describe('fixed: percent per annum; floating: a reference’s fixing plus a spread');

export const registerBody = z
  .object({
    id: instrumentId,
    debtor: z.object({ creditCode, name: text(200, 'The zone platform company (平台公司)') }),
    name: text(200, 'Name of the instrument'),
    type: debtType,
    creditor: text(200, 'Creditor (债权人), or the market a bond was issued on'),
    principal: money.min(1).describe('Principal (本金), fen'),
    rate: rateInput,
    start: isoDate.describe('Value date (起息日)'),
    maturity: isoDate.describe('Maturity (到期日)'),
    structure: scheduleStructure,
    schedule: z
      .array(z.object({ dueDate: isoDate, principal: money, interest: money }))
      .max(600)
      .nullish()
      .describe('The contract’s own schedule: only with structure custom'),
    opening: z
      .object({
        kind: z
          .enum(['opening', 'borrowing'])
          .default('opening')
          .describe('opening 期初余额 (existing debt); borrowing 新增举借'),
        amount: money
          .optional()
          .describe(
            'Balance when it comes onto the register (default: the principal; a refinancing bond: 0)',
          ),
        date: isoDate
          .optional()
          .describe(
            'The day that balance is taken (default: the value date); payments due by then were met before the register',
          ),
      })
      .optional(),
    note: z.string().trim().max(2000).default('').describe('Remarks, e.g. the approval document'),
  })
  .meta({
    examples: [
      {
        id: 'ZQ-2024-017',
        debtor: { creditCode: EXAMPLE_DEBTOR, name: '南京经开城市建设发展集团有限公司' },
        name: '2024年江苏省政府专项债券（十七期）开发区分配额度',
        type: 'special-bond',
        creditor: '银行间债券市场',
        principal: 50_000_000_000,
        rate: { kind: 'fixed', percent: '2.45' },
        start: '2024-06-18',
        maturity: '2034-06-18',
        structure: { kind: 'bullet', frequency: 2, dayCount: 'period' },
      },
    ],
  });

export const postingBody = z
  .object({
    date: isoDate.describe('Value date (not in the future, nor before the opening day)'),
    principal: money.default(0).describe('Principal, fen'),
    interest: money.default(0).describe('Interest, fen (repayments only)'),
    payment: z
      .int()
      .min(1)
      .nullish()
      .describe('The scheduled payment it is against; absent: early (提前还款)'),
    note: z
      .string()
      .trim()
      .max(2000)
      .default('')
      .describe('Voucher or agreement number; required for a write-off'),
  })
  .meta({
    examples: [
      { date: '2026-06-18', principal: 0, interest: 61_250_000, payment: 4, note: '付息凭证 2026-0618' },
    ],
  });

export const replacementBody = z
  .object({
    bond: instrumentId.describe('The refinancing bond (再融资债券) whose tranche retires this debt'),
    date: isoDate,
    principal: money.min(1).describe('Principal retired, fen'),
    note: z.string().trim().max(2000).default(''),
  })
  .meta({
    examples: [
      {
        bond: 'ZZ-2025-003',
        date: '2025-11-20',
        principal: 30_000_000_000,
        note: '置换批复 苏财债〔2025〕88号',
      },
    ],
  });

export const reversalBody = z
  .object({
    posting: z.string().min(1).max(80).describe('The posting to reverse'),
    reason: text(2000, 'Why (冲正原因)'),
  })
  .meta({ examples: [{ posting: 'pst-3f1c9a0b2d4e6f70', reason: '金额录入错误，应为 1,200,000.00 元' }] });

export const fundingBody = z
  .object({
    payment: z.int().min(1),
    funding: z.array(z.object({ source: fundingSource, amount: money.min(1) })).max(4),
  })
  .meta({
    examples: [
      {
        payment: 5,
        funding: [
          { source: 'budget', amount: 20_000_000_000 },
          { source: 'refinancing-quota', amount: 30_000_000_000 },
        ],
      },
    ],
  });

export const lineView = z.object({
  seq: z.int(),
  periodStart: day,
  periodEnd: day,
  dueDate: day,
  principal: money,
  interest: money,
  owedPrincipal: money.describe('Principal still owed on it'),
  owedInterest: money.describe('Interest still owed on it'),
  paidPrincipal: money,
  paidInterest: money,
  overdue: z.boolean(),
  funding,
  funded: money,
});

export const postingView = z.object({
  id: z.string(),
  kind: postingKind,
  date: day,
  principal: money,
  interest: money,
  balanceEffect: z.int(),
  payment: z.int().nullable(),
  counterpart: z.object({ instrumentId: z.string(), postingId: z.string() }).nullable(),
  reverses: z.string().nullable(),
  reversedBy: z.string().nullable(),
  note: z.string(),
  postedBy: personRef,
  postedAt: instant,
});

const link = z.object({ instrumentId: z.string(), amount: money });

export const instrumentView = z.object({
  id: z.string(),
  debtor: z.object({ creditCode: z.string(), name: z.string() }),
  name: z.string(),
  type: debtType,
  creditor: z.string(),
  currency: z.literal('CNY'),
  principal: money,
  rate: z.object({
    kind: z.enum(['fixed', 'floating']),
    percent: z.string(),
    reference: referenceRate.nullable(),
    fixing: z.string().nullable(),
    spreadBp: z.int().nullable(),
  }),
  start: day,
  maturity: day,
  structure: scheduleStructure,
  balance: money,
  balanceYuan: yuanText,
  status: z.enum(['active', 'settled']),
  overdue: z.boolean(),
  overdueAmount: money,
  replaces: z.array(link),
  replacedBy: z.array(link),
  schedule: z.array(lineView),
  postings: z.array(postingView),
  note: z.string(),
  registeredBy: personRef,
  registeredAt: instant,
  version: z.int(),
});

export const instrumentSummary = instrumentView.omit({ schedule: true, postings: true }).extend({
  nextPayment: lineView.nullable(),
});
export const instrumentPage = z.object({
  items: z.array(instrumentSummary),
  nextCursor: z.string().nullable(),
});

export const taskBody = z
  .object({
    target: money.min(1).describe('Target reduction for the year, fen'),
    counts: taskCounts
      .optional()
      .describe('What counts (default: every reduction of hidden and non-standard debt)'),
    note: z.string().trim().max(2000).default(''),
    reason: z
      .string()
      .trim()
      .max(2000)
      .optional()
      .describe('Why it is revised (required when the task is already set)'),
  })
  .meta({ examples: [{ target: 80_000_000_000, note: '市政府化债工作方案（2026年）' }] });

export const progressView = z.object({
  year: z.int(),
  target: money,
  done: money,
  expected: money,
  aheadFen: z.int(),
  aheadBp: z.int(),
  behindBp: z.int(),
  forecast: money,
  day,
  elapsedShareBp: z.int().describe('Share of the year gone, basis points'),
  doneShareBp: z.int().describe('Share of the task done, basis points'),
});

export const taskView = z.object({
  year: z.int(),
  target: money,
  targetYuan: yuanText,
  counts: taskCounts,
  note: z.string(),
  version: z.int(),
  progress: progressView,
});

export const burnDownView = z.object({
  year: z.int(),
  day,
  target: money,
  points: z.array(
    z.object({
      date: day,
      expected: money,
      actual: money.nullable().describe('Null after the day asked for'),
      forecast: money.nullable().describe('Null before the day asked for'),
    }),
  ),
});

export const capacityBody = z
  .object({
    amount: money.min(1).describe('Comprehensive fiscal capacity (综合财力), fen'),
    source: text(500, 'Where the figure comes from'),
    reason: z
      .string()
      .trim()
      .max(2000)
      .optional()
      .describe('Why it is revised (required when already entered)'),
  })
  .meta({ examples: [{ amount: 2_150_000_000_000, source: '2025年财政决算' }] });

export const capacityView = z.object({
  year: z.int(),
  amount: money,
  amountYuan: yuanText,
  source: z.string(),
  version: z.int(),
});

export const indicatorsView = z.object({
  id: z.string(),
  asOf: day,
  level: z.enum(['low', 'general', 'significant', 'major']),
  reasons: z.array(riskReason),
  balance: money,
  balanceInScope: money,
  capacity: z.object({ year: z.int(), amount: money }).nullable(),
  debtRatioBp: z.int().nullable(),
  debtRatio: z.string().nullable().describe('债务率 for people, e.g. 152.34 %'),
  overdueAmount: money,
  overduePayments: z.int(),
  overdueRateBp: z.int().nullable(),
  maturities: z.array(
    z.object({ withinDays: z.int(), payments: z.int(), due: money, funded: money, unfunded: money }),
  ),
  unfundedAlerts: z.int(),
  task: z
    .object({
      year: z.int(),
      target: money,
      done: money,
      expected: money,
      aheadFen: z.int(),
      aheadBp: z.int(),
      behindBp: z.int(),
      forecast: money,
    })
    .nullable(),
  settings: debtSettings,
  version: z.int(),
});

export const settingsBody = z.object({ settings: debtSettings, reason: text(2000, 'Why they change') }).meta({
  examples: [
    {
      settings: {
        bands: { general: 12_000, significant: 20_000, major: 30_000 },
        ratioScope: debtType.options,
        overdueLevel: 'significant',
        behindPoints: 1_000,
        behindLevel: 'general',
        unfundedWithinDays: 30,
        unfundedLevel: 'general',
      },
      reason: '按市风险防控办通知调整',
    },
  ],
});

export const maturityView = z.object({
  instrumentId: z.string(),
  name: z.string(),
  debtor: z.object({ creditCode: z.string(), name: z.string() }),
  type: debtType,
  seq: z.int(),
  dueDate: day,
  owed: money,
  funded: money,
  unfunded: money,
  funding,
  alert: z.boolean().describe('Due within the alert window with no funds assigned'),
});
