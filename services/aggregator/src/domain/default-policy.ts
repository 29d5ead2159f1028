import { debtDomain, debtOverrides } from './default-policy/debt.ts';
import { environmentDomain, environmentOverrides } from './default-policy/environment.ts';
import { foodDrugDomain, foodDrugOverrides } from './default-policy/food-drug.ts';
import { safetyDomain, safetyOverrides } from './default-policy/safety.ts';
import type { PolicyInput } from './policy.ts';

/**
 * The policy shipped with the service, stored as version 1 on first start. It encodes DOMAIN.md
 * for every domain that publishes: workplace safety, environmental rectification, food and drug
 * supervision and debt reduction, one file each under `default-policy/`; the numbers are
 * judgement calls, documented in the README and meant to be tuned by the risk office with PUT
 * /policy. A deployment that stored an earlier default keeps it: the shipped default reaches it
 * only through PUT /policy. Every domain listed here must have a service beating on its topic: a
 * silent one stays `unknown` and, with `hide-low`, keeps the zone from ever showing blue.
 */
export const defaultPolicy: PolicyInput = {
  description:
    'Default policy: workplace safety hidden hazards, environmental rectification items, food and drug disposal cases, business grades and sampling, debt instruments and the debt indicators (DOMAIN.md §1–§5)',
  // The domain services beat every 10 s: two minutes is twelve missed beats, enough
  // to ride out a restart or a Kafka hiccup without flashing grey.
  stalenessSeconds: 120,
  scoreFloors: { low: 0, general: 25, significant: 50, major: 75 },
  domains: {
    safety: safetyDomain,
    environment: environmentDomain,
    'food-drug': foodDrugDomain,
    debt: debtDomain,
  },
  zone: {
    unknownDomains: 'hide-low',
    overrides: [...safetyOverrides, ...environmentOverrides, ...foodDrugOverrides, ...debtOverrides],
  },
};
