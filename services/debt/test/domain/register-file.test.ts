import { mapHeader } from '@zone-risk/imports';
import t from 'tap';
import {
  columnOfPointer,
  parseRegisterRow,
  REGISTER_COLUMNS,
  REGISTER_EXAMPLES,
  type RegisterColumn,
} from '../../src/domain/register-file.ts';
import { registerInputOf } from '../../src/domain/register-input.ts';

const DEBTOR = '91320191MA1W4P2K3X';

type Cells = Partial<Record<RegisterColumn, string>>;

const loan = (overrides: Cells = {}): Cells => ({
  id: 'DK-2024-001',
  debtorCreditCode: DEBTOR,
  debtorName: '南京经开城市建设发展集团有限公司',
  name: '经开区综合管廊项目固定资产贷款',
  type: '银行贷款',
  creditor: '中国工商银行南京江宁支行',
  principal: '12000',
  rate: '3.45',
  start: '2024-03-20',
  maturity: '2029-03-20',
  structure: '等额本金按季',
  ...overrides,
});

const parsed = (cells: Cells) => {
  const result = parseRegisterRow(cells, 2);
  if (!result.ok) throw new Error(`the line should parse: ${JSON.stringify(result.errors)}`);
  return result.row;
};

/** The problems of a bad line as [field, reason], in the order found. */
const problems = (cells: Cells, line = 2) => {
  const result = parseRegisterRow(cells, line);
  if (result.ok) throw new Error('the line should be refused');
  return result.errors;
};

const only = (cells: Cells, field: RegisterColumn) => {
  const errors = problems(cells);
  return errors.length === 1 && errors[0]?.field === field ? errors[0].reason : JSON.stringify(errors);
};

t.test('a line of a fixed-rate loan becomes its registration request, defaults left to it', async (t) => {
  t.same(parsed(loan()), {
    id: 'DK-2024-001',
    debtor: { creditCode: DEBTOR, name: '南京经开城市建设发展集团有限公司' },
    name: '经开区综合管廊项目固定资产贷款',
    type: 'bank-loan',
    creditor: '中国工商银行南京江宁支行',
    principal: 12_000_000_000,
    rate: { kind: 'fixed', percent: '3.45' },
    start: '2024-03-20',
    maturity: '2029-03-20',
    structure: { kind: 'equal-principal', frequency: 4, dayCount: 'act-360' },
    opening: { kind: undefined, amount: undefined, date: undefined },
    note: '',
  });
  t.same(registerInputOf(parsed(loan())).opening, {
    kind: 'opening',
    amount: 12_000_000_000,
    date: '2024-03-20',
  });
});

t.test('an amount in 万元 is exact fen: 1 万元 is 1,000,000 fen, six decimals at most', async (t) => {
  const principal = (text: string) => parsed(loan({ principal: text })).principal;
  t.equal(principal('50000'), 50_000_000_000, '50,000 万元 = 500,000,000 元');
  t.equal(principal('1,234.56'), 1_234_560_000);
  t.equal(principal('12.345678'), 12_345_678);
  t.equal(principal('0.000001'), 1, 'one fen');
  t.equal(principal('１２．５万元'), 12_500_000, 'full-width, with its unit');
  t.equal(principal(' 3000 '), 3_000_000_000);
  t.equal(only(loan({ principal: '0' }), 'principal'), 'must be above zero');
  t.match(only(loan({ principal: '1.0000001' }), 'principal'), /7 decimals; an amount in 万元 has at most 6/);
  t.match(only(loan({ principal: '-5' }), 'principal'), /negative/);
  t.match(only(loan({ principal: '1200元' }), 'principal'), /in 元, but this field is in 万元/);
  t.match(only(loan({ principal: '一万' }), 'principal'), /not an amount in 万元/);
  t.equal(only(loan({ principal: '' }), 'principal'), 'is required');
});

t.test('the debtor needs a valid credit code and a name', async (t) => {
  t.match(only(loan({ debtorCreditCode: '91320191MA1W4P2K3T' }), 'debtorCreditCode'), /check character/);
  t.match(only(loan({ debtorCreditCode: '91320191ma1w4p2k3x' }), 'debtorCreditCode'), /use upper case/);
  t.match(only(loan({ debtorCreditCode: '9132019' }), 'debtorCreditCode'), /18 characters/);
  t.equal(only(loan({ debtorCreditCode: '  ' }), 'debtorCreditCode'), 'is required');
  t.equal(only(loan({ debtorName: '' }), 'debtorName'), 'is required');
  t.equal(parsed(loan({ debtorName: '  某公司 ' })).debtor.name, '某公司');
});

t.test('the number, names and note are checked for form and length', async (t) => {
  t.equal(parsed(loan({ id: 'ZQ_2024.017-a' })).id, 'ZQ_2024.017-a');
  t.match(only(loan({ id: 'ZQ 2024 017' }), 'id'), /letters, digits, dot, dash and underscore/);
  t.match(only(loan({ id: `Z${'9'.repeat(64)}` }), 'id'), /at most 64/);
  t.equal(only(loan({ id: '' }), 'id'), 'is required');
  t.equal(only(loan({ name: '债'.repeat(201) }), 'name'), 'must be at most 200 characters');
  t.equal(only(loan({ creditor: '' }), 'creditor'), 'is required');
  t.equal(parsed(loan({ note: ' 苏财债〔2024〕17号 ' })).note, '苏财债〔2024〕17号');
  t.equal(only(loan({ note: '注'.repeat(2001) }), 'note'), 'must be at most 2000 characters');
});

t.test('a type is its Chinese label or its English value', async (t) => {
  const labels: Record<string, string> = {
    一般债券: 'general-bond',
    专项债券: 'special-bond',
    再融资债券: 'refinancing-bond',
    置换债券: 'refinancing-bond',
    隐性债务: 'hidden',
    信托: 'trust',
    融资租赁: 'leasing',
    其他非标: 'non-standard-other',
    银行贷款: 'bank-loan',
    'special-bond': 'special-bond',
    ' Bank-Loan ': 'bank-loan',
  };
  for (const [label, type] of Object.entries(labels)) {
    t.equal(parsed(loan({ type: label })).type, type, label);
  }
  t.match(only(loan({ type: '国债' }), 'type'), /must be one of 一般债券、专项债券.* or general-bond, /);
});

t.test('a rate is a percent a year to four decimals, from 0 to 100', async (t) => {
  const rate = (text: string) => parsed(loan({ rate: text })).rate;
  t.same(rate('3.25'), { kind: 'fixed', percent: '3.25' });
  t.same(rate('4.1250'), { kind: 'fixed', percent: '4.1250' });
  t.same(rate('3.25%'), { kind: 'fixed', percent: '3.25' });
  t.same(rate('03.5'), { kind: 'fixed', percent: '3.5' });
  t.same(rate('0'), { kind: 'fixed', percent: '0' });
  t.same(rate('100'), { kind: 'fixed', percent: '100' });
  t.match(only(loan({ rate: '3.12345' }), 'rate'), /at most 4 decimals/);
  t.match(only(loan({ rate: '100.5' }), 'rate'), /from 0 to 100/);
  t.match(only(loan({ rate: '-1' }), 'rate'), /decimal percentage/);
  t.match(only(loan({ rate: '三点二五' }), 'rate'), /decimal percentage/);
  t.equal(only(loan({ rate: '' }), 'rate'), 'is required');
});

t.test('with a reference rate the rate is its fixing, plus a spread in basis points', async (t) => {
  const floating = (reference: string, spread = '') => parsed(loan({ rate: '3.00', reference, spread })).rate;
  t.same(floating('1年期LPR', '50'), { kind: 'floating', reference: 'lpr-1y', fixing: '3.00', spreadBp: 50 });
  t.same(floating('LPR1Y'), { kind: 'floating', reference: 'lpr-1y', fixing: '3.00', spreadBp: 0 });
  t.match(floating('lpr-1y', '-20'), { reference: 'lpr-1y', spreadBp: -20 });
  t.match(floating('5年期LPR', '+35bp'), { reference: 'lpr-5y', spreadBp: 35 });
  t.match(floating('5年期以上LPR'), { reference: 'lpr-5y' });
  t.match(floating('SHIBOR3M', '80 BP'), { reference: 'shibor-3m', spreadBp: 80 });
  t.match(floating('3个月SHIBOR'), { reference: 'shibor-3m' });
  t.match(floating('其他'), { reference: 'other' });
  t.match(only(loan({ reference: 'LPR' }), 'reference'), /must be one of 1年期LPR、.* or lpr-1y, lpr-5y/);
  t.match(only(loan({ reference: 'LPR1Y', spread: '1.5' }), 'spread'), /whole number of basis points/);
  t.match(only(loan({ reference: 'LPR1Y', spread: '20000' }), 'spread'), /from -10000 to 10000/);
  t.match(only(loan({ spread: '30' }), 'spread'), /for a floating rate: give its reference rate/);
  t.match(
    only(loan({ rate: '0.10', reference: 'LPR1Y', spread: '-20' }), 'spread'),
    /gives a rate outside 0 to 100 %/,
  );
});

t.test('dates are read as YYYY-MM-DD, YYYY/MM/DD or YYYY年M月D日, real days only', async (t) => {
  for (const text of ['2024-03-20', '2024-3-20', '2024/03/20', '2024/3/20', '2024年3月20日']) {
    t.equal(parsed(loan({ start: text })).start, '2024-03-20', text);
  }
  t.equal(parsed(loan({ maturity: '2029年3月20日' })).maturity, '2029-03-20');
  t.equal(only(loan({ start: '2023-02-29' }), 'start'), '2023-02-29 is not a day of the calendar');
  t.equal(only(loan({ start: '2024/13/1' }), 'start'), '2024/13/1 is not a day of the calendar');
  for (const text of ['20/03/2024', '2024.3.20', '20240320', '2024-03']) {
    t.match(
      only(loan({ start: text }), 'start'),
      /must be a date YYYY-MM-DD, YYYY\/MM\/DD or YYYY年M月D日/,
      text,
    );
  }
  t.match(
    only(loan({ maturity: '2024-03-20' }), 'maturity'),
    /is not after the value date \(起息日\) 2024-03-20/,
  );
  t.equal(only(loan({ maturity: '' }), 'maturity'), 'is required');
});

t.test('a structure is a Chinese label or an English kind with its payments a year', async (t) => {
  const structures: Record<string, [string, number]> = {
    到期一次还本按年付息: ['bullet', 1],
    到期一次还本按半年付息: ['bullet', 2],
    '到期一次还本，按半年付息': ['bullet', 2],
    等额本金按月: ['equal-principal', 12],
    等额本金按季: ['equal-principal', 4],
    '等额本金（按季度）': ['equal-principal', 4],
    等额本金按半年: ['equal-principal', 2],
    等额本金按年: ['equal-principal', 1],
    等额本息按月: ['annuity', 12],
    等额本息按季: ['annuity', 4],
    等额本息按半年: ['annuity', 2],
    等额本息按年: ['annuity', 1],
    'bullet 2': ['bullet', 2],
    'equal-principal 4': ['equal-principal', 4],
    'Annuity 12': ['annuity', 12],
  };
  for (const [label, [kind, frequency]] of Object.entries(structures)) {
    t.same(parsed(loan({ structure: label })).structure, { kind, frequency, dayCount: 'act-360' }, label);
  }
  for (const custom of ['自定义', 'custom']) {
    t.equal(
      only(loan({ structure: custom }), 'structure'),
      'a custom schedule cannot be imported: register the instrument with POST /instruments',
    );
  }
  t.match(only(loan({ structure: 'bullet 4' }), 'structure'), /must be one of 到期一次还本按年付息、/);
  t.match(only(loan({ structure: '等额本金按周' }), 'structure'), /or bullet 1, bullet 2, equal-principal 1/);
  t.match(
    only(loan({ structure: '等额本金按月', start: '1990-01-01', maturity: '2060-01-01' }), 'structure'),
    /gives more than 600 lines/,
  );
});

t.test('the day count is by period for bonds and ACT/360 otherwise, unless the line says', async (t) => {
  const dayCount = (cells: Cells) => parsed(loan(cells)).structure.dayCount;
  for (const type of ['一般债券', '专项债券', '再融资债券']) {
    t.equal(dayCount({ type, structure: '到期一次还本按年付息' }), 'period', type);
  }
  for (const type of ['银行贷款', '信托', '融资租赁', '其他非标', '隐性债务']) {
    t.equal(dayCount({ type }), 'act-360', type);
  }
  t.equal(dayCount({ dayCount: '按期' }), 'period');
  t.equal(dayCount({ dayCount: 'ACT/365' }), 'act-365');
  t.equal(dayCount({ dayCount: 'act/360' }), 'act-360');
  t.equal(dayCount({ type: '专项债券', dayCount: 'act-365' }), 'act-365');
  t.equal(dayCount({ dayCount: '实际/365' }), 'act-365');
  t.match(only(loan({ dayCount: '30/360' }), 'dayCount'), /must be one of 按期、ACT\/360、ACT\/365/);
});

t.test(
  'the opening balance, its day and new borrowing are optional, and checked against the terms',
  async (t) => {
    const opening = (cells: Cells) => registerInputOf(parsed(loan(cells))).opening;
    t.same(opening({ openingAmount: '10125', openingDate: '2025/1/1' }), {
      kind: 'opening',
      amount: 10_125_000_000,
      date: '2025-01-01',
    });
    t.same(opening({ borrowing: '是' }), { kind: 'borrowing', amount: 12_000_000_000, date: '2024-03-20' });
    t.equal(opening({ borrowing: '否' }).kind, 'opening');
    t.equal(opening({ borrowing: 'Yes' }).kind, 'borrowing');
    t.equal(opening({ borrowing: 'no' }).kind, 'opening');
    t.same(
      registerInputOf(parsed(loan({ type: '再融资债券', structure: '到期一次还本按年付息' }))).opening,
      { kind: 'opening', amount: 0, date: '2024-03-20' },
      'a refinancing bond comes on at nil: its balance appears by replacements',
    );
    t.equal(only(loan({ openingAmount: '12000.000001' }), 'openingAmount'), 'is more than the principal');
    t.match(only(loan({ openingAmount: '0' }), 'openingAmount'), /a debt with nothing outstanding/);
    t.match(only(loan({ openingAmount: '5千' }), 'openingAmount'), /not an amount in 万元/);
    t.match(only(loan({ openingDate: '2024-03-19' }), 'openingDate'), /before the value date/);
    t.match(only(loan({ openingDate: '2024-02-30' }), 'openingDate'), /not a day of the calendar/);
    t.match(only(loan({ borrowing: '也许' }), 'borrowing'), /must be one of 是、否 or yes, no/);
  },
);

t.test('a bad line lists every problem of its cells, each with its line and column', async (t) => {
  const errors = problems(
    loan({
      id: 'DK 1',
      debtorCreditCode: '91320191MA1W4P2K3T',
      type: '国债',
      principal: '-1',
      rate: '3.123456',
      reference: 'LPR10Y',
      start: '2024-02-30',
      structure: '自定义',
      dayCount: '30/360',
      openingAmount: 'abc',
      borrowing: '也许',
    }),
    7,
  );
  t.same(
    errors.map((e) => [e.line, e.field]),
    [
      [7, 'id'],
      [7, 'debtorCreditCode'],
      [7, 'type'],
      [7, 'principal'],
      [7, 'rate'],
      [7, 'reference'],
      [7, 'start'],
      [7, 'structure'],
      [7, 'dayCount'],
      [7, 'openingAmount'],
      [7, 'borrowing'],
    ],
  );
  t.ok(errors.every((e) => e.reason.length > 0));
  t.same(
    problems({}, 3).map((e) => e.field),
    REGISTER_COLUMNS.filter((c) => c.required).map((c) => c.key),
    'an empty line names each required column',
  );
  t.same(
    problems(loan({ maturity: '2024-01-01', openingAmount: '20000', spread: '10' })).map((e) => e.field),
    ['spread', 'maturity', 'openingAmount'],
    'terms refused together once every cell reads',
  );
});

t.test('the header is read in Chinese, in English or both; the template’s examples parse', async (t) => {
  const keys = REGISTER_COLUMNS.map((c) => c.key);
  t.equal(new Set(keys).size, keys.length, 'no key twice');
  for (const header of [
    REGISTER_COLUMNS.map((c) => c.zh),
    REGISTER_COLUMNS.map((c) => c.en),
    REGISTER_COLUMNS.map((c) => `${c.zh} / ${c.en}`),
    REGISTER_COLUMNS.map((c) => c.key),
  ]) {
    t.same(
      mapHeader(REGISTER_COLUMNS, header),
      { columns: keys, missing: [], duplicated: [] },
      header[0] ?? '',
    );
  }
  t.equal(columnOfPointer('/opening/date'), 'openingDate', 'a rule’s pointer names its column');
  t.equal(columnOfPointer('/structure/interestFrequency'), 'structure');
  t.equal(columnOfPointer('/schedule/0'), undefined);
  t.ok(
    REGISTER_COLUMNS.find((c) => c.key === 'structure')?.help?.includes('POST /instruments'),
    'the help says where a custom schedule goes',
  );
  for (const example of REGISTER_EXAMPLES) {
    t.equal(example.length, REGISTER_COLUMNS.length);
    const cells = Object.fromEntries(REGISTER_COLUMNS.map((c, i) => [c.key, example[i] ?? '']));
    t.ok(parseRegisterRow(cells, 2).ok, example[0] ?? '');
  }
});
