/** What every event of one command shares: where, why and when. */
export interface EventContext {
  zoneId: string;
  /** The request id, the import id or the sweep's id: shared by every event one cause produces. */
  correlationId: string;
  time: Date;
}

export const SOURCE = '/services/environment';
