// Builds the web app into app/dist unless nothing under app/ changed since the last build: the
// inputs' hash is kept in app/dist/.inputs, so `./infra/platform up` and the tests rebuild only
// after a change.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const app = fileURLToPath(new URL('../app/', import.meta.url));
const stamp = join(app, 'dist', '.inputs');

function files(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name !== 'dist' && name !== 'node_modules')
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : [path];
    })
    .sort();
}

const hash = createHash('sha256');
hash.update(readFileSync(new URL('../../../pnpm-lock.yaml', import.meta.url)));
for (const file of files(app)) hash.update(relative(app, file)).update('\0').update(readFileSync(file));
const inputs = hash.digest('hex');

if (existsSync(stamp) && readFileSync(stamp, 'utf8') === inputs && !process.argv.includes('--force')) {
  process.stdout.write('console: web app unchanged, not rebuilt\n');
} else {
  await build({ configFile: join(app, 'vite.config.ts'), logLevel: 'warn' });
  writeFileSync(stamp, inputs);
  process.stdout.write('console: web app built into services/console/app/dist\n');
}
