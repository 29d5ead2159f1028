import { readFile } from 'node:fs/promises';
import t from 'tap';
import { parse } from 'yaml';
import { docsDir, generatedDocuments } from '../src/documents.ts';
import { asyncApiDocument, eventRegistry, topics } from '../src/index.ts';

function resolve(document: unknown, ref: string): unknown {
  let target = document;
  for (const token of ref.replace(/^#\//, '').split('/')) {
    target = (target as Record<string, unknown> | undefined)?.[
      token.replaceAll('~1', '/').replaceAll('~0', '~')
    ];
  }
  return target;
}

function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) =>
    key === '$ref' && typeof item === 'string' ? [item] : refsIn(item),
  );
}

const document = asyncApiDocument();

t.test('docs/asyncapi.yaml is the generated document, and reads back as it', async (t) => {
  const onDisk = await readFile(new URL('asyncapi.yaml', docsDir), 'utf8');
  t.equal(
    onDisk,
    generatedDocuments().get('asyncapi.yaml'),
    'docs/asyncapi.yaml is out of date: run pnpm contracts:generate',
  );
  t.strictSame(parse(onDisk), document);
});

t.test('the document is AsyncAPI 3.0 with the local Kafka server', async (t) => {
  t.equal(document.asyncapi, '3.0.0');
  t.strictSame(document.servers.local, {
    host: '127.0.0.1:9092',
    protocol: 'kafka',
    description: 'The local Kafka started by ./infra/platform up',
  });
  t.equal(document.defaultContentType, 'application/json');
});

t.test('there is one channel per topic, addressed by the topic name, listing the events on it', async (t) => {
  const channels = Object.values(document.channels);
  t.strictSame(channels.map((c) => c.address).sort(), Object.values(topics).sort());
  for (const channel of channels) {
    const expected = eventRegistry.onTopic(String(channel.address)).map((d) => d.type);
    t.strictSame(Object.keys(channel.messages as object), expected, String(channel.address));
  }
});

t.test(
  'there is one message per event, JSON with its envelope schema and the aggregate id as key',
  async (t) => {
    const messages = document.components.messages;
    t.strictSame(
      Object.keys(messages),
      eventRegistry.all().map((d) => d.type),
    );
    for (const definition of eventRegistry.all()) {
      const message = messages[definition.type] as Record<string, unknown>;
      t.equal(message.contentType, 'application/json');
      t.hasStrict(message.payload, {
        type: 'object',
        title: definition.type,
        required: ['specversion', 'id'],
      });
      t.notOk('$schema' in (message.payload as object), 'payload is a schema object, not a document');
      t.hasStrict(message.bindings, { kafka: { key: { type: 'string' }, bindingVersion: '0.5.0' } });
    }
  },
);

t.test('each topic has a send operation whose messages belong to its channel', async (t) => {
  t.equal(Object.keys(document.operations).length, Object.keys(topics).length);
  for (const [id, operation] of Object.entries(document.operations)) {
    t.equal(operation.action, 'send', id);
    const channelRef = (operation.channel as { $ref: string }).$ref;
    for (const ref of refsIn(operation.messages)) t.ok(ref.startsWith(`${channelRef}/messages/`), ref);
  }
});

t.test('every $ref in the document resolves', async (t) => {
  const refs = refsIn(document);
  t.ok(refs.length > 0);
  for (const ref of refs) t.ok(resolve(document, ref) !== undefined, ref);
});
