import { type Role, signToken } from '@zone-risk/auth';
import { deadLetterTopic, type Envelope, serviceHeartbeat } from '@zone-risk/contracts';
import { createProducer, eventMessage } from '@zone-risk/messaging';
import { type App, loadConfig } from '@zone-risk/platform';
import { infra, testKafka, uniqueName, useTestDatabase, useTestTopics } from '@zone-risk/testkit';
import type { Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import { type Logger, pino } from 'pino';
import type { Test } from 'tap';
import { buildAggregatorApp } from '../../src/app.ts';
import { type AggregatorConfig, aggregatorConfigSchema } from '../../src/config.ts';

export interface Harness {
  config: AggregatorConfig;
  store: Connection;
  topics: { safety: string; environment: string; foodDrug: string; debt: string; status: string };
  /** The domain topics the aggregator consumes (what AGGREGATOR_TOPICS names). */
  domainTopics: string[];
  /** Builds and starts an aggregator on the harness's database, topics and group. */
  start(env?: Record<string, string>, options?: { logger?: Logger }): Promise<App>;
  /**
   * Produces events to their domain's topic (safety, environment, food-drug or debt, by the event type),
   * keyed by aggregate id like the relay does. Heartbeats go to their domain's topic too.
   */
  send(...events: Envelope[]): Promise<void>;
  /** Produces raw values to the safety topic (poison tests). */
  sendRaw(...messages: { key: string; value: string }[]): Promise<void>;
}

/**
 * One aggregator test setup: its own database, safety, environment, food-drug, debt and status topics
 * (and their dead-letter topics, deleted at the end) and consumer group, which reads every domain
 * topic. Apps started from it are closed when the test ends.
 */
export async function useAggregator(t: Test, env: Record<string, string> = {}): Promise<Harness> {
  const { kafkaBrokers, mongoUrl } = await infra();
  const db = await useTestDatabase(t, 'agg');
  const topics = await useTestTopics(t, ['safety', 'environment', 'foodDrug', 'debt', 'status'], {
    partitions: 3,
  });
  const domainTopics = [topics.safety, topics.environment, topics.foodDrug, topics.debt];
  const kafka = await testKafka('aggregator-test');
  const admin = kafka.admin();
  await admin.connect();
  t.teardown(async () => {
    await admin.deleteTopics({ topics: domainTopics.map(deadLetterTopic) }).catch(() => undefined);
    await admin.disconnect();
  });
  let producer: Producer | undefined;
  const baseEnv = {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    MONGO_URL: mongoUrl,
    MONGO_DB: db.dbName,
    KAFKA_BROKERS: kafkaBrokers.join(','),
    AGGREGATOR_TOPICS: domainTopics.join(','),
    AGGREGATOR_STATUS_TOPIC: topics.status,
    AGGREGATOR_GROUP_ID: uniqueName('aggregator'),
    AGGREGATOR_TICK_MS: '100',
    ...env,
  };
  const config = loadConfig(aggregatorConfigSchema, baseEnv);

  function topicOf(event: Envelope): string {
    const domain =
      event.type === serviceHeartbeat.type
        ? (event.data as { domain: string }).domain
        : event.type.split('.')[1];
    if (domain === 'environment') return topics.environment;
    if (domain === 'debt') return topics.debt;
    return domain === 'food-drug' ? topics.foodDrug : topics.safety;
  }

  async function connected(): Promise<Producer> {
    if (!producer) {
      producer = createProducer(kafka);
      await producer.connect();
      const p = producer;
      t.teardown(() => p.disconnect());
    }
    return producer;
  }

  return {
    config,
    store: db.connection,
    topics,
    domainTopics,
    async start(more = {}, options = {}) {
      const app = await buildAggregatorApp({
        config: loadConfig(aggregatorConfigSchema, { ...baseEnv, ...more }),
        store: db.connection,
        ...options,
      });
      t.teardown(() => app.close());
      return app;
    },
    async send(...events) {
      const byTopic = new Map<string, Envelope[]>();
      for (const event of events) {
        const topic = topicOf(event);
        byTopic.set(topic, [...(byTopic.get(topic) ?? []), event]);
      }
      const messages = [...byTopic].map(([topic, list]) => ({ topic, messages: list.map(eventMessage) }));
      await (await connected()).sendBatch({ acks: -1, topicMessages: messages });
    },
    async sendRaw(...messages) {
      await (await connected()).send({ topic: topics.safety, acks: -1, messages });
    },
  };
}

/** Authorization headers for a dev token with these roles. */
export async function as(roles: Role[], sub = 'test-user'): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${await signToken({ sub, roles })}` };
}

export const riskOffice = () => as(['risk-office'], 'risk-officer');
export const admin = () => as(['admin'], 'admin-user');

/** A logger whose lines are kept, parsed, for assertions on what the service logged. */
export function capturingLogger(level = 'info'): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level },
    {
      write(line: string) {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
  );
  return { logger, lines };
}
