import { ManualClock } from '@zone-risk/calendar';
import { eventually } from '@zone-risk/testkit';
import t from 'tap';
import { type BusinessView, businessBody, creditCodeFor, register } from '../helpers/fixtures.ts';
import { json, officer, riskOffice, startService, supervisor } from '../helpers/service.ts';

interface GradeView {
  grade: string;
  score: number;
  trace: {
    static: { factor: string; points: number }[];
    staticPoints: number;
    dynamic: { factor: string; count: number | null; points: number }[];
    dynamicPoints: number;
    scoreGrade: string;
    overrides: { rule: string; grade: string }[];
    ruleSetVersion: number;
    day: string;
  };
}
interface RuleSetView {
  version: number;
  rules: Record<string, unknown> & {
    bands: { A: number; B: number; C: number };
    static: { kinds: Record<string, number> };
  };
  regrade: { pending: number };
}

t.test('businesses (经营主体), their grades and the rule set', async (t) => {
  const clock = new ManualClock('2026-03-10T02:00:00Z');
  const service = await startService(t, { clock });
  const { app, events } = service;
  const gradeOf = async (code: string) =>
    json<GradeView>(
      await app.inject({ method: 'GET', url: `/businesses/${code}/grade`, headers: await riskOffice() }),
    );
  const ruleSet = async () =>
    json<RuleSetView>(await app.inject({ method: 'GET', url: '/rule-set', headers: await riskOffice() }));
  const bandOf = (score: number, bands: RuleSetView['rules']['bands']) =>
    score <= bands.A ? 'A' : score <= bands.B ? 'B' : score <= bands.C ? 'C' : 'D';

  t.test('a registration is graded at once, and the trace adds up under the rule set in force', async (t) => {
    const response = await app.inject({
      method: 'POST',
      url: '/businesses',
      headers: await officer(),
      payload: businessBody(1, { categories: ['group-meal-delivery'] }),
    });
    t.equal(response.statusCode, 201);
    t.match(response.headers.etag, /\.v1"$/);
    const business = json<BusinessView>(response);
    const grade = await gradeOf(business.creditCode);
    const rules = await ruleSet();
    t.equal(rules.version, 1, 'the shipped default is version 1');
    t.equal(grade.trace.ruleSetVersion, 1);
    t.equal(grade.score, grade.trace.staticPoints + grade.trace.dynamicPoints);
    t.equal(
      grade.trace.staticPoints,
      Math.min(
        40,
        grade.trace.static.reduce((sum, f) => sum + f.points, 0),
      ),
    );
    t.ok(
      grade.trace.static.some((f) => f.factor === 'kind:catering'),
      'the kind is a factor',
    );
    t.equal(grade.trace.scoreGrade, bandOf(grade.score, rules.rules.bands));
    t.match(await events.waitFor('BusinessRegistered', business.creditCode), {
      data: {
        grade: grade.grade,
        score: grade.score,
        ruleSetVersion: 1,
        trace: { staticPoints: grade.trace.staticPoints },
      },
    });
  });

  t.test('the same registration again changes nothing; a changed one updates what differs', async (t) => {
    const first = await register(app, 2);
    const again = await app.inject({
      method: 'POST',
      url: '/businesses',
      headers: await officer(),
      payload: businessBody(2),
    });
    t.equal(again.statusCode, 200);
    t.equal(json<BusinessView>(again).version, first.version);
    const moved = await app.inject({
      method: 'POST',
      url: '/businesses',
      headers: await officer(),
      payload: businessBody(2, { address: '南京市江宁区西区新址1号' }),
    });
    t.equal(json<BusinessView>(moved).version, first.version + 1);
    t.match(await events.waitFor('BusinessDetailsUpdated', first.creditCode), {
      data: { changed: ['address'], via: 'api' },
    });
  });

  t.test('bad registrations are refused with the field at fault', async (t) => {
    const wrongCheck = await app.inject({
      method: 'POST',
      url: '/businesses',
      headers: await officer(),
      payload: businessBody(3, { creditCode: '91320113MA0000003A' }),
    });
    t.equal(wrongCheck.statusCode, 400);
    const licence = await app.inject({
      method: 'POST',
      url: '/businesses',
      headers: await officer(),
      payload: businessBody(3, { licence: { type: 'food-business', number: 'SC12345678901234' } }),
    });
    t.equal(licence.statusCode, 400);
    t.match(json(licence), { errors: [{ pointer: '/licence' }] });
    const kind = await app.inject({
      method: 'POST',
      url: '/businesses',
      headers: await officer(),
      payload: businessBody(3, { kind: 'drug-retail' }),
    });
    t.equal(kind.statusCode, 400, 'a drug retailer holds a drug licence');
  });

  t.test('a category with a minimum grade starts there, and the trace names the override', async (t) => {
    const business = await register(app, 4, { kind: 'unit-canteen', categories: ['school-canteen'] });
    const grade = await gradeOf(business.creditCode);
    const minimum = (await ruleSet()).rules.overrides as { categoryMinimum: Record<string, string> };
    const floor = minimum.categoryMinimum['school-canteen'];
    if (floor) {
      t.ok(grade.grade >= floor, `at least ${floor}`);
      if (grade.trace.scoreGrade < floor) t.match(grade.trace.overrides, [{ grade: floor }]);
    }
  });

  t.test(
    'complaints and penalties raise the dynamic risk at once; a moved grade publishes BusinessGradeChanged with both grades',
    async (t) => {
      const business = await register(app, 5, { kind: 'catering', categories: ['central-kitchen'] });
      let last = await gradeOf(business.creditCode);
      for (let i = 0; i < 12 && last.grade !== 'D'; i++) {
        const response = await app.inject({
          method: 'POST',
          url: `/businesses/${business.creditCode}/record`,
          headers: await officer(),
          payload:
            i % 2
              ? { kind: 'penalty', ref: `CF-${i}`, date: '2026-03-01' }
              : { kind: 'complaint', ref: `TS-${i}`, date: '2026-03-01', substantiated: true },
        });
        t.equal(response.statusCode, 200);
        const next = await gradeOf(business.creditCode);
        t.ok(next.score >= last.score, 'never lower');
        last = next;
      }
      t.not(last.grade, business.grade, 'the grade moved');
      const changed = await events.waitFor('BusinessGradeChanged', business.creditCode);
      t.match(changed, { data: { previousGrade: /^[A-D]$/, grade: /^[A-D]$/, trace: { dynamic: [{}] } } });
      t.ok(last.trace.dynamicPoints <= 60, 'the dynamic cap holds');
      const duplicate = await app.inject({
        method: 'POST',
        url: `/businesses/${business.creditCode}/record`,
        headers: await officer(),
        payload: { kind: 'complaint', ref: 'TS-0', date: '2026-03-01', substantiated: true },
      });
      t.equal(
        json<BusinessView>(duplicate).record.filter((e) => e.ref === 'TS-0').length,
        1,
        'the same entry counts once',
      );
      const rewritten = await app.inject({
        method: 'POST',
        url: `/businesses/${business.creditCode}/record`,
        headers: await officer(),
        payload: { kind: 'complaint', ref: 'TS-0', date: '2026-03-01', substantiated: false },
      });
      t.equal(rewritten.statusCode, 409, 'a posted entry is not rewritten');
      t.match(json(rewritten), { reason: 'entry-posted' });
      const unsubstantiated = await app.inject({
        method: 'POST',
        url: `/businesses/${business.creditCode}/record`,
        headers: await officer(),
        payload: { kind: 'complaint', date: '2026-03-02' },
      });
      t.equal(unsubstantiated.statusCode, 400, 'a complaint says whether it was substantiated');
    },
  );

  t.test(
    'the serious-violation list grades D whatever the score; off the list, back to the score',
    async (t) => {
      const business = await register(app, 6, { kind: 'food-sale' });
      const get = await app.inject({
        method: 'GET',
        url: `/businesses/${business.creditCode}`,
        headers: await riskOffice(),
      });
      const listed = await app.inject({
        method: 'POST',
        url: `/businesses/${business.creditCode}/serious-violation`,
        headers: { ...(await supervisor()), 'if-match': String(get.headers.etag) },
        payload: { listed: true, reason: '宁市监严失〔2026〕12号' },
      });
      t.equal(listed.statusCode, 200);
      const grade = await gradeOf(business.creditCode);
      t.equal(grade.grade, 'D');
      t.match(grade.trace.overrides, [{ grade: 'D' }]);
      t.match(await events.waitFor('BusinessGradeChanged', business.creditCode), {
        data: { previousGrade: business.grade, grade: 'D', seriousViolation: true },
      });
      const byOfficer = await app.inject({
        method: 'POST',
        url: `/businesses/${business.creditCode}/serious-violation`,
        headers: { ...(await officer()), 'if-match': '"2"' },
        payload: { listed: false, reason: 'x' },
      });
      t.equal(byOfficer.statusCode, 403, 'a supervisor decides the listing');
      const list = json<{ items: { creditCode: string }[] }>(
        await app.inject({
          method: 'GET',
          url: '/businesses?grade=D&seriousViolation=true',
          headers: await riskOffice(),
        }),
      );
      t.same(
        list.items.map((b) => b.creditCode),
        [business.creditCode],
      );
    },
  );

  t.test(
    'a new rule set re-grades every business in the background; an invalid one lists every problem',
    async (t) => {
      const current = await ruleSet();
      const invalid = await app.inject({
        method: 'PUT',
        url: '/rule-set',
        headers: await supervisor(),
        payload: {
          ...current.rules,
          bands: { A: 50, B: 40, C: 200 },
          followUpDays: 0,
          static: { ...(current.rules.static as object), cap: 90 },
        },
      });
      t.equal(invalid.statusCode, 400);
      const pointers = json<{ errors: { pointer: string }[] }>(invalid).errors.map((e) => e.pointer);
      for (const pointer of ['/bands/B', '/bands/C', '/followUpDays', '/dynamic/cap']) {
        t.ok(
          pointers.some((p) => p.startsWith(pointer)),
          `${pointer} is named among ${pointers.join(' ')}`,
        );
      }

      const harsher = {
        ...current.rules,
        name: '更严格的测试规则',
        bands: { A: 5, B: 10, C: 15 },
      };
      const etag = (await app.inject({ method: 'GET', url: '/rule-set', headers: await riskOffice() }))
        .headers.etag;
      const replaced = await app.inject({
        method: 'PUT',
        url: '/rule-set',
        headers: { ...(await supervisor()), 'if-match': String(etag) },
        payload: harsher,
      });
      t.equal(replaced.statusCode, 200, replaced.body);
      t.equal(json<RuleSetView>(replaced).version, 2);
      // The background work is followed by its own measure: the businesses still graded under v1.
      await eventually(async () => {
        if ((await ruleSet()).regrade.pending > 0) throw new Error('businesses are still graded under v1');
      });
      const first = await gradeOf(creditCodeFor(1));
      t.equal(first.trace.ruleSetVersion, 2);
      t.equal(first.trace.scoreGrade, bandOf(first.score, harsher.bands), 'graded by the new bands');
      const stale = await app.inject({
        method: 'PUT',
        url: '/rule-set',
        headers: { ...(await supervisor()), 'if-match': String(etag) },
        payload: harsher,
      });
      t.equal(stale.statusCode, 412, 'a replacement based on an old version is refused');
      const history = json<{ versions: { version: number }[] }>(
        await app.inject({ method: 'GET', url: '/rule-set/history', headers: await riskOffice() }),
      );
      t.same(
        history.versions.map((v) => v.version),
        [2, 1],
      );
    },
  );
});
