import { addDays } from '@zone-risk/calendar';
import { creditCodeCheckChar, type PersonRef } from '@zone-risk/contracts';
import type { Caller } from '@zone-risk/domain-service';
import { newId } from '@zone-risk/domain-service';
import type { DebtContext } from '../commands/context.ts';
import {
  fundingCommand,
  registerCommand,
  repaymentCommand,
  replacementCommand,
  reversalCommand,
} from '../commands/instruments.ts';
import { capacityCommand, taskCommand } from '../commands/tasks.ts';
import { readAll } from '../data/read-all.ts';
import { type Instrument, owed, type ScheduleLine } from '../domain/instrument.ts';
import { scheduleOf } from '../domain/register.ts';
import { type RegisterRequest, registerInputOf } from '../domain/register-input.ts';
import type { ScheduledPayment } from '../domain/schedule.ts';
import { registerBody } from '../routes/schemas.ts';
import {
  CAPACITY_2025,
  COMPANIES,
  CORRECTED,
  type DemoInstrument,
  IN_ARREARS,
  INSTRUMENTS,
  REGISTER_OPENED,
  REGISTERED_ON,
  REPLACEMENT,
  TASK_2026,
  UNFUNDED,
} from './register.ts';

// The demo year as dated steps, each a command of the service. Every step that posts first looks
// for its posting id, so a run that stopped half-way posts nothing twice when it runs again.

const officer: PersonRef = { id: 'demo-debt-officer', name: '孙丽' };
const supervisor: PersonRef = { id: 'demo-debt-supervisor', name: '陈建国' };
const caller = (actor: PersonRef, step: string): Caller => ({ actor, correlationId: `seed-${step}` });

/** The posting id a POST with this Idempotency-Key by `actor` would get (the routes' idSeed). */
const keyed = (actor: PersonRef, path: string, key: string) =>
  newId('pst', [key, actor.id, 'POST', path].join('\u0000'));

export interface Step {
  date: string;
  run(): Promise<unknown>;
}

export interface Year {
  /** In date order; none after today. */
  steps: Step[];
  /** Postings made so far (a run that finds them made counts none). */
  postings(): number;
  /** The payment left unpaid, if one fell due this year before today. */
  arrears: ScheduledPayment | undefined;
}

/** The registration as POST /instruments takes it, its opening the balance left on the day taken. */
export function registration(demo: DemoInstrument): RegisterRequest {
  const { company, newIn2026, ...terms } = demo;
  const { serial, name } = COMPANIES[company];
  const body = { ...terms, debtor: { creditCode: `${serial}${creditCodeCheckChar(serial)}`, name } };
  // New in the year: on the register from its value date; a refinancing bond's balance appears by
  // its replacements, so it opens at nil rather than as borrowing.
  if (newIn2026) {
    return registerBody.parse({
      ...body,
      opening: terms.type === 'refinancing-bond' ? {} : { kind: 'borrowing' },
    });
  }
  const left = scheduleOf(registerInputOf(body))
    .filter((line) => line.dueDate > REGISTER_OPENED)
    .reduce((sum, line) => sum + line.principal, 0);
  return registerBody.parse({ ...body, opening: { amount: left, date: REGISTER_OPENED } });
}

function fundingFor(instrument: Instrument, due: number): ScheduleLine['funding'] {
  switch (instrument.type) {
    case 'general-bond':
    case 'special-bond':
    case 'refinancing-bond':
      return [{ source: 'budget', amount: due }];
    case 'bank-loan':
      return [{ source: 'other', amount: due }];
    default: {
      // Non-standard debts: part from the budget, part from selling idle assets (盘活资产).
      const fromAssets = Math.floor(due / 2);
      const split: ScheduleLine['funding'] = [
        { source: 'budget', amount: due - fromAssets },
        { source: 'asset-disposal', amount: fromAssets },
      ];
      return split.filter((f) => f.amount > 0);
    }
  }
}

/** The steps of the year up to `today`, on `ctx`. */
export function planYear(ctx: DebtContext, today: string): Year {
  const steps: Step[] = [];
  const at = (date: string, run: () => Promise<unknown>) => {
    if (date <= today) steps.push({ date, run });
  };
  let postings = 0;
  const find = async (id: string) => {
    const found = await ctx.instruments.find(id);
    if (!found) throw new Error(`${id} is not on the register`);
    return found;
  };
  const posted = async (id: string, pid: string) => (await find(id)).postings.some((p) => p.id === pid);

  const requests = INSTRUMENTS.map(registration);
  for (const [n, request] of requests.entries()) {
    // Registered already: left as it is. (The same terms again would change nothing, but a
    // refinancing bond's first posting is a replacement, which the terms check takes for its opening.)
    at(INSTRUMENTS[n]?.newIn2026 ? request.start : REGISTERED_ON, async () => {
      if (await ctx.instruments.find(request.id)) return;
      await registerCommand(ctx, caller(officer, `register-${request.id}`), registerInputOf(request));
    });
  }
  // Set already: left as it is. A task already set is revised only with a reason (PUT
  // /tasks/{year} answers 400 without one, even unchanged), and each command would recompute the
  // indicators at a day long past.
  at(CAPACITY_2025.on, async () => {
    if (await ctx.capacities.find(String(CAPACITY_2025.year))) return;
    await capacityCommand(ctx, caller(supervisor, 'capacity-2025'), CAPACITY_2025.year, CAPACITY_2025);
  });
  at(TASK_2026.on, async () => {
    if (await ctx.tasks.find(String(TASK_2026.year))) return;
    await taskCommand(ctx, caller(supervisor, 'task-2026'), TASK_2026.year, TASK_2026);
  });

  /** What payment `seq` still owes, paid on its due date (less `short` fen of interest). */
  const repay = async (id: string, seq: number, key: string, short = 0) => {
    const pid = keyed(officer, `/instruments/${id}/repayments`, key);
    const current = await find(id);
    if (current.postings.some((p) => p.id === pid)) return;
    const line = current.schedule.find((l) => l.seq === seq);
    if (!line) throw new Error(`${id} has no payment ${seq}`);
    const left = owed(line);
    if (left.principal + left.interest === 0) return;
    postings += 1;
    await repaymentCommand(ctx, caller(officer, key), id, {
      postingId: pid,
      date: line.dueDate,
      principal: left.principal,
      interest: left.interest - short,
      payment: seq,
      note: `${line.principal > 0 ? '还本付息' : '付息'}凭证 ${line.dueDate.replaceAll('-', '')}-${id}`,
    });
  };

  // Every payment due after the register was taken and before today, paid on its due date, but
  // the lease's latest: the one overdue payment.
  const due = new Map<string, ScheduledPayment[]>();
  for (const request of requests) {
    const opened = request.opening?.date ?? request.start;
    const lines = scheduleOf(registerInputOf(request));
    due.set(
      request.id,
      lines.filter((l) => l.dueDate > opened && l.dueDate < today),
    );
  }
  const arrears = due.get(IN_ARREARS)?.at(-1);
  const corrected = due.get(CORRECTED.instrument)?.find((l) => l.dueDate.startsWith(CORRECTED.month));
  for (const [id, lines] of due) {
    for (const line of lines) {
      if (id === IN_ARREARS && line.seq === arrears?.seq) continue;
      const key = `seed-debt-${id}-${line.seq}`;
      if (id !== CORRECTED.instrument || line.seq !== corrected?.seq) {
        at(line.dueDate, () => repay(id, line.seq, key));
        continue;
      }
      // Typed short, reversed with the reason, posted again the same day: the first stays, marked.
      at(line.dueDate, async () => {
        await repay(id, line.seq, `${key}-typo`, CORRECTED.shortFen);
        const reversal = keyed(officer, `/instruments/${id}/reversals`, `${key}-reversal`);
        if (!(await posted(id, reversal))) {
          postings += 1;
          await reversalCommand(ctx, caller(officer, `${key}-reversal`), id, {
            postingId: reversal,
            reverses: keyed(officer, `/instruments/${id}/repayments`, `${key}-typo`),
            reason: CORRECTED.reason,
          });
        }
        await repay(id, line.seq, key);
      });
    }
  }

  at(REPLACEMENT.date, async () => {
    const key = `seed-debt-replacement-${REPLACEMENT.retired}`;
    const pid = keyed(officer, `/instruments/${REPLACEMENT.retired}/replacements`, key);
    if (await posted(REPLACEMENT.retired, pid)) return;
    postings += 1;
    await replacementCommand(ctx, caller(officer, key), REPLACEMENT.retired, {
      postingId: pid,
      bond: REPLACEMENT.bond,
      date: REPLACEMENT.date,
      principal: REPLACEMENT.principal,
      note: REPLACEMENT.note,
    });
  });

  // Funds for what falls due in the next 90 days, assigned a few days ago: all but the loan's next
  // payment (or, when that is further off than 30 days, whatever falls due first).
  at(addDays(today, -3), async () => {
    const ahead: { instrument: Instrument; line: ScheduleLine }[] = [];
    for (const instrument of await readAll(ctx.instruments, { status: 'active' })) {
      for (const line of instrument.schedule) {
        const left = owed(line);
        if (left.principal + left.interest === 0 || line.dueDate < today) continue;
        if (line.dueDate <= addDays(today, 90)) ahead.push({ instrument, line });
      }
    }
    const rank = (a: (typeof ahead)[number]) => `${a.instrument.id === UNFUNDED ? 0 : 1}${a.line.dueDate}`;
    const unfunded = ahead
      .filter((a) => a.line.dueDate <= addDays(today, 30) && a.instrument.id !== IN_ARREARS)
      .sort((a, b) => rank(a).localeCompare(rank(b)))[0];
    for (const { instrument, line } of ahead) {
      if (instrument.id === unfunded?.instrument.id && line.seq === unfunded.line.seq) continue;
      const left = owed(line);
      await fundingCommand(ctx, caller(officer, `funding-${instrument.id}-${line.seq}`), instrument.id, {
        payment: line.seq,
        funding: fundingFor(instrument, left.principal + left.interest),
      });
    }
  });

  steps.sort((a, b) => a.date.localeCompare(b.date));
  return { steps, postings: () => postings, arrears };
}
