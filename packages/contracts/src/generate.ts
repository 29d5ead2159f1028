// Writes docs/events/<type>.schema.json and docs/asyncapi.yaml: `pnpm contracts:generate`.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { docsDir, generatedDocuments } from './documents.ts';

const files = generatedDocuments();
await mkdir(new URL('events/', docsDir), { recursive: true });
for (const [path, content] of files) {
  const url = new URL(path, docsDir);
  const before = await readFile(url, 'utf8').catch(() => undefined);
  if (before === content) continue;
  await writeFile(url, content);
  console.log(`${before === undefined ? 'created' : 'updated'} docs/${path}`);
}

// A published schema is never deleted here: removing an event type breaks its consumers, and
// the compatibility test fails until the event is registered again.
for (const name of await readdir(new URL('events/', docsDir))) {
  if (name.endsWith('.schema.json') && !files.has(`events/${name}`)) {
    console.warn(
      `docs/events/${name} is published but no longer registered: restore the event (a removal is breaking)`,
    );
    process.exitCode = 1;
  }
}
