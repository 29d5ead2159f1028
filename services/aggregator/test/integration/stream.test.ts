import { signToken } from '@zone-risk/auth';
import { eventually } from '@zone-risk/testkit';
import t from 'tap';
import { as, useAggregator } from '../helpers/app.ts';
import { reported } from '../helpers/hazards.ts';
import { waitFor } from '../helpers/kafka.ts';
import { liveDomains } from '../helpers/rectification.ts';
import { openStream } from '../helpers/sse.ts';
import { getStatus } from '../helpers/status.ts';

const level = (data: string): string => (JSON.parse(data) as { level: string }).level;

t.test('SSE subscribers get the current status, then every change as it is consumed', async (t) => {
  const harness = await useAggregator(t, { AGGREGATOR_SSE_HEARTBEAT_MS: '200' });
  const app = await harness.start();
  const base = await app.listen({ port: 0, host: '127.0.0.1' });

  const inspector = await openStream(t, `${base}/stream`, await as(['inspector']));
  const office = await openStream(t, `${base}/stream`, await as(['risk-office']));
  t.equal(inspector.status, 200, 'every role may subscribe');
  t.match(inspector.headers.get('content-type'), /^text\/event-stream/);
  const first = await inspector.next(() => true);
  t.equal(first.event, 'status');
  t.equal(
    first.id,
    String((await getStatus(app)).sequence),
    'the first event is the current status, its id the sequence',
  );
  t.equal(level(first.data), 'unknown');

  await harness.send(...liveDomains(), reported({ id: 'hz-1', version: 1, grade: 'major' }));
  for (const client of [inspector, office]) {
    const orange = await client.next((e) => level(e.data) === 'significant');
    const body = JSON.parse(orange.data) as { sequence: number; trigger: string; causes: { id: string }[] };
    t.equal(orange.id, String(body.sequence));
    t.equal(body.trigger, 'events');
    t.ok(body.causes.length >= 1, 'with its causes');
  }
  const ids = inspector.events.map((e) => Number(e.id));
  t.same(
    ids,
    [...ids].sort((a, b) => a - b),
    'ids increase',
  );
  t.equal(new Set(ids).size, ids.length, 'no event twice');
  await eventually(() => waitFor(inspector.comments.includes('keep-alive'), 'a keep-alive comment'));
});

t.test('reconnecting with Last-Event-ID replays the missed changes, in order, without a gap', async (t) => {
  const harness = await useAggregator(t);
  const app = await harness.start();
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const headers = await as(['risk-office']);

  const before = await openStream(t, `${base}/stream`, headers);
  const seen = await before.next(() => true);
  before.close();

  await harness.send(...liveDomains());
  await eventually(async () => waitFor((await getStatus(app)).level === 'low', 'blue'), {
    timeoutMs: 30_000,
  });
  await harness.send(reported({ id: 'hz-1', version: 1, grade: 'major' }));
  const missedUpTo = await eventually(
    async () => {
      const status = await getStatus(app);
      waitFor(status.level === 'significant', 'orange');
      return status.sequence;
    },
    { timeoutMs: 30_000 },
  );

  const resumed = await openStream(t, `${base}/stream`, { ...headers, 'last-event-id': seen.id ?? '' });
  await resumed.next((e) => e.id === String(missedUpTo));
  const replayed = resumed.events.map((e) => Number(e.id));
  const expected = Array.from({ length: missedUpTo - Number(seen.id) }, (_, i) => Number(seen.id) + 1 + i);
  t.same(replayed, expected, 'exactly the changes after the last one seen');
  t.same(
    resumed.events.map((e) => level(e.data)).slice(-2),
    ['low', 'significant'],
    'blue (once both domains beat), then orange',
  );

  // ...and it stays live afterwards.
  const replayedCount = resumed.events.length;
  await harness.send(reported({ id: 'hz-1', version: 2, grade: 'general' }));
  const live = await resumed.next((e) => level(e.data) === 'low', 30_000, replayedCount);
  t.equal(Number(live.id), missedUpTo + 1);
});

t.test('EventSource auth: ?access_token= on /stream only; no token is a 401', async (t) => {
  const harness = await useAggregator(t);
  const app = await harness.start();
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const token = await signToken({ sub: 'browser-user', roles: ['risk-office'] });

  const viaQuery = await openStream(t, `${base}/stream?access_token=${token}`);
  t.equal(viaQuery.status, 200);
  await viaQuery.next(() => true);

  const missing = await fetch(`${base}/stream`);
  t.equal(missing.status, 401);
  t.match(missing.headers.get('content-type'), /application\/problem\+json/);
  t.match(missing.headers.get('www-authenticate'), /^Bearer/);
  await missing.text();
  const forged = await fetch(`${base}/stream?access_token=not.a.token`);
  t.equal(forged.status, 401);
  await forged.text();
  const elsewhere = await fetch(`${base}/status?access_token=${token}`);
  t.equal(elsewhere.status, 401, 'other routes do not take a token in the URL');
  await elsewhere.text();
});

t.test('closing the app ends open streams instead of hanging', async (t) => {
  const harness = await useAggregator(t);
  const app = await harness.start();
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const sequence = (await getStatus(app)).sequence;
  const res = await fetch(`${base}/stream`, { headers: await as(['admin']) });
  t.equal(res.status, 200);
  const reader = res.body?.getReader();
  if (!reader) throw new Error('the stream has no body');
  const decoder = new TextDecoder();
  let body = '';
  const statusFrame = /(?:^|\n\n)id: \d+\nevent: status\ndata: [^\n]*\n\n/;
  while (!statusFrame.test(body)) {
    const chunk = await reader.read();
    if (chunk.done)
      throw new Error(`the stream ended before its first status event: ${JSON.stringify(body)}`);
    body += decoder.decode(chunk.value, { stream: true });
  }

  await app.close();
  // A reset connection rejects the read instead of reporting done: that is a failure here too.
  const outcome = await (async () => {
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) return 'ended';
      body += decoder.decode(chunk.value, { stream: true });
    }
  })().catch((error: unknown) => `failed: ${String(error)}`);
  t.equal(outcome, 'ended', 'the response ended cleanly with the app');

  const frames = body.split('\n\n');
  t.equal(frames.pop(), '', 'the body ends on a frame boundary');
  t.equal(frames[0], 'retry: 3000', 'the retry hint comes first');
  const events = frames.slice(1).map((block) => block.split('\n'));
  t.equal(events.length, 1, 'then the current status, and nothing else before the end');
  t.strictSame(events[0]?.slice(0, 2), [`id: ${sequence}`, 'event: status']);
});
