import { readdir, readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import t from 'tap';
import { docsDir, generatedDocuments, schemaFileName } from '../src/documents.ts';
import { breakingChanges, eventRegistry, type JSONSchema } from '../src/index.ts';
import { copy, samples } from './samples.ts';

// The checked-in docs/events/*.schema.json are the published contracts: consumers outside this
// repository may validate against them, so they change only compatibly or by a new version.

const generated = generatedDocuments();

async function published(name: string): Promise<string | undefined> {
  return readFile(new URL(name, docsDir), 'utf8').catch(() => undefined);
}

for (const definition of eventRegistry.all()) {
  const name = schemaFileName(definition);
  t.test(`${definition.type} still reads every event its published schema allowed`, async (t) => {
    const onDisk = await published(name);
    const current = generated.get(name) ?? '';
    if (onDisk === undefined) {
      t.fail(`docs/${name} is missing: run pnpm contracts:generate and commit it`);
      return;
    }
    const next = definition.type.replace(/\.v[0-9]+$/, `.v${definition.version + 1}`);
    t.strictSame(
      breakingChanges(JSON.parse(onDisk) as JSONSchema, JSON.parse(current) as JSONSchema),
      [],
      `breaking change to a published schema: keep ${definition.type} as it was and define ${next} instead`,
    );
    t.equal(onDisk, current, `docs/${name} is out of date: run pnpm contracts:generate`);
  });
}

t.test(
  'every published schema still has a registered event, since deleting an event type is breaking',
  async (t) => {
    const names = (await readdir(new URL('events/', docsDir))).filter((n) => n.endsWith('.schema.json'));
    t.ok(names.length > 0, 'schemas are published');
    for (const n of names) {
      t.ok(
        generated.has(`events/${n}`),
        `docs/events/${n} has no registered event: restore it (add a new version instead)`,
      );
    }
  },
);

t.test(
  'the published JSON Schemas accept what the zod schemas accept and reject what they reject',
  async (t) => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats.default(ajv);
    for (const definition of eventRegistry.all()) {
      const validate = ajv.compile(JSON.parse((await published(schemaFileName(definition))) ?? '{}'));
      const sample = samples[definition.type];
      t.ok(validate(sample), `${definition.type} sample valid: ${ajv.errorsText(validate.errors)}`);
      const broken = { ...copy(sample), id: 'not-a-uuid', time: '2024-05-06', data: {} };
      t.notOk(validate(broken), `${definition.type} broken sample rejected`);
      t.notOk(definition.schema.safeParse(broken).success);
    }
  },
);
