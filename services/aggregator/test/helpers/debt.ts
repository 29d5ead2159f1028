import { randomUUID } from 'node:crypto';
import { deadLetterTopic, type Envelope } from '@zone-risk/contracts';
import { createProducer, eventMessage } from '@zone-risk/messaging';
import type { App } from '@zone-risk/platform';
import { eventually, testKafka, useTestTopics } from '@zone-risk/testkit';
import type { Test } from 'tap';
import type { PolicyInput } from '../../src/domain/policy.ts';
import { admin } from './app.ts';
import { heartbeat, ZONE } from './hazards.ts';
import { waitFor } from './kafka.ts';

// A debt domain as a service of a later release would publish it: the contracts of this build have
// no debt event, so the events are built by hand — a valid CloudEvents envelope, state-carrying data.

export const DEBT_EVENT_TYPE = 'zone.debt.DebtInstrumentChanged.v1';
export const DEBT_ITEM_TYPE = 'debt-instrument';

export interface InstrumentState {
  id: string;
  version: number;
  /** Debt ratio in basis points. */
  debtRatioBp: number;
  status?: 'active' | 'repaid';
  zoneid?: string;
}

/** `zone.debt.DebtInstrumentChanged.v1`: a type the contracts registry does not know. */
export function instrumentChanged(state: InstrumentState): Envelope<Record<string, unknown>> {
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: '/services/debt',
    type: DEBT_EVENT_TYPE,
    time: new Date().toISOString(),
    subject: state.id,
    datacontenttype: 'application/json',
    zoneid: state.zoneid ?? ZONE,
    aggregatetype: DEBT_ITEM_TYPE,
    aggregateid: state.id,
    aggregateversion: state.version,
    correlationid: `test-${state.id}`,
    data: {
      name: `政府债务 ${state.id}`,
      debtRatioBp: state.debtRatioBp,
      status: state.status ?? 'active',
      lender: { name: '开发银行' },
      version: state.version,
    },
  };
}

/**
 * `policy` plus a debt domain: the highest ratio of an open instrument, yellow from 120 bp, orange
 * from 200, red from 300; a repaid instrument is closed.
 */
export function withDebtDomain(policy: PolicyInput): PolicyInput {
  return {
    ...policy,
    domains: {
      ...policy.domains,
      debt: {
        description: 'Debt instruments, from a service this build has no contract for',
        items: {
          [DEBT_ITEM_TYPE]: {
            attributes: ['debtRatioBp', 'status'],
            closedWhen: { status: 'repaid' },
            label: 'name',
            path: '/instruments/{id}',
            counters: ['status'],
          },
        },
        rules: [
          {
            id: 'debt.ratio',
            kind: 'value',
            description: 'Highest debt ratio of an open instrument (basis points)',
            aggregateType: DEBT_ITEM_TYPE,
            where: {},
            attribute: 'debtRatioBp',
            aggregate: 'max',
            bands: [
              { atLeast: 120, level: 'general' },
              { atLeast: 200, level: 'significant' },
              { atLeast: 300, level: 'major' },
            ],
            points: { perUnit: 0.1, max: 100 },
          },
        ],
      },
    },
  };
}

export interface DebtTopic {
  topic: string;
  deadLetters: string;
  /** Produces events to the debt topic, keyed by aggregate id like the relay does. */
  send(...events: Envelope[]): Promise<void>;
  /** Produces raw values to the debt topic (poison tests). */
  sendRaw(...messages: { key: string; value: string }[]): Promise<void>;
}

/**
 * A debt topic of the test's own, one partition so that a marker sent after an event is read after
 * it. The aggregator creates its dead-letter topic at start; it is deleted at the end.
 */
export async function useDebtTopic(t: Test): Promise<DebtTopic> {
  const { debt } = await useTestTopics(t, ['debt'], { partitions: 1 });
  const kafka = await testKafka('aggregator-debt-test');
  const producer = createProducer(kafka);
  await producer.connect();
  const admin = kafka.admin();
  await admin.connect();
  t.teardown(async () => {
    await producer.disconnect();
    await admin.deleteTopics({ topics: [deadLetterTopic(debt)] }).catch(() => undefined);
    await admin.disconnect();
  });
  return {
    topic: debt,
    deadLetters: deadLetterTopic(debt),
    async send(...events) {
      await producer.send({ topic: debt, acks: -1, messages: events.map(eventMessage) });
    },
    async sendRaw(...messages) {
      await producer.send({ topic: debt, acks: -1, messages });
    },
  };
}

/** `PUT /policy` as an operator would send it: the active policy plus the debt domain. */
export async function putPolicyWithDebt(app: App) {
  const current = (await app.inject({ method: 'GET', url: '/policy', headers: await admin() })).json();
  delete current.version;
  delete current.createdAt;
  delete current.createdBy;
  return app.inject({
    method: 'PUT',
    url: '/policy',
    headers: await admin(),
    payload: withDebtDomain(current),
  });
}

/**
 * Sends a debt heartbeat after whatever was sent before on the debt topic and waits until it is
 * applied: one partition, so everything sent before it was read by then.
 */
export async function debtMarker(app: App, debt: DebtTopic, beat: number): Promise<void> {
  const sent = heartbeat('debt', beat);
  await debt.send(sent);
  const at = Date.parse(sent.data.sentAt);
  await eventually(() => {
    const applied = app.aggregator.model().freshness.get('debt')?.lastHeartbeatAt;
    waitFor(applied === at, `the debt heartbeat ${beat} applied`);
  });
}

/** `aggregator_skipped_events_total` of one domain, as /metrics shows it. */
export async function skippedEvents(app: App, domain: string): Promise<number> {
  const res = await app.inject({ method: 'GET', url: '/metrics' });
  const line = res.body
    .split('\n')
    .find((l) => l.startsWith(`aggregator_skipped_events_total{domain="${domain}"} `));
  return line ? Number(line.split(' ')[1]) : 0;
}
