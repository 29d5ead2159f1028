/** The `source` of every event this service produces. */
export const SOURCE = '/services/safety';
