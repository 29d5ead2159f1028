import type { CompiledPolicy } from './compiled-policy.ts';

/**
 * How far the consumer checked an event: against its contract (a type the contracts registry
 * knows) or, for a type this build does not know, its CloudEvents envelope only.
 */
export type EventCheck = 'contract' | 'envelope';

/**
 * What the aggregator does with a checked event, decided in this order:
 * - `other-zone`: an event of another zone (`zoneid` ≠ the aggregator's): ignored, whatever its type
 *   or domain — it is neither taken nor counted as a skipped domain;
 * - `contract`: a known type, validated in full: applied as always;
 * - `listed-domain`: an unknown type of a domain the policy lists: applied, its `data` read as
 *   the item's state like any event's — a new domain joins with `PUT /policy`, without a release;
 * - `unlisted-domain`: an unknown type of a domain the policy does not list: skipped (counted,
 *   neither applied nor dead-lettered). A later policy listing the domain takes the events that
 *   come after it; a rebuild replays the earlier ones.
 */
export type Admission = 'other-zone' | 'contract' | 'listed-domain' | 'unlisted-domain';

/** `safety` for `zone.safety.HazardReported.v1`; '' when the type has no second segment. */
export function domainOf(type: string): string {
  const first = type.indexOf('.');
  if (first < 0) return '';
  const second = type.indexOf('.', first + 1);
  return second < 0 ? type.slice(first + 1) : type.slice(first + 1, second);
}

/**
 * Decided with the policy in force when the event is applied (it changes with PUT /policy), by the
 * live consumer and the offline rebuild alike.
 */
export function admission(
  event: { type: string; zoneid: string },
  check: EventCheck,
  policy: CompiledPolicy,
  zoneId: string,
): Admission {
  if (event.zoneid !== zoneId) return 'other-zone';
  if (check === 'contract') return 'contract';
  return policy.domains.includes(domainOf(event.type)) ? 'listed-domain' : 'unlisted-domain';
}
