// Prints the closing line CI reads, `N passed, N failed[, N skipped]`, from tap's saved results.
// A "test" here is one top-level t.test() of a file: the behaviour named in the test's title.
// A file that crashed before it ran any test still counts as one failure, so a red run never
// prints "0 failed".
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

// Extra passed/failed counts (the Go tests of infra/store) may follow the exit code.
const [dir = '.tap/test-results', exitCodeArg = '0', extraPassed = '0', extraFailed = '0'] =
  process.argv.slice(2);

function* tapFiles(folder: string): Generator<string> {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) yield* tapFiles(path);
    else if (name.endsWith('.tap')) yield path;
  }
}

let passed = Number(extraPassed);
let failed = Number(extraFailed);
let skipped = 0;
for (const file of tapFiles(dir)) {
  let fileFailed = 0;
  let filePoints = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const point = /^(not )?ok \d+/.exec(line);
    if (!point) continue;
    filePoints++;
    if (/# (SKIP|TODO)\b/i.test(line)) skipped++;
    else if (point[1]) fileFailed++;
    else passed++;
  }
  // No test point at all means the file died early (syntax error, failed import, bail out).
  if (filePoints === 0) fileFailed = 1;
  failed += fileFailed;
}
if (failed === 0 && exitCodeArg !== '0') failed = 1;

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed > 0 ? 1 : 0;
