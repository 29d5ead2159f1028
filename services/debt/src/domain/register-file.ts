import {
  creditCode,
  type DebtType,
  debtType,
  instrumentNumber,
  isoDate,
  percent,
  referenceRate,
} from '@zone-risk/contracts';
import { type FieldReason, InvalidInput } from '@zone-risk/domain-service/domain';
import type { RowError, RowParse } from '@zone-risk/imports';
import { z } from 'zod';
import type { Instrument } from './instrument.ts';
import { parseAmount } from './money.ts';
import { percentText, type ReferenceRate } from './rate.ts';
import { scheduleOf } from './register.ts';
import { type RegisterRequest, registerInputOf } from './register-input.ts';
import { dayCount } from './schedule.ts';

// The register file (债务台账) shared by the import and its template: one header row naming the
// columns in Chinese or English, then one instrument per row, amounts in 万元. Types, references,
// structures and day counts take the Chinese label or the English value. Only the generated
// structures are importable: a custom schedule (自定义还款计划) has a line per payment, which a
// row cannot hold — register such an instrument with POST /instruments.

export const REGISTER_COLUMNS = [
  {
    key: 'id',
    zh: '债务编号',
    en: 'number',
    required: true,
    help: '台账编号：字母、数字、点、横线、下划线，至多 64 位，如 ZQ-2024-017；已登记的编号再次导入须条件相同',
  },
  {
    key: 'debtorCreditCode',
    zh: '债务人统一社会信用代码',
    en: 'debtor credit code',
    required: true,
    help: '平台公司的 18 位统一社会信用代码（GB 32100-2015）',
  },
  { key: 'debtorName', zh: '债务人名称', en: 'debtor name', required: true, help: '平台公司名称' },
  { key: 'name', zh: '债务名称', en: 'name', required: true, help: '合同或债券名称' },
  {
    key: 'type',
    zh: '债务类型',
    en: 'type',
    required: true,
    help: '一般债券、专项债券、再融资债券（置换债券）、隐性债务、信托、融资租赁、其他非标、银行贷款',
  },
  { key: 'creditor', zh: '债权人', en: 'creditor', required: true, help: '贷款机构，或债券的发行市场' },
  {
    key: 'principal',
    zh: '本金（万元）',
    en: 'principal (万元)',
    required: true,
    help: '万元，至多 6 位小数（即精确到分），如 50000 或 1,234.56',
  },
  {
    key: 'rate',
    zh: '利率（%）',
    en: 'rate (%)',
    required: true,
    help: '年利率，百分数，至多 4 位小数，如 3.25；浮动利率填基准利率的定价值',
  },
  {
    key: 'reference',
    zh: '基准利率',
    en: 'reference rate',
    required: false,
    help: '浮动利率才填：1年期LPR、5年期LPR、SHIBOR3M、其他；留空为固定利率',
  },
  {
    key: 'spread',
    zh: '利差（BP）',
    en: 'spread (bp)',
    required: false,
    help: '浮动利率在基准利率上加减的基点，整数，可为负；留空为 0',
  },
  {
    key: 'start',
    zh: '起息日',
    en: 'value date',
    required: true,
    help: 'YYYY-MM-DD、YYYY/MM/DD 或 YYYY年M月D日',
  },
  { key: 'maturity', zh: '到期日', en: 'maturity', required: true, help: '格式同起息日，须晚于起息日' },
  {
    key: 'structure',
    zh: '还款方式',
    en: 'repayment',
    required: true,
    help: '到期一次还本按年付息、到期一次还本按半年付息、等额本金按月/按季/按半年/按年、等额本息按月/按季/按半年/按年；自定义还款计划不能导入，请用 POST /instruments 登记',
  },
  {
    key: 'dayCount',
    zh: '计息方式',
    en: 'day count',
    required: false,
    help: '按期、ACT/360、ACT/365；留空：债券按期，其他 ACT/360',
  },
  {
    key: 'openingAmount',
    zh: '期初余额（万元）',
    en: 'opening balance (万元)',
    required: false,
    help: '纳入台账时的余额，不超过本金；留空为本金，再融资债券为 0（余额随置换增加）',
  },
  {
    key: 'openingDate',
    zh: '期初日期',
    en: 'opening date',
    required: false,
    help: '该余额的日期，此前到期的还款视为已还；不早于起息日、不晚于今天，留空为起息日',
  },
  {
    key: 'borrowing',
    zh: '新增举借',
    en: 'new borrowing',
    required: false,
    help: '是：新增举借；否或留空：存量债务的期初余额',
  },
  { key: 'note', zh: '备注', en: 'note', required: false, help: '如批复文号' },
] as const;
export type RegisterColumn = (typeof REGISTER_COLUMNS)[number]['key'];

type Repayment = { kind: 'bullet' | 'equal-principal' | 'annuity'; frequency: 1 | 2 | 4 | 12 };

export const TYPE_LABELS: Record<string, DebtType> = {
  一般债券: 'general-bond',
  专项债券: 'special-bond',
  再融资债券: 'refinancing-bond',
  置换债券: 'refinancing-bond',
  隐性债务: 'hidden',
  信托: 'trust',
  融资租赁: 'leasing',
  其他非标: 'non-standard-other',
  银行贷款: 'bank-loan',
};

export const REFERENCE_LABELS: Record<string, ReferenceRate> = {
  '1年期LPR': 'lpr-1y',
  LPR1Y: 'lpr-1y',
  '5年期LPR': 'lpr-5y',
  '5年期以上LPR': 'lpr-5y',
  LPR5Y: 'lpr-5y',
  '3个月SHIBOR': 'shibor-3m',
  SHIBOR3M: 'shibor-3m',
  其他: 'other',
};

const PER_YEAR = { 按月: 12, 按季: 4, 按季度: 4, 按半年: 2, 按年: 1 } as const;

export const STRUCTURE_LABELS: Record<string, Repayment> = {
  到期一次还本按年付息: { kind: 'bullet', frequency: 1 },
  到期一次还本按半年付息: { kind: 'bullet', frequency: 2 },
  ...Object.fromEntries(
    Object.entries(PER_YEAR).flatMap(([when, frequency]) => [
      [`等额本金${when}`, { kind: 'equal-principal', frequency }],
      [`等额本息${when}`, { kind: 'annuity', frequency }],
    ]),
  ),
};

const STRUCTURE_VALUES: Record<string, Repayment> = {
  'bullet 1': { kind: 'bullet', frequency: 1 },
  'bullet 2': { kind: 'bullet', frequency: 2 },
  ...Object.fromEntries(
    (['equal-principal', 'annuity'] as const).flatMap((kind) =>
      ([1, 2, 4, 12] as const).map((frequency) => [`${kind} ${frequency}`, { kind, frequency }]),
    ),
  ),
};

export const DAY_COUNT_LABELS: Record<string, Instrument['structure']['dayCount']> = {
  按期: 'period',
  'ACT/360': 'act-360',
  'ACT/365': 'act-365',
  '实际/360': 'act-360',
  '实际/365': 'act-365',
};

const BORROWING_LABELS: Record<string, 'borrowing' | 'opening'> = { 是: 'borrowing', 否: 'opening' };

const BONDS: readonly DebtType[] = ['general-bond', 'special-bond', 'refinancing-bond'];

/** Coupons of a bond are rate ÷ frequency whatever the days; loans and non-standard debt accrue by day. */
const defaultDayCount = (type: DebtType): Instrument['structure']['dayCount'] =>
  BONDS.includes(type) ? 'period' : 'act-360';

// Spreadsheets vary in width, spacing, case and punctuation: `等额本金（按季）`, `ACT/360`, `lpr-1y`.
const squeeze = (text: string) =>
  text
    .normalize('NFKC')
    .replace(/[\s、，,。;；:：()（）[\]【】/_-]/g, '')
    .toUpperCase();

const same = <V extends string>(values: readonly V[]) =>
  Object.fromEntries(values.map((value) => [value, value])) as Record<string, V>;

/** A cell naming one of `labels` (Chinese) or `values` (English), matched loosely. */
function choice<V>(labels: Record<string, V>, values: Record<string, NoInfer<V>>) {
  const lookup = new Map<string, V>();
  for (const [name, value] of [...Object.entries(values), ...Object.entries(labels)]) {
    lookup.set(squeeze(name), value);
  }
  const message = `must be one of ${Object.keys(labels).join('、')} or ${Object.keys(values).join(', ')}`;
  return z.string().transform((text, ctx) => {
    const value = lookup.get(squeeze(text));
    if (value === undefined) ctx.addIssue({ code: 'custom', message });
    return value as V;
  });
}

const CUSTOM = new Set(['CUSTOM', '自定义', '自定义还款计划'].map(squeeze));

const structure = z
  .string()
  .refine((text) => !CUSTOM.has(squeeze(text)), {
    message: 'a custom schedule cannot be imported: register the instrument with POST /instruments',
    abort: true,
  })
  .pipe(choice(STRUCTURE_LABELS, STRUCTURE_VALUES));

// The same rule as the API's instrument number, so an imported number can be read back by URL.
const number = instrumentNumber;

const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);

const wan = (positive: boolean) =>
  z.string().transform((cell, ctx) => {
    const amount = parseAmount(cell, 'wan');
    if (!amount.ok) ctx.addIssue({ code: 'custom', message: amount.reason });
    else if (positive && amount.fen === 0) ctx.addIssue({ code: 'custom', message: 'must be above zero' });
    return amount.ok ? amount.fen : 0;
  });

// The contracts' decimal form, then the domain's range: a rate is 0 to 100 % a year.
const rate = z
  .string()
  .transform((cell) => cell.replace(/[%％]$/, '').trimEnd())
  .pipe(percent)
  .transform((cell) => cell.replace(/^0+(?=\d)/, ''))
  .pipe(percentText);

const spread = z
  .string()
  .transform((cell) => cell.replace(/\s*bps?$/i, '').replace(/^[−－]/, '-'))
  .pipe(
    z
      .string()
      .regex(/^[+-]?\d{1,5}$/, 'must be a whole number of basis points, e.g. 30 or -20')
      .transform(Number)
      .pipe(z.int().min(-10_000).max(10_000, 'must be from -10000 to 10000 basis points')),
  );

const DATE_FORMS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日$/,
];

const date = z.string().transform((cell, ctx) => {
  for (const form of DATE_FORMS) {
    const [, year = '', month = '', day = ''] = form.exec(cell) ?? [];
    if (year === '') continue;
    const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
    if (isoDate.safeParse(iso).success) return iso;
    ctx.addIssue({ code: 'custom', message: `${cell} is not a day of the calendar` });
    return iso;
  }
  ctx.addIssue({ code: 'custom', message: 'must be a date YYYY-MM-DD, YYYY/MM/DD or YYYY年M月D日' });
  return cell;
});

const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
const required = <T extends z.ZodType<unknown, string>>(schema: T) =>
  z.preprocess(trimmed, z.string().min(1, 'is required').pipe(schema));
const optional = <T extends z.ZodType<unknown, string>>(schema: T) =>
  z.preprocess((value) => trimmed(value) || undefined, schema.optional());

const registerRow = z.object({
  id: required(number),
  debtorCreditCode: required(creditCode),
  debtorName: required(text(200)),
  name: required(text(200)),
  type: required(choice(TYPE_LABELS, same(debtType.options))),
  creditor: required(text(200)),
  principal: required(wan(true)),
  rate: required(rate),
  reference: optional(choice(REFERENCE_LABELS, same(referenceRate.options))),
  spread: optional(spread),
  start: required(date),
  maturity: required(date),
  structure: required(structure),
  dayCount: optional(choice(DAY_COUNT_LABELS, same(dayCount.options))),
  openingAmount: optional(wan(false)),
  openingDate: optional(date),
  borrowing: optional(choice(BORROWING_LABELS, { yes: 'borrowing', no: 'opening' })),
  note: optional(text(2000)),
});
type Cells = z.output<typeof registerRow>;

function requestOf(cells: Cells): RegisterRequest {
  return {
    id: cells.id,
    debtor: { creditCode: cells.debtorCreditCode, name: cells.debtorName },
    name: cells.name,
    type: cells.type,
    creditor: cells.creditor,
    principal: cells.principal,
    rate:
      cells.reference === undefined
        ? { kind: 'fixed', percent: cells.rate }
        : { kind: 'floating', reference: cells.reference, fixing: cells.rate, spreadBp: cells.spread ?? 0 },
    start: cells.start,
    maturity: cells.maturity,
    structure: { ...cells.structure, dayCount: cells.dayCount ?? defaultDayCount(cells.type) },
    opening: {
      kind: cells.borrowing,
      amount: cells.openingAmount,
      date: cells.openingDate,
    },
    note: cells.note ?? '',
  };
}

const COLUMN_OF_POINTER: Record<string, RegisterColumn> = {
  '/principal': 'principal',
  '/rate': 'rate',
  '/start': 'start',
  '/maturity': 'maturity',
  '/dayCount': 'dayCount',
  '/structure/kind': 'structure',
  '/structure/frequency': 'structure',
  '/structure/interestFrequency': 'structure',
  '/opening/amount': 'openingAmount',
  '/opening/date': 'openingDate',
};

/** The column of a field the register's rules name by pointer (`/opening/date` → openingDate). */
export const columnOfPointer = (pointer: string): RegisterColumn | undefined => COLUMN_OF_POINTER[pointer];

/**
 * What the register's rules refuse in terms whose cells are each fine: the domain's own checks, so
 * a line is refused for what its registration would be, under the column to correct.
 */
function termProblems(cells: Cells, request: RegisterRequest): { field: string; reason: string }[] {
  const problems: { field: string; reason: string }[] = [];
  if (cells.spread !== undefined && cells.reference === undefined) {
    problems.push({
      field: 'spread',
      reason: 'is for a floating rate: give its reference rate (基准利率) too',
    });
  }
  let input: ReturnType<typeof registerInputOf>;
  try {
    input = registerInputOf(request);
  } catch (error) {
    if (!(error instanceof InvalidInput)) throw error;
    return [
      ...problems,
      { field: request.rate.kind === 'floating' ? 'spread' : 'rate', reason: error.message },
    ];
  }
  const reasons: FieldReason[] = [];
  try {
    scheduleOf(input);
  } catch (error) {
    if (!(error instanceof InvalidInput)) throw error;
    reasons.push(...error.fields);
  }
  // As registerInstrument refuses them; whether the opening day is past needs the clock, so that
  // one is left to the registration.
  const { opening } = input;
  if (opening.amount > input.principal) {
    reasons.push({ pointer: '/opening/amount', reason: 'is more than the principal' });
  }
  if (opening.date < input.start) {
    reasons.push({ pointer: '/opening/date', reason: `is before the value date (起息日) ${input.start}` });
  }
  if (opening.amount === 0 && input.type !== 'refinancing-bond') {
    reasons.push({
      pointer: '/opening/amount',
      reason: 'is 0: a debt with nothing outstanding is not registered',
    });
  }
  for (const { pointer, reason } of reasons) {
    problems.push({ field: columnOfPointer(pointer) ?? 'row', reason });
  }
  return problems;
}

/** One register row, cells keyed by column: the registration it asks for, or every reason it is not one. */
export function parseRegisterRow(
  cells: Partial<Record<RegisterColumn, string>>,
  line: number,
): RowParse<RegisterRequest> {
  const result = registerRow.safeParse(cells);
  if (!result.success) {
    const errors: RowError[] = result.error.issues.map((issue) => ({
      line,
      field: String(issue.path[0] ?? 'row'),
      reason: issue.message,
    }));
    return { ok: false, errors };
  }
  const request = requestOf(result.data);
  const problems = termProblems(result.data, request);
  if (problems.length > 0) return { ok: false, errors: problems.map((p) => ({ line, ...p })) };
  return { ok: true, row: request };
}

const DEBTOR = ['91320191MA1W4P2K3X', '南京经开城市建设发展集团有限公司'];

export const REGISTER_EXAMPLES: string[][] = [
  [
    'ZQ-2024-017',
    ...DEBTOR,
    '2024年江苏省政府专项债券（十七期）开发区分配额度',
    '专项债券',
    '银行间债券市场',
    '50000',
    '2.45',
    '',
    '',
    '2024-06-18',
    '2034-06-18',
    '到期一次还本按半年付息',
    '',
    '',
    '',
    '否',
    '苏财债〔2024〕17号',
  ],
  [
    'DK-2023-005',
    ...DEBTOR,
    '经开区综合管廊项目固定资产贷款',
    '银行贷款',
    '中国工商银行南京江宁支行',
    '12000',
    '3.00',
    '1年期LPR',
    '50',
    '2023/9/20',
    '2031/9/20',
    '等额本金按季',
    'ACT/360',
    '10125',
    '2025-01-01',
    '否',
    '',
  ],
];
