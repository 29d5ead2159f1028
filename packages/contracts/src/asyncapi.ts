import packageJson from '../package.json' with { type: 'json' };
import type { AnyEventDefinition } from './define-event.ts';
import { eventRegistry } from './events/index.ts';
import { eventJsonSchema } from './json-schema.ts';
import { type TopicName, topics } from './topics.ts';

type Json = { [key: string]: unknown };

/** The AsyncAPI 3.0 document, as plain JSON. */
export interface AsyncApiDocument {
  asyncapi: '3.0.0';
  info: { title: string; version: string; description: string };
  defaultContentType: 'application/json';
  servers: Record<string, Json>;
  channels: Record<string, Json>;
  operations: Record<string, Json>;
  components: { messages: Record<string, Json> };
}

// The service that publishes on each topic (besides every service's heartbeat on its own topic).
const producers: Record<TopicName, { service: string; summary: string }> = {
  [topics.safety]: {
    service: 'safety',
    summary: 'Workplace safety: inspections and hidden hazards (安全生产)',
  },
  [topics.environment]: {
    service: 'environment',
    summary: 'Environmental rectification items (环境保护整改)',
  },
  [topics.foodDrug]: {
    service: 'food-drug',
    summary: 'Food and drug checks, sampling and disposal (食品药品监管)',
  },
  [topics.debt]: { service: 'debt', summary: 'Debt register, repayments and the reduction task (债务化解)' },
  [topics.riskStatus]: { service: 'aggregator', summary: 'Zone-wide risk status changes, with their causes' },
};

const kafkaBindingVersion = '0.5.0';

function message(definition: AnyEventDefinition): Json {
  // Inline draft-07 payloads: the default AsyncAPI schema format is a draft-07 superset, so any
  // AsyncAPI tool reads them, and the served document needs no file beside it.
  const { $schema: _dialect, ...payload } = eventJsonSchema(definition, 'draft-07');
  return {
    name: definition.name,
    title: `${definition.name} v${definition.version}`,
    summary: definition.description,
    contentType: 'application/json',
    tags: [{ name: definition.domain }],
    correlationId: {
      description: 'Shared by every event caused by one request or process',
      location: '$message.payload#/correlationid',
    },
    payload,
    bindings: {
      kafka: {
        key: {
          type: 'string',
          description: 'The aggregate id (envelope attribute aggregateid), so one aggregate stays in order',
        },
        bindingVersion: kafkaBindingVersion,
      },
    },
  };
}

/**
 * The AsyncAPI 3.0 document of every topic and event, built from the registry: one channel per
 * topic, one `send` operation by the service that produces on it, one message per event type.
 * Services serve it at `/asyncapi.json`; `docs/asyncapi.yaml`, written by `pnpm contracts:generate`,
 * is its checked-in copy.
 */
export function asyncApiDocument(): AsyncApiDocument {
  const channels: Record<string, Json> = {};
  const operations: Record<string, Json> = {};
  const messages: Record<string, Json> = {};

  for (const definition of eventRegistry.all()) messages[definition.type] = message(definition);

  for (const [channelId, topic] of Object.entries(topics)) {
    const onTopic = eventRegistry.onTopic(topic);
    const producer = producers[topic];
    channels[channelId] = {
      address: topic,
      title: topic,
      summary: producer.summary,
      messages: Object.fromEntries(onTopic.map((d) => [d.type, { $ref: `#/components/messages/${d.type}` }])),
      bindings: { kafka: { topic, bindingVersion: kafkaBindingVersion } },
    };
    operations[`send${channelId.charAt(0).toUpperCase()}${channelId.slice(1)}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${channelId}` },
      summary: `The ${producer.service} service publishes on ${topic}`,
      messages: onTopic.map((d) => ({ $ref: `#/channels/${channelId}/messages/${d.type}` })),
    };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Zone risk platform events',
      version: packageJson.version,
      description:
        'Events of the zone risk platform: CloudEvents 1.0 envelopes in JSON, keyed by aggregate id. ' +
        'Each domain publishes its events and heartbeats on its own topic; poison messages go to <topic>.dlq.',
    },
    defaultContentType: 'application/json',
    servers: {
      local: {
        host: '127.0.0.1:9092',
        protocol: 'kafka',
        description: 'The local Kafka started by ./infra/platform up',
      },
    },
    channels,
    operations,
    components: { messages },
  };
}
