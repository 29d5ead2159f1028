import { isoDate } from '@zone-risk/contracts';
import type { ServiceRoutes } from '@zone-risk/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { changeItem } from '../commands/items.ts';
import {
  accept,
  type Decision,
  publishNotice,
  raiseObjection,
  recur,
  requestAcceptance,
  returnItem,
} from '../domain/decisions.ts';
import type { Item, Person } from '../domain/item.ts';
import { callerOf, ifMatch, ROLES, type RouteDeps, sendItem } from './caller.ts';
import { ifMatchHeader, itemIdParams, itemView, problems, text } from './schemas.ts';

const note = z.string().trim().max(2000).nullish().describe('Remarks');

interface Action<Body> {
  path: string;
  summary: string;
  description: string;
  roles: readonly ('env-staff' | 'env-supervisor')[];
  body: z.ZodType<Body>;
  decide: (item: Item, body: Body, actor: Person, now: Date, deps: RouteDeps) => Decision;
}

const action = <Body>(a: Action<Body>) => a;

const ACTIONS = [
  action({
    path: 'request-acceptance',
    summary: 'Request acceptance (申请验收)',
    description: 'in-progress → acceptance-requested, once 100 % progress has been reported (409 otherwise).',
    roles: ROLES.staff,
    body: z.object({ note }).meta({ examples: [{ note: '已完成提标改造，连续监测达标' }] }),
    decide: (item, body, actor, now) => requestAcceptance(item, body, actor, now),
  }),
  action({
    path: 'accept',
    summary: 'Pass an acceptance (验收通过), city or provincial level',
    description:
      'acceptance-requested → accepted with `level: city`; for central and provincial inspection items the city acceptance leads to city-accepted, and `level: province` then to accepted. The accepting person and time are recorded on the item and in RectificationAccepted (谁验收谁负责).',
    roles: ROLES.supervise,
    body: z
      .object({ level: z.enum(['city', 'province']).describe('city 市级 or province 省级'), note })
      .meta({ examples: [{ level: 'city', note: '现场核查，整改到位' }] }),
    decide: (item, body, actor, now) => accept(item, body, actor, now),
  }),
  action({
    path: 'return',
    summary: 'Return the item (退回)',
    description:
      'acceptance-requested or city-accepted → in-progress, with the reason; acceptance starts over.',
    roles: ROLES.supervise,
    body: z
      .object({ reason: text(2000, 'Why it is returned') })
      .meta({ examples: [{ reason: '连续监测数据不足三个月' }] }),
    decide: (item, body, actor) => returnItem(item, body, actor),
  }),
  action({
    path: 'publish-notice',
    summary: 'Publish the public notice (公示)',
    description:
      'accepted → public-notice. The window lasts NOTICE_WORKING_DAYS working days (default 7, Mon-Fri; public holidays are not known) after today; when it ends without objection the item is closed (销号) automatically.',
    roles: ROLES.supervise,
    body: z
      .object({ channel: z.string().trim().max(200).nullish().describe('Where it is published') })
      .meta({ examples: [{ channel: '开发区管委会门户网站' }] }),
    decide: (item, body, actor, now, deps) =>
      publishNotice(item, body, actor, now, deps.ctx.noticeWorkingDays),
  }),
  action({
    path: 'objection',
    summary: 'Record an objection raised during the notice',
    description: 'public-notice → in-progress; the notice and the acceptances are void.',
    roles: ROLES.supervise,
    body: z
      .object({
        objection: text(2000, 'What the objection says'),
        objector: z.string().trim().max(200).nullish().describe('Who objected, as recorded'),
      })
      .meta({ examples: [{ objection: '夜间仍有异味', objector: '群众来电' }] }),
    decide: (item, body, actor) => raiseObjection(item, body, actor),
  }),
  action({
    path: 'recur',
    summary: 'Reopen a closed item that recurred (反弹)',
    description: 'closed → in-progress, with a new deadline (not in the past); overdue is re-armed for it.',
    roles: ROLES.reopen,
    body: z
      .object({
        reason: text(2000, 'What recurred'),
        deadline: isoDate.describe('The new deadline, inclusive'),
      })
      .meta({ examples: [{ reason: '出水总氮再次超标', deadline: '2027-03-31' }] }),
    decide: (item, body, actor, now) => recur(item, body, actor, now),
  }),
];

export function itemActionRoutes(deps: RouteDeps): ServiceRoutes {
  return async (app) => {
    for (const a of ACTIONS as Action<unknown>[]) {
      app.post(
        `/items/:id/${a.path}`,
        {
          config: { roles: a.roles },
          schema: {
            tags: ['item life cycle'],
            summary: a.summary,
            description: `${a.description} Requires If-Match.`,
            params: itemIdParams,
            headers: ifMatchHeader,
            body: a.body,
            response: { 200: itemView, ...problems(400, 403, 404, 409, 412, 428) },
          },
        },
        async (request: FastifyRequest<{ Params: { id: string }; Body: unknown }>, reply: FastifyReply) => {
          const caller = callerOf(request);
          const { id } = request.params;
          const item = await changeItem(
            deps.ctx,
            caller,
            id,
            (current, now) => a.decide(current, request.body, caller.actor, now, deps),
            ifMatch(request, id),
          );
          return sendItem(reply, item);
        },
      );
    }
  };
}
