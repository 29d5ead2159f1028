import t from 'tap';
import { z } from 'zod';
import { eventRegistry } from '../src/index.ts';
import { copy, heartbeat, statusChanged } from './samples.ts';

function issuesOf(raw: unknown): readonly string[] {
  const result = eventRegistry.parseEvent(raw);
  return result.ok ? [] : result.issues;
}

t.test('a zone status whose domains are all fresh and known is accepted', async (t) => {
  const raw = copy(statusChanged);
  raw.data.domains = { safety: raw.data.domains.safety } as typeof raw.data.domains;
  t.strictSame(issuesOf(raw), []);
});

t.test('a stale domain must be unknown with no score, and an unknown one must be stale', async (t) => {
  const shownBlue = copy(statusChanged);
  shownBlue.data.domains.debt = { ...shownBlue.data.domains.debt, level: 'low', score: 10 } as never;
  t.strictSame(issuesOf(shownBlue), [
    'data.domains.debt.level: level must be unknown exactly when the domain is stale',
  ]);

  const scored = copy(statusChanged);
  scored.data.domains.debt = { ...scored.data.domains.debt, score: 20 } as never;
  t.strictSame(issuesOf(scored), [
    'data.domains.debt.score: score must be null exactly when the level is unknown',
  ]);

  const unknownButFresh = copy(statusChanged);
  unknownButFresh.data.domains.safety = {
    ...unknownButFresh.data.domains.safety,
    level: 'unknown',
    score: null,
  } as never;
  t.strictSame(issuesOf(unknownButFresh), [
    'data.domains.safety.level: level must be unknown exactly when the domain is stale',
  ]);
});

t.test('the zone score is null exactly when the zone level is unknown', async (t) => {
  const raw = copy(statusChanged);
  raw.data.level = 'unknown';
  t.strictSame(issuesOf(raw), ['data.score: score must be null exactly when the level is unknown']);
  (raw.data as { score: number | null }).score = null;
  t.strictSame(issuesOf(raw), []);
});

t.test('an override cannot lift the zone to unknown and must name the items that fired it', async (t) => {
  const raw = copy(statusChanged);
  raw.data.overrides = [{ rule: 'debt-red', level: 'unknown', items: [] }] as never;
  t.strictSame(
    issuesOf(raw).map((issue) => issue.split(':')[0]),
    ['data.overrides[0].level', 'data.overrides[0].items'],
  );
});

t.test('scores stay within 0-100, causes are event ids and domain keys are domain names', async (t) => {
  const raw = copy(statusChanged);
  raw.data.score = 101;
  raw.data.causes = ['not-an-event-id'];
  (raw.data.domains as Record<string, unknown>).Safety = raw.data.domains.safety;
  t.strictSame(
    issuesOf(raw).map((issue) => issue.split(':')[0]),
    ['data.score', 'data.domains.Safety', 'data.causes[0]'],
  );
});

t.test('a status changed by time alone has no causes', async (t) => {
  const raw = copy(statusChanged);
  raw.data.causes = [];
  t.strictSame(issuesOf(raw), []);
});

t.test('a heartbeat needs a positive interval and RFC 3339 times', async (t) => {
  const raw = copy(heartbeat);
  raw.data.intervalMs = 0;
  raw.data.startedAt = '2024-05-06';
  raw.data.domain = 'Food Drug';
  t.strictSame(
    issuesOf(raw).map((issue) => issue.split(':')[0]),
    ['data.domain', 'data.startedAt', 'data.intervalMs'],
  );
});

t.test(
  'event schemas have no defaults or transforms, so the wire format is what the schema shows',
  async (t) => {
    // What zod reads and what it returns differ only by the closed objects of its output.
    const open = (schema: unknown): string =>
      JSON.stringify(schema, (key, value) =>
        key === 'additionalProperties' && value === false ? undefined : value,
      );
    for (const definition of eventRegistry.all()) {
      const input = z.toJSONSchema(definition.schema, { io: 'input' });
      const output = z.toJSONSchema(definition.schema, { io: 'output' });
      t.equal(open(output), open(input), definition.type);
    }
  },
);
