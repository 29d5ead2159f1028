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

// A domain the contracts do not have: social stability (社会稳定), which DOMAIN.md leaves out of
// scope, as a service of a later release would publish it on `zone.stability.events`. Its events are
// built by hand — a valid CloudEvents envelope, state-carrying data — to prove that a new domain
// joins by publishing and `PUT /policy`, without a contract or a release.

export const NEW_DOMAIN = 'stability';
export const DISPUTE_EVENT_TYPE = 'zone.stability.DisputeChanged.v1';
export const DISPUTE_ITEM_TYPE = 'dispute';

export interface DisputeState {
  id: string;
  version: number;
  /** People involved (涉及人数). */
  involved: number;
  status?: 'open' | 'resolved';
  zoneid?: string;
}

/** `zone.stability.DisputeChanged.v1` (a 矛盾纠纷 case): a type the contracts registry does not know. */
export function disputeChanged(state: DisputeState): Envelope<Record<string, unknown>> {
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: '/services/stability',
    type: DISPUTE_EVENT_TYPE,
    time: new Date().toISOString(),
    subject: state.id,
    datacontenttype: 'application/json',
    zoneid: state.zoneid ?? ZONE,
    aggregatetype: DISPUTE_ITEM_TYPE,
    aggregateid: state.id,
    aggregateversion: state.version,
    correlationid: `test-${state.id}`,
    data: {
      title: `矛盾纠纷 ${state.id}`,
      involved: state.involved,
      status: state.status ?? 'open',
      grid: { name: '东区网格' },
      version: state.version,
    },
  };
}

/**
 * `policy` plus a stability domain: the most people involved in one open dispute, yellow from 5,
 * orange from 20, red from 50; a resolved dispute is closed.
 */
export function withStabilityDomain(policy: PolicyInput): PolicyInput {
  return {
    ...policy,
    domains: {
      ...policy.domains,
      [NEW_DOMAIN]: {
        description: 'Disputes (矛盾纠纷), from a service this build has no contract for',
        items: {
          [DISPUTE_ITEM_TYPE]: {
            attributes: ['involved', 'status'],
            closedWhen: { status: 'resolved' },
            label: 'title',
            path: '/disputes/{id}',
            counters: ['status'],
          },
        },
        rules: [
          {
            id: 'stability.involved',
            kind: 'value',
            description: 'Most people involved in one open dispute',
            aggregateType: DISPUTE_ITEM_TYPE,
            where: { open: true },
            attribute: 'involved',
            aggregate: 'max',
            bands: [
              { atLeast: 5, level: 'general' },
              { atLeast: 20, level: 'significant' },
              { atLeast: 50, level: 'major' },
            ],
            points: { perUnit: 1, max: 100 },
          },
        ],
      },
    },
  };
}

export interface StabilityTopic {
  topic: string;
  deadLetters: string;
  /** Produces events to the stability topic, keyed by aggregate id like the relay does. */
  send(...events: Envelope[]): Promise<void>;
  /** Produces raw values to the stability topic (poison tests). */
  sendRaw(...messages: { key: string; value: string }[]): Promise<void>;
}

/**
 * A stability topic of the test's own, one partition so that a marker sent after an event is read
 * after it. The aggregator creates its dead-letter topic at start; it is deleted at the end.
 */
export async function useStabilityTopic(t: Test): Promise<StabilityTopic> {
  const { stability } = await useTestTopics(t, ['stability'], { partitions: 1 });
  const kafka = await testKafka('aggregator-stability-test');
  const producer = createProducer(kafka);
  await producer.connect();
  const admin = kafka.admin();
  await admin.connect();
  t.teardown(async () => {
    await producer.disconnect();
    await admin.deleteTopics({ topics: [deadLetterTopic(stability)] }).catch(() => undefined);
    await admin.disconnect();
  });
  return {
    topic: stability,
    deadLetters: deadLetterTopic(stability),
    async send(...events) {
      await producer.send({ topic: stability, acks: -1, messages: events.map(eventMessage) });
    },
    async sendRaw(...messages) {
      await producer.send({ topic: stability, acks: -1, messages });
    },
  };
}

/** `PUT /policy` as an operator would send it: the active policy plus the stability domain. */
export async function putPolicyWithStability(app: App) {
  const current = (await app.inject({ method: 'GET', url: '/policy', headers: await admin() })).json();
  delete current.version;
  delete current.createdAt;
  delete current.createdBy;
  return app.inject({
    method: 'PUT',
    url: '/policy',
    headers: await admin(),
    payload: withStabilityDomain(current),
  });
}

/**
 * Sends a stability heartbeat after whatever was sent before on the stability topic and waits until
 * it is applied: one partition, so everything sent before it was read by then.
 */
export async function stabilityMarker(app: App, stability: StabilityTopic, beat: number): Promise<void> {
  const sent = heartbeat(NEW_DOMAIN, beat);
  await stability.send(sent);
  const at = Date.parse(sent.data.sentAt);
  await eventually(() => {
    const applied = app.aggregator.model().freshness.get(NEW_DOMAIN)?.lastHeartbeatAt;
    waitFor(applied === at, `the stability heartbeat ${beat} applied`);
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
