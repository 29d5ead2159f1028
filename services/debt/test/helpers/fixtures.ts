import { creditCodeCheckChar } from '@zone-risk/contracts';
import type { App } from '@zone-risk/platform';
import { json, officer } from './service.ts';

/** A valid credit code for the n-th platform company of a test. */
export function debtorCode(n: number): string {
  const body = `91320191MA${String(n).padStart(7, '0')}`;
  return `${body}${creditCodeCheckChar(body)}`;
}

export interface LineView {
  seq: number;
  dueDate: string;
  principal: number;
  interest: number;
  owedPrincipal: number;
  owedInterest: number;
  overdue: boolean;
  funded: number;
}
export interface PostingView {
  id: string;
  kind: string;
  principal: number;
  balanceEffect: number;
  reverses: string | null;
  reversedBy: string | null;
  counterpart: { instrumentId: string; postingId: string } | null;
}
export interface InstrumentView {
  id: string;
  balance: number;
  status: string;
  overdue: boolean;
  overdueAmount: number;
  schedule: LineView[];
  postings: PostingView[];
  replaces: { instrumentId: string; amount: number }[];
  replacedBy: { instrumentId: string; amount: number }[];
}

/** A registration body: a special bond of 1 亿 at 3.00 %, annual coupons, from 2024-03-15 for 3 years. */
export function bondBody(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    debtor: { creditCode: debtorCode(1), name: '经开城市建设发展集团有限公司' },
    name: `专项债券 ${id}`,
    type: 'special-bond',
    creditor: '银行间债券市场',
    principal: 10_000_000_000,
    rate: { kind: 'fixed', percent: '3.00' },
    start: '2024-03-15',
    maturity: '2027-03-15',
    structure: { kind: 'bullet', frequency: 1, dayCount: 'period' },
    ...overrides,
  };
}

export async function register(app: App, body: Record<string, unknown>): Promise<InstrumentView> {
  const response = await app.inject({
    method: 'POST',
    url: '/instruments',
    headers: await officer(),
    payload: body,
  });
  if (response.statusCode !== 201) throw new Error(`register ${response.statusCode}: ${response.body}`);
  return json<InstrumentView>(response);
}

export async function post(
  app: App,
  id: string,
  what: 'repayments' | 'write-offs' | 'replacements' | 'reversals' | 'funding',
  body: Record<string, unknown>,
  key?: string,
) {
  return app.inject({
    method: 'POST',
    url: `/instruments/${id}/${what}`,
    headers: { ...(await officer()), ...(key ? { 'idempotency-key': key } : {}) },
    payload: body,
  });
}
