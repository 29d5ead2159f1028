import { isoDate, money } from '@zone-risk/contracts';
import { aggregateRoutes } from '@zone-risk/domain-service';
import type { ServiceRoutes } from '@zone-risk/platform';
import { z } from 'zod';
import { hazards } from '../data/hazards.ts';
import {
  acceptRectification,
  approveExtension,
  listForSupervision,
  planRectification,
  refuseExtension,
  rejectRectification,
  requestExtension,
  submitForAcceptance,
} from '../domain/decisions.ts';
import { ROLES, type RouteDeps } from './deps.ts';
import { hazardIdParams, hazardView, PROBLEM_TEXT, person, text } from './schemas.ts';
import { toHazardView } from './views.ts';

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

// The hazard's action table: each row is a route (POST /hazards/{id}/<path>, If-Match, 409 from
// the life cycle), its OpenAPI entry and the decision it takes.
const ACTIONS = [
  hazards.action({
    path: 'plan',
    summary: 'Record the rectification plan (整改方案)',
    description:
      'reported or rectifying → rectifying. A later deadline than the one in force needs an extension.',
    roles: ROLES.inspect,
    body: planBody,
    decide: (h, body, actor, now) => planRectification(h, body, actor, now),
  }),
  hazards.action({
    path: 'submit',
    summary: 'Submit the rectification for acceptance (申请验收)',
    description: 'rectifying → awaiting-acceptance.',
    roles: ROLES.inspect,
    body: z.object({ note }).meta({ examples: [{ note: '已加装泄爆片，附整改后照片' }] }),
    decide: (h, body, actor, now) => submitForAcceptance(h, body, actor, now),
  }),
  hazards.action({
    path: 'accept',
    summary: 'Accept and close (验收销号)',
    description: 'awaiting-acceptance → closed. A safety supervisor who did not report or inspect it.',
    roles: ROLES.supervise,
    body: z.object({ note }).meta({ examples: [{ note: '现场核验，整改到位' }] }),
    decide: (h, body, actor, now) => acceptRectification(h, body, actor, now),
  }),
  hazards.action({
    path: 'reject',
    summary: 'Reject the rectification (验收不通过)',
    description: 'awaiting-acceptance → rectifying, with the reason.',
    roles: ROLES.supervise,
    body: z
      .object({ reason: text(2000, 'Why it is not accepted') })
      .meta({ examples: [{ reason: '泄爆口朝向人员通道' }] }),
    decide: (h, body, actor) => rejectRectification(h, body, actor),
  }),
  hazards.action({
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
  hazards.action({
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
  hazards.action({
    path: 'extension-request/refuse',
    summary: 'Refuse the extension: the deadline stays',
    description: 'extension-requested → rectifying.',
    roles: ROLES.supervise,
    body: z
      .object({ reason: text(2000, 'Why it is refused') })
      .meta({ examples: [{ reason: '可先停用该工段' }] }),
    decide: (h, body, actor) => refuseExtension(h, body, actor),
  }),
  hazards.action({
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

/** Read a hazard, its timeline, and every life-cycle action of the table. */
export function hazardResourceRoutes(deps: RouteDeps): ServiceRoutes {
  return aggregateRoutes(deps.ctx.hazards, {
    path: '/hazards',
    params: hazardIdParams,
    tags: { read: 'hazards', actions: 'hazard life cycle' },
    readRoles: ROLES.read,
    view: { schema: hazardView, of: toHazardView },
    historyKey: 'hazardId',
    systemActor: 'system:overdue-sweeper',
    problems: PROBLEM_TEXT,
    actions: ACTIONS,
  });
}
