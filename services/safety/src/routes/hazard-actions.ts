import { isoDate, money } from '@zone-risk/contracts';
import type { ServiceRoutes } from '@zone-risk/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { changeHazard } from '../commands/hazards.ts';
import {
  acceptRectification,
  approveExtension,
  type Decision,
  listForSupervision,
  planRectification,
  refuseExtension,
  rejectRectification,
  requestExtension,
  submitForAcceptance,
} from '../domain/decisions.ts';
import type { Hazard, Person } from '../domain/hazard.ts';
import { callerOf, ifMatch, ROLES, type RouteDeps, sendHazard } from './caller.ts';
import { hazardIdParams, hazardView, person, problems, text } from './schemas.ts';

const ifMatchHeader = z.object({
  'if-match': z.string().optional().describe('The ETag of your last GET of this hazard (required)'),
});

const note = z.string().trim().max(2000).nullish().describe('Remarks');

const planBody = z
  .object({
    measures: text(4000, 'Rectification measures (整改措施)'),
    responsiblePerson: person.describe('Who is responsible for the rectification (责任人)'),
    funds: money.describe('Funds set aside (整改资金), in fen: 1,250,000 = ¥12,500.00'),
    deadline: isoDate.describe('Rectification deadline (整改期限), inclusive; not in the past'),
  })
  .meta({
    examples: [
      {
        measures: '除尘器加装泄爆片并将泄爆口引至室外安全区域；整改完成前停用粉碎工段',
        responsiblePerson: { id: 'ent-zhao', name: '赵刚' },
        funds: 1_250_000,
        deadline: '2026-12-31',
      },
    ],
  });

interface Action<Body> {
  path: string;
  summary: string;
  description: string;
  roles: readonly ('inspector' | 'safety-supervisor')[];
  body: z.ZodType<Body>;
  decide: (hazard: Hazard, body: Body, actor: Person, now: Date) => Decision;
}

const action = <Body>(a: Action<Body>) => a;

const ACTIONS = [
  action({
    path: 'plan',
    summary: 'Record the rectification plan (整改方案)',
    description:
      'reported or rectifying → rectifying. A later deadline than the one in force needs an extension.',
    roles: ROLES.inspect,
    body: planBody,
    decide: (h, body, actor, now) => planRectification(h, body, actor, now),
  }),
  action({
    path: 'submit',
    summary: 'Submit the rectification for acceptance (申请验收)',
    description: 'rectifying → awaiting-acceptance.',
    roles: ROLES.inspect,
    body: z.object({ note }).meta({ examples: [{ note: '已加装泄爆片，附整改后照片' }] }),
    decide: (h, body, actor, now) => submitForAcceptance(h, body, actor, now),
  }),
  action({
    path: 'accept',
    summary: 'Accept and close (验收销号)',
    description: 'awaiting-acceptance → closed. A safety supervisor who did not report or inspect it.',
    roles: ROLES.supervise,
    body: z.object({ note }).meta({ examples: [{ note: '现场核验，整改到位' }] }),
    decide: (h, body, actor, now) => acceptRectification(h, body, actor, now),
  }),
  action({
    path: 'reject',
    summary: 'Reject the rectification (验收不通过)',
    description: 'awaiting-acceptance → rectifying, with the reason.',
    roles: ROLES.supervise,
    body: z
      .object({ reason: text(2000, 'Why it is not accepted') })
      .meta({ examples: [{ reason: '泄爆口朝向人员通道' }] }),
    decide: (h, body, actor) => rejectRectification(h, body, actor),
  }),
  action({
    path: 'extension-request',
    summary: 'Request a later deadline (申请延期)',
    description: 'rectifying → extension-requested. The requested deadline must be after the one in force.',
    roles: ROLES.inspect,
    body: z
      .object({
        requestedDeadline: isoDate.describe('The deadline asked for'),
        reason: text(2000, 'Why more time is needed'),
      })
      .meta({ examples: [{ requestedDeadline: '2027-01-31', reason: '泄爆装置到货延迟' }] }),
    decide: (h, body, actor, now) => requestExtension(h, body, actor, now),
  }),
  action({
    path: 'extension-request/approve',
    summary: 'Approve the extension: the deadline moves',
    description:
      'extension-requested → rectifying. `deadline` defaults to the requested one. Clears overdue and re-arms it for the new deadline.',
    roles: ROLES.supervise,
    body: z
      .object({ deadline: isoDate.optional().describe('The new deadline; default: the requested one'), note })
      .meta({ examples: [{ note: '同意延期' }] }),
    decide: (h, body, actor, now) => approveExtension(h, body, actor, now),
  }),
  action({
    path: 'extension-request/refuse',
    summary: 'Refuse the extension: the deadline stays',
    description: 'extension-requested → rectifying.',
    roles: ROLES.supervise,
    body: z
      .object({ reason: text(2000, 'Why it is refused') })
      .meta({ examples: [{ reason: '可先停用该工段' }] }),
    decide: (h, body, actor) => refuseExtension(h, body, actor),
  }),
  action({
    path: 'supervision',
    summary: 'List a major hazard for supervision (挂牌督办)',
    description: 'Major hazards only, once, with a deadline of its own; the state does not change.',
    roles: ROLES.supervise,
    body: z
      .object({
        deadline: isoDate.describe('Supervision deadline, inclusive; not in the past'),
        authority: text(200, 'Who supervises'),
        reference: z.string().trim().max(200).nullish().describe('Document number of the notice (督办文号)'),
      })
      .meta({
        examples: [
          {
            deadline: '2026-12-31',
            authority: '开发区安全生产委员会办公室',
            reference: '开安委办〔2026〕12号',
          },
        ],
      }),
    decide: (h, body, actor, now) => listForSupervision(h, body, actor, now),
  }),
];

export function hazardActionRoutes(deps: RouteDeps): ServiceRoutes {
  return async (app) => {
    for (const a of ACTIONS as Action<unknown>[]) {
      app.post(
        `/hazards/:id/${a.path}`,
        {
          config: { roles: a.roles },
          schema: {
            tags: ['hazard life cycle'],
            summary: a.summary,
            description: `${a.description} Requires If-Match.`,
            params: hazardIdParams,
            headers: ifMatchHeader,
            body: a.body,
            response: { 200: hazardView, ...problems(400, 403, 404, 409, 412, 428) },
          },
        },
        async (request: FastifyRequest<{ Params: { id: string }; Body: unknown }>, reply: FastifyReply) => {
          const caller = callerOf(request);
          const { id } = request.params;
          const hazard = await changeHazard(
            deps.ctx,
            caller,
            id,
            (h, now) => a.decide(h, request.body, caller.actor, now),
            ifMatch(request, id),
          );
          return sendHazard(reply, hazard);
        },
      );
    }
  };
}
