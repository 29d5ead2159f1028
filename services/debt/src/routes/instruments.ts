import { creditCode, debtType } from '@zone-risk/contracts';
import {
  aggregateRoutes,
  type Caller,
  callerOf,
  idSeed,
  newId,
  sendWithEtag,
} from '@zone-risk/domain-service';
import { pageQuerySchema, type ServiceRoutes } from '@zone-risk/platform';
import { z } from 'zod';
import {
  fundingCommand,
  registerCommand,
  repaymentCommand,
  replacementCommand,
  reversalCommand,
  writeOffCommand,
} from '../commands/instruments.ts';
import type { Instrument } from '../domain/instrument.ts';
import { registerInputOf } from '../domain/register-input.ts';
import { ROLES, type RouteDeps } from './deps.ts';
import {
  fundingBody,
  idParams,
  instrumentPage,
  instrumentView,
  PROBLEM_TEXT,
  postingBody,
  problems,
  registerBody,
  replacementBody,
  reversalBody,
} from './schemas.ts';
import { toInstrumentSummary, toInstrumentView } from './views.ts';

/** A posting's id: from the Idempotency-Key (a retry is the same posting), else random. */
const postingId = (seed: string | undefined) => newId('pst', seed);

const listQuery = pageQuerySchema.extend({
  debtor: creditCode.optional().describe('Only the debts of this platform company'),
  type: debtType.optional(),
  status: z.enum(['active', 'settled']).optional(),
  overdue: z
    .enum(['true', 'false'])
    .optional()
    .describe('Only those with (true) or without an overdue payment'),
});

type Changed = { instrument: Instrument; changed: boolean };

const IDEMPOTENT =
  'Send an Idempotency-Key: the posting id comes from it, so a retry posts once (200 the second time).';

export function instrumentRoutes(deps: RouteDeps): ServiceRoutes {
  const { ctx } = deps;
  return async (app) => {
    app.post(
      '/instruments',
      {
        config: { roles: ROLES.post },
        schema: {
          tags: ['register'],
          summary: 'Register a debt instrument (债务台账)',
          description:
            'The schedule is generated for bullet (到期一次还本，按年/半年付息), equal-principal (等额本金) and annuity (等额本息) structures, or given for a custom one. The opening balance (default the principal; 0 for a refinancing bond, whose balance appears by replacements) is the first posting. 201 new; 200 the same terms again; 409 other terms for a registered number (terms are not edited).',
          body: registerBody,
          response: { 201: instrumentView, 200: instrumentView, ...problems(400, 403, 409) },
        },
      },
      async (request, reply) => {
        const input = registerInputOf(request.body);
        const { instrument, outcome } = await registerCommand(ctx, callerOf(request), input);
        reply.header('location', `/instruments/${instrument.id}`);
        return sendWithEtag(reply, instrument, toInstrumentView, outcome === 'created' ? 201 : 200);
      },
    );

    app.get(
      '/instruments',
      {
        config: { roles: ROLES.read },
        schema: {
          tags: ['register'],
          summary: 'List the register, by number',
          querystring: listQuery,
          response: { 200: instrumentPage, ...problems(400, 403) },
        },
      },
      async (request) => {
        const { limit, cursor, debtor, overdue, ...filter } = request.query;
        const page = await ctx.instruments.list(
          { ...filter, debtorCode: debtor, overdue: overdue === undefined ? undefined : overdue === 'true' },
          { limit, cursor },
          { field: '_id', direction: 1 },
        );
        return { items: page.items.map(toInstrumentSummary), nextCursor: page.nextCursor };
      },
    );

    const posting = <Body extends z.ZodType>(
      path: string,
      summary: string,
      description: string,
      body: Body,
      run: (body: z.infer<Body>, id: string, seed: string | undefined, caller: Caller) => Promise<Changed>,
    ) =>
      app.post(
        `/instruments/:id/${path}`,
        {
          config: { roles: ROLES.post },
          schema: {
            tags: ['postings'],
            summary,
            description: `${description} ${IDEMPOTENT}`,
            params: idParams,
            body,
            response: { 201: instrumentView, 200: instrumentView, ...problems(400, 403, 404, 409) },
          },
        },
        async (request, reply) => {
          const { id } = request.params as z.infer<typeof idParams>;
          const { instrument, changed } = await run(
            request.body as z.infer<Body>,
            id,
            idSeed(request),
            callerOf(request),
          );
          return sendWithEtag(reply, instrument, toInstrumentView, changed ? 201 : 200);
        },
      );

    posting(
      'repayments',
      'Post a repayment (偿还): principal and interest',
      'Against scheduled payment `payment` (at most what it still owes) or, without it, early (提前还款: it meets the next payments in order). Paying an overdue payment in full clears it (DebtOverdueCleared).',
      postingBody,
      (body, id, seed, caller) =>
        repaymentCommand(ctx, caller, id, {
          ...body,
          payment: body.payment ?? null,
          postingId: postingId(seed),
        }),
    );
    posting(
      'write-offs',
      'Post a write-off by agreement (协议核销)',
      'Principal only; `note` names the agreement.',
      postingBody,
      (body, id, seed, caller) =>
        writeOffCommand(ctx, caller, id, { ...body, payment: null, postingId: postingId(seed) }),
    );
    posting(
      'replacements',
      'Post a replacement (置换) of this hidden or non-standard debt by a refinancing bond',
      'This debt’s balance falls by `principal`; the same posting (same id) appears on the bond, whose balance rises; each names the other (`counterpart`, `replaces` / `replacedBy`). The bond must have that much of its issue left to place.',
      replacementBody,
      (body, id, seed, caller) =>
        replacementCommand(ctx, caller, id, { ...body, postingId: postingId(seed) }),
    );
    posting(
      'reversals',
      'Reverse a posting (冲正) with a reason',
      'The posting stays, marked `reversedBy`; the reversal cancels its effect on the balance and on what it met of the schedule. A replacement is reversed on both sides. Not the opening, not a reversal, not twice.',
      reversalBody,
      (body, id, seed, caller) =>
        reversalCommand(ctx, caller, id, {
          postingId: postingId(seed),
          reverses: body.posting,
          reason: body.reason,
        }),
    );
    posting(
      'funding',
      'Assign funds to a scheduled payment (资金来源)',
      'Replaces what the payment had: budget 预算, refinancing-quota 再融资债券额度, asset-disposal 盘活资产, other. At most what the payment owes. A payment due soon with no funds is an alert on the indicators.',
      fundingBody,
      (body, id, _seed, caller) => fundingCommand(ctx, caller, id, body),
    );

    await app.register(
      aggregateRoutes(ctx.instruments, {
        path: '/instruments',
        params: idParams,
        tags: { read: 'register', actions: 'postings' },
        readRoles: ROLES.read,
        view: { schema: instrumentView, of: toInstrumentView },
        historyKey: 'instrumentId',
        systemActor: 'system:time-sweeper',
        problems: PROBLEM_TEXT,
        actions: [],
      }),
    );
  };
}
