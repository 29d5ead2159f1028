import { type Envelope, serviceHeartbeat } from '@zone-risk/contracts';
import { domainOf } from './admission.ts';
import { type CompiledPolicy, typeKey } from './compiled-policy.ts';
import type { AttributeValue, ItemUpdate, Scalar } from './item.ts';

/** What one event means to the aggregator. */
export type Fact =
  /** A service is alive and publishing for `domain`. */
  | { kind: 'heartbeat'; domain: string; at: number; eventId: string }
  /** The new state of an item the policy tracks. */
  | { kind: 'item'; domain: string; at: number; eventId: string; update: ItemUpdate }
  /** Any other event of a domain (an inspection, an item type no rule reads): freshness only. */
  | { kind: 'activity'; domain: string; at: number; eventId: string }
  | { kind: 'ignored'; reason: 'other-zone' | 'own-status' };

function isScalar(value: unknown): value is Scalar {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** A scalar, or a list of scalars (a business's categories): what an attribute may keep. */
function isAttributeValue(value: unknown): value is AttributeValue {
  return isScalar(value) || (Array.isArray(value) && value.every(isScalar));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// A null on the way is a null at the end: the debt indicators' `task: null` (no task set this year)
// must clear `behindBp`, not leave the previous event's value in place. Only what is absent (not
// carried) is undefined.
function valueAt(data: Record<string, unknown>, path: readonly string[]): unknown {
  let value: unknown = data;
  for (const segment of path) {
    if (value === null) return null;
    if (!isRecord(value)) return undefined;
    value = value[segment];
  }
  return value;
}

function enterpriseOf(data: Record<string, unknown>, path: readonly string[]): ItemUpdate['enterprise'] {
  const enterprise = valueAt(data, path);
  if (!isRecord(enterprise) || typeof enterprise.creditCode !== 'string') return undefined;
  return {
    creditCode: enterprise.creditCode,
    name: typeof enterprise.name === 'string' ? enterprise.name : null,
  };
}

/**
 * Reads an event: validated against its contract, or — a type this build does not know, of a
 * domain the policy lists (see `admission`) — against its envelope only, so nothing is assumed of
 * its `data` but what is read here: the attributes the item type keeps (scalars or lists of them,
 * top-level by name or at the nested path its `from` gives), and the enterprise. The domain is the
 * one in the event type, `zone.<domain>.<Name>.vN`, so a new domain needs no code here: its item
 * types and rules come from the policy, by aggregate type. By convention an item's enterprise is
 * `data.enterprise.creditCode` (and `.name`), the key that joins one enterprise across domains; an
 * item type names another field (`business`, or `.` for the payload itself) with `enterprise`.
 *
 * `appendedAt` is when the broker took the event (the Kafka record timestamp): freshness and the
 * retention of closed items run on it rather than on the event's `time`, which a service's own clock
 * sets — a clock ahead (CLOCK_SHIFT_DAYS in a demo, a host's drift) would otherwise keep a domain
 * "fresh" long after it fell silent. A replay reads the same timestamps, so a rebuild still equals
 * the live model. Without it (tests of the pure model), the event's time.
 */
export function projectEvent(
  event: Envelope,
  policy: CompiledPolicy,
  zoneId: string,
  appendedAt?: number,
): Fact {
  if (event.zoneid !== zoneId) return { kind: 'ignored', reason: 'other-zone' };
  const at = appendedAt !== undefined && Number.isFinite(appendedAt) ? appendedAt : Date.parse(event.time);
  if (event.type === serviceHeartbeat.type) {
    const data = event.data as { domain: string; sentAt: string };
    return { kind: 'heartbeat', domain: data.domain, at: Date.parse(data.sentAt), eventId: event.id };
  }
  const domain = domainOf(event.type);
  if (domain === 'risk') return { kind: 'ignored', reason: 'own-status' };
  const spec = policy.itemTypes.get(typeKey(domain, event.aggregatetype));
  const data = isRecord(event.data) ? event.data : {};
  if (!spec) return { kind: 'activity', domain, at, eventId: event.id };

  const attributes: Record<string, AttributeValue> = {};
  for (const [name, path] of spec.paths) {
    const value = valueAt(data, path);
    if (value !== undefined && isAttributeValue(value)) attributes[name] = value;
  }
  const update: ItemUpdate = {
    domain,
    type: event.aggregatetype,
    id: event.aggregateid,
    version: event.aggregateversion,
    attributes,
  };
  const label = spec.label === undefined ? undefined : data[spec.label];
  if (typeof label === 'string') update.label = label;
  const enterprise = enterpriseOf(data, spec.enterprise);
  if (enterprise) update.enterprise = enterprise;
  return { kind: 'item', domain, at, eventId: event.id, update };
}
