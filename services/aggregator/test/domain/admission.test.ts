import t from 'tap';
import { admission, domainOf } from '../../src/domain/admission.ts';
import { compilePolicy } from '../../src/domain/compiled-policy.ts';
import { defaultPolicy } from '../../src/domain/default-policy.ts';
import { type PolicyInput, policyInputSchema } from '../../src/domain/policy.ts';
import { projectEvent } from '../../src/domain/project.ts';
import { ReadModel } from '../../src/domain/read-model.ts';
import { computeStatus } from '../../src/domain/status.ts';
import { heartbeat, reported, ZONE } from '../helpers/hazards.ts';
import {
  DISPUTE_EVENT_TYPE,
  DISPUTE_ITEM_TYPE,
  disputeChanged,
  NEW_DOMAIN,
  withStabilityDomain,
} from '../helpers/new-domain.ts';

const compiled = (policy: PolicyInput, version = 1) =>
  compilePolicy({ ...policyInputSchema.parse(policy), version });

/** What `admission` reads of an event: its type, and the zone it belongs to (here ours). */
const ours = (type: string) => ({ type, zoneid: ZONE });

t.test('the domain of an event is the second segment of its type', async (t) => {
  t.equal(domainOf('zone.safety.HazardReported.v1'), 'safety');
  t.equal(domainOf('zone.food-drug.DisposalCaseOpened.v2'), 'food-drug');
  t.equal(domainOf('zone.debt.DebtIndicatorsChanged.v1'), 'debt');
  t.equal(domainOf('zone.stability'), 'stability');
  t.equal(domainOf('zone'), '');
});

t.test('an event its contract validated is taken, whatever its domain', async (t) => {
  const policy = compiled(defaultPolicy);
  t.equal(admission(ours('zone.safety.HazardReported.v1'), 'contract', policy, ZONE), 'contract');
  t.equal(
    admission(ours('zone.platform.ServiceHeartbeat.v1'), 'contract', policy, ZONE),
    'contract',
    'heartbeats of any domain',
  );
});

t.test(
  'a type without a contract is taken when the policy lists its domain, skipped when it does not',
  async (t) => {
    const before = compiled(defaultPolicy);
    const after = compiled(withStabilityDomain(defaultPolicy), 2);
    t.equal(admission(ours(DISPUTE_EVENT_TYPE), 'envelope', before, ZONE), 'unlisted-domain');
    t.equal(
      admission(ours(DISPUTE_EVENT_TYPE), 'envelope', after, ZONE),
      'listed-domain',
      'once PUT /policy lists stability',
    );
    t.equal(
      admission(ours('zone.safety.HazardReported.v9'), 'envelope', before, ZONE),
      'listed-domain',
      'an unknown version of a listed domain is read like any other type of it',
    );
  },
);

t.test(
  'an event of another zone is ignored as other-zone before any decision on its type or domain',
  async (t) => {
    const unlisted = compiled(defaultPolicy);
    const listed = compiled(withStabilityDomain(defaultPolicy), 2);
    const elsewhere = disputeChanged({ id: 'dp-1', version: 1, involved: 90, zoneid: 'other-zone' });
    t.equal(
      admission(elsewhere, 'envelope', unlisted, ZONE),
      'other-zone',
      'an unknown type of an unlisted domain is not counted as a skipped domain',
    );
    t.equal(
      admission(elsewhere, 'envelope', listed, ZONE),
      'other-zone',
      'nor taken when its domain is listed',
    );
    const knownElsewhere = { ...reported({ id: 'hz-1', version: 1, grade: 'major' }), zoneid: 'other-zone' };
    t.equal(
      admission(knownElsewhere, 'contract', unlisted, ZONE),
      'other-zone',
      'a contract type of it neither',
    );
    t.same(
      projectEvent(elsewhere, listed, ZONE),
      { kind: 'ignored', reason: 'other-zone' },
      'and the read model ignores it',
    );
    const model = new ReadModel(listed, 3);
    model.apply(projectEvent(elsewhere, listed, ZONE));
    t.equal(model.items.size, 0, 'no item is held for it');
  },
);

t.test('an envelope-only event of a listed domain becomes an item from its top-level scalars', async (t) => {
  const model = new ReadModel(compiled(withStabilityDomain(defaultPolicy), 2), 3);
  const event = disputeChanged({ id: 'dp-1', version: 1, involved: 25 });
  const fact = projectEvent(event, model.compiled, 'demo-zone');
  t.match(fact, {
    kind: 'item',
    domain: NEW_DOMAIN,
    update: {
      type: DISPUTE_ITEM_TYPE,
      id: 'dp-1',
      version: 1,
      attributes: { involved: 25, status: 'open' },
      label: '矛盾纠纷 dp-1',
    },
  });
  model.apply(projectEvent(heartbeat(NEW_DOMAIN), model.compiled, 'demo-zone'));
  model.apply(fact);
  const stability = computeStatus(model, { now: Date.now() }).domains[NEW_DOMAIN];
  t.match(stability, {
    level: 'significant',
    contributions: [{ rule: 'stability.involved', value: 25 }],
  });

  const odd = { ...disputeChanged({ id: 'dp-2', version: 1, involved: 1 }), data: 'not an object' };
  const oddFact = projectEvent(odd, model.compiled, 'demo-zone');
  t.equal(oddFact.kind, 'item');
  t.same(
    oddFact.kind === 'item' ? oddFact.update.attributes : null,
    {},
    'data that is not an object carries no attributes',
  );
});
