import { endOfZoneDay, zoneDay } from '@zone-risk/calendar';
import {
  Conflict,
  type Decision as DecisionOf,
  decided,
  InvalidInput,
} from '@zone-risk/domain-service/domain';
import type { ItemFact } from './facts.ts';
import {
  type EvidenceFile,
  type Item,
  type ItemContent,
  isRectifying,
  needsProvincialAcceptance,
  type Person,
} from './item.ts';
import { contentHash } from './ledger.ts';
import { type ItemAction, transition } from './machine.ts';
import { noticeEndsAt } from './notice.ts';

/** What a command decided: the item after it and the facts to publish, in order. */
export type Decision = DecisionOf<Item, ItemFact>;

const next = (item: Item, action: ItemAction) =>
  transition(item.status, action, needsProvincialAcceptance(item.source));

/** The system actor of time-driven changes (overdue, the end of a notice). */
export const SWEEPER: Person = { id: 'system:time-sweeper', name: '时限自动检测' };

export interface NewItem extends ItemContent {
  id: string;
  zoneId: string;
  via: 'api' | 'import';
  importId: string | null;
}

/**
 * 拉条挂账: an item is put on the ledger. A deadline already gone is accepted — a ledger often
 * records problems late — and the sweeper marks the item overdue at its next pass.
 */
export function registerItem(input: NewItem, actor: Person, now: Date): Decision {
  const { id, zoneId, via, importId, ...content } = input;
  const item: Item = {
    ...content,
    id,
    zoneId,
    status: 'pending',
    progress: 0,
    reports: [],
    acceptances: { city: null, province: null },
    notice: null,
    via,
    importId,
    registeredBy: actor,
    registeredAt: now,
    acceptanceRequestedAt: null,
    closedAt: null,
    deadlinePassed: false,
    returns: 0,
    objections: 0,
    recurrences: 0,
    contentHash: contentHash(content),
    version: 1,
  };
  return decided(item, {
    name: 'RectificationItemRegistered',
    facts: {
      problem: item.problem,
      measures: item.measures,
      target: item.target,
      via,
      importId,
      registeredBy: actor,
    },
  });
}

/** Evidence per item is bounded: the document carries its reports. */
export const MAX_REPORTS_PER_ITEM = 100;

export function reportProgress(
  item: Item,
  input: { percent: number; note: string; evidence: EvidenceFile[] },
  actor: Person,
  now: Date,
): Decision {
  const status = next(item, 'report-progress');
  if (item.reports.length >= MAX_REPORTS_PER_ITEM) {
    throw new Conflict(
      `Item ${item.id} already has ${MAX_REPORTS_PER_ITEM} progress reports, the most it keeps`,
      {
        currentState: item.status,
      },
    );
  }
  const report = { id: `r${item.reports.length + 1}`, ...input, reportedBy: actor, reportedAt: now };
  return decided(
    { ...item, status, progress: input.percent, reports: [...item.reports, report] },
    {
      name: 'RectificationProgressReported',
      facts: {
        report: { id: report.id, percent: input.percent, note: input.note, evidence: input.evidence },
        reportedBy: actor,
      },
    },
  );
}

/** 申请验收: only once the reported progress is 100 %. */
export function requestAcceptance(
  item: Item,
  input: { note?: string | null | undefined },
  actor: Person,
  now: Date,
): Decision {
  const status = next(item, 'request-acceptance');
  if (item.progress < 100) {
    throw new Conflict(
      `Item ${item.id} is reported ${item.progress} % done; report 100 % before requesting acceptance`,
      { currentState: item.status, progress: item.progress, reason: 'progress-incomplete' },
    );
  }
  return decided(
    { ...item, status, acceptanceRequestedAt: now },
    { name: 'RectificationAcceptanceRequested', facts: { note: input.note ?? null, requestedBy: actor } },
  );
}

/** 验收 at city or provincial level; the accepting person and time are recorded (谁验收谁负责). */
export function accept(
  item: Item,
  input: { level: 'city' | 'province'; note?: string | null | undefined },
  actor: Person,
  now: Date,
): Decision {
  const status = next(item, input.level === 'city' ? 'accept-city' : 'accept-province');
  const acceptance = { by: actor, at: now, note: input.note ?? null };
  const acceptances = { ...item.acceptances, [input.level]: acceptance };
  return decided(
    { ...item, status, acceptances },
    {
      name: 'RectificationAccepted',
      facts: {
        level: input.level,
        final: status === 'accepted',
        note: acceptance.note,
        acceptedAt: now.toISOString(),
        acceptedBy: actor,
      },
    },
  );
}

/** 退回: the acceptance fails at the level under way; every acceptance so far is void. */
export function returnItem(item: Item, input: { reason: string }, actor: Person): Decision {
  const level = item.status === 'city-accepted' ? 'province' : 'city';
  const status = next(item, 'return');
  return decided(
    {
      ...item,
      status,
      acceptances: { city: null, province: null },
      acceptanceRequestedAt: null,
      returns: item.returns + 1,
    },
    { name: 'RectificationReturned', facts: { level, reason: input.reason, returnedBy: actor } },
  );
}

/** 公示: the window runs `workingDays` working days (Mon-Fri, holidays not known) after today. */
export function publishNotice(
  item: Item,
  input: { channel?: string | null | undefined },
  actor: Person,
  now: Date,
  workingDays: number,
): Decision {
  const status = next(item, 'publish-notice');
  const notice = {
    publishedAt: now,
    endsAt: noticeEndsAt(now, workingDays),
    workingDays,
    channel: input.channel ?? null,
    publishedBy: actor,
  };
  return decided(
    { ...item, status, notice },
    {
      name: 'RectificationNoticePublished',
      facts: {
        notice: {
          publishedAt: now.toISOString(),
          endsAt: notice.endsAt.toISOString(),
          workingDays,
          channel: notice.channel,
        },
        publishedBy: actor,
      },
    },
  );
}

/** An objection during the notice sends the item back to rectification; acceptance starts over. */
export function raiseObjection(
  item: Item,
  input: { objection: string; objector?: string | null | undefined },
  actor: Person,
): Decision {
  const status = next(item, 'raise-objection');
  return decided(
    {
      ...item,
      status,
      notice: null,
      acceptances: { city: null, province: null },
      acceptanceRequestedAt: null,
      objections: item.objections + 1,
    },
    {
      name: 'RectificationObjectionRaised',
      facts: { objection: input.objection, objector: input.objector ?? null, recordedBy: actor },
    },
  );
}

/** 反弹: a closed item reopens with a new deadline (not one already gone); overdue is re-armed. */
export function recur(
  item: Item,
  input: { reason: string; deadline: string },
  actor: Person,
  now: Date,
): Decision {
  const status = next(item, 'recur');
  const today = zoneDay(now);
  if (input.deadline < today) {
    throw new InvalidInput(`The deadline ${input.deadline} is in the past (today is ${today} in the zone)`, [
      { pointer: '/deadline', reason: `must be ${today} or later` },
    ]);
  }
  const previousClosedAt = (item.closedAt ?? now).toISOString();
  return decided(
    {
      ...item,
      status,
      deadline: input.deadline,
      deadlinePassed: false,
      progress: 0,
      notice: null,
      acceptances: { city: null, province: null },
      acceptanceRequestedAt: null,
      closedAt: null,
      recurrences: item.recurrences + 1,
    },
    {
      name: 'RectificationItemRecurred',
      facts: { reason: input.reason, previousClosedAt, reportedBy: actor },
    },
  );
}

/**
 * What time alone changes, or null: a deadline passed before acceptance fires overdue once; a
 * notice window that ended without objection closes the item. Firing disarms the timer in the
 * same write, so a later sweep (another replica, a restarted process) finds nothing to do.
 */
export function onTime(item: Item, now: Date): Decision | null {
  if (item.status === 'public-notice' && item.notice && item.notice.endsAt.getTime() <= now.getTime()) {
    const status = next(item, 'close');
    return decided(
      { ...item, status, closedAt: now },
      {
        name: 'RectificationItemClosed',
        facts: {
          closedAt: now.toISOString(),
          noticeEndedAt: item.notice.endsAt.toISOString(),
          closedBy: SWEEPER,
        },
      },
    );
  }
  const dueAt = endOfZoneDay(item.deadline);
  if (isRectifying(item.status) && !item.deadlinePassed && dueAt.getTime() <= now.getTime()) {
    return decided(
      { ...item, deadlinePassed: true },
      {
        name: 'RectificationItemBecameOverdue',
        facts: { dueDate: item.deadline, dueAt: dueAt.toISOString(), detectedAt: now.toISOString() },
      },
    );
  }
  return null;
}
