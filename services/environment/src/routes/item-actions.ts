import { isoDate } from '@zone-risk/contracts';
import { aggregateRoutes } from '@zone-risk/domain-service';
import type { ServiceRoutes } from '@zone-risk/platform';
import { z } from 'zod';
import { items } from '../data/items.ts';
import {
  accept,
  publishNotice,
  raiseObjection,
  recur,
  requestAcceptance,
  returnItem,
} from '../domain/decisions.ts';
import { ROLES, type RouteDeps } from './deps.ts';
import { itemIdParams, itemView, PROBLEM_TEXT, text } from './schemas.ts';
import { toItemView } from './views.ts';

const note = z.string().trim().max(2000).nullish().describe('Remarks');

// The item's action table: each row is a route (POST /items/{id}/<path>, If-Match, 409 from the
// life cycle), its OpenAPI entry and the decision it takes. Progress reports carry files: their
// route is progress.ts.
const actions = (noticeWorkingDays: number) => [
  items.action({
    path: 'request-acceptance',
    summary: 'Request acceptance (申请验收)',
    description: 'in-progress → acceptance-requested, once 100 % progress has been reported (409 otherwise).',
    roles: ROLES.staff,
    body: z.object({ note }).meta({ examples: [{ note: '已完成提标改造，连续监测达标' }] }),
    decide: (item, body, actor, now) => requestAcceptance(item, body, actor, now),
  }),
  items.action({
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
  items.action({
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
  items.action({
    path: 'publish-notice',
    summary: 'Publish the public notice (公示)',
    description:
      'accepted → public-notice. The window lasts NOTICE_WORKING_DAYS working days (default 7, Mon-Fri; public holidays are not known) after today; when it ends without objection the item is closed (销号) automatically.',
    roles: ROLES.supervise,
    body: z
      .object({ channel: z.string().trim().max(200).nullish().describe('Where it is published') })
      .meta({ examples: [{ channel: '开发区管委会门户网站' }] }),
    decide: (item, body, actor, now) => publishNotice(item, body, actor, now, noticeWorkingDays),
  }),
  items.action({
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
  items.action({
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

/** Read an item, its timeline, and every life-cycle action of the table. */
export function itemResourceRoutes(deps: RouteDeps): ServiceRoutes {
  return aggregateRoutes(deps.ctx.items, {
    path: '/items',
    params: itemIdParams,
    tags: { read: 'items', actions: 'item life cycle' },
    readRoles: ROLES.read,
    view: { schema: itemView, of: toItemView },
    historyKey: 'itemId',
    systemActor: 'system:time-sweeper',
    problems: PROBLEM_TEXT,
    actions: actions(deps.ctx.noticeWorkingDays),
  });
}
