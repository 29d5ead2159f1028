import type { DebtType } from '@zone-risk/contracts';
import type { Instrument, InstrumentRate } from './instrument.ts';
import { effectiveRate, parsePercent } from './rate.ts';
import type { RegisterInput } from './register.ts';

// A registration as the API and the import give it (rates as decimal strings, defaults left out)
// in the domain's terms: rates in millionths, the opening balance spelled out.

export interface RegisterRequest {
  id: string;
  debtor: { creditCode: string; name: string };
  name: string;
  type: DebtType;
  creditor: string;
  principal: number;
  rate:
    | { kind: 'fixed'; percent: string }
    | {
        kind: 'floating';
        reference: NonNullable<InstrumentRate['reference']>;
        fixing: string;
        spreadBp: number;
      };
  start: string;
  maturity: string;
  structure: Instrument['structure'];
  schedule?: { dueDate: string; principal: number; interest: number }[] | null | undefined;
  opening?:
    | { kind?: 'opening' | 'borrowing' | undefined; amount?: number | undefined; date?: string | undefined }
    | undefined;
  note?: string | undefined;
}

export function rateOf(rate: RegisterRequest['rate']): InstrumentRate {
  if (rate.kind === 'fixed') {
    return {
      kind: 'fixed',
      ratePpm: parsePercent(rate.percent),
      reference: null,
      fixingPpm: null,
      spreadBp: null,
    };
  }
  const fixingPpm = parsePercent(rate.fixing);
  return {
    kind: 'floating',
    ratePpm: effectiveRate({ fixingPpm, spreadBp: rate.spreadBp }),
    reference: rate.reference,
    fixingPpm,
    spreadBp: rate.spreadBp,
  };
}

export function registerInputOf(request: RegisterRequest): RegisterInput {
  const opening = request.opening ?? {};
  return {
    id: request.id,
    debtor: request.debtor,
    name: request.name,
    type: request.type,
    creditor: request.creditor,
    principal: request.principal,
    rate: rateOf(request.rate),
    start: request.start,
    maturity: request.maturity,
    structure: request.structure,
    schedule: request.schedule ?? null,
    opening: {
      kind: opening.kind ?? 'opening',
      amount: opening.amount ?? (request.type === 'refinancing-bond' ? 0 : request.principal),
      date: opening.date ?? request.start,
    },
    note: request.note ?? '',
  };
}
