import type { Caller as DomainCaller, WriteContext } from '@zone-risk/domain-service';
import type { EnvironmentData } from '../data/collections.ts';
import type { Person } from '../domain/item.ts';

/** What the commands need: the store, the time, the zone, the policy, and a way to wake the relay. */
export interface EnvironmentContext extends WriteContext {
  data: EnvironmentData;
  /** Length of a public notice in working days. */
  noticeWorkingDays: number;
}

/** Who asks, and the id that ties the events of this request together. */
export type Caller = DomainCaller<Person>;
