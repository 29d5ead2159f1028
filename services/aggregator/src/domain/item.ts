/** A scalar copied from an event payload. */
export type Scalar = string | number | boolean | null;

/** An attribute value copied from an event payload: a scalar, or a list of them (e.g. categories). */
export type AttributeValue = Scalar | Scalar[];

/**
 * The aggregator's view of one domain item (a hazard, a rectification item…): the latest state
 * its events carried. Replaced, never mutated, on every change, so a snapshot can capture the
 * current items by reference while consumption goes on.
 */
export interface Item {
  /** `domain|type|id`, unique across domains. */
  readonly key: string;
  readonly domain: string;
  readonly type: string;
  readonly id: string;
  /** The aggregate version of the last event applied; older or equal events change nothing. */
  readonly version: number;
  readonly open: boolean;
  readonly enterprise: { readonly creditCode: string; readonly name: string | null } | null;
  readonly label: string | null;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  /** Time (epoch ms) of the last event applied. */
  readonly updatedAt: number;
  /** When the item was last closed (epoch ms), null while open. */
  readonly closedAt: number | null;
  readonly lastEventId: string;
}

/** What one state-carrying event says about its item. */
export interface ItemUpdate {
  domain: string;
  type: string;
  id: string;
  version: number;
  /** Only the attributes the policy keeps, as the event carried them. */
  attributes: Record<string, AttributeValue>;
  label?: string;
  enterprise?: { creditCode: string; name: string | null };
}

export function itemKey(domain: string, type: string, id: string): string {
  return `${domain}|${type}|${id}`;
}

/** A pointer to an item, as contributions, overrides and ZoneRiskStatusChanged carry it. */
export interface ItemRef {
  domain: string;
  aggregateType: string;
  aggregateId: string;
}

export function refOf(item: Pick<Item, 'domain' | 'type' | 'id'>): ItemRef {
  return { domain: item.domain, aggregateType: item.type, aggregateId: item.id };
}
