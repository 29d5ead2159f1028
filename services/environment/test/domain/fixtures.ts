import type { Item, Source } from '../../src/domain/item.ts';
import type { ItemStatus } from '../../src/domain/machine.ts';

export const NOW = new Date('2026-05-06T02:00:00Z'); // a Wednesday, 10:00 in the zone
export const staff = { id: 'env-li', name: '李娜' };
export const supervisor = { id: 'env-zhou', name: '周强' };

/** An item in `status`, with the facts that state implies (100 % reported, acceptances, a notice). */
export function itemIn(status: ItemStatus, source: Source = 'self-found'): Item {
  const provincial = source === 'central-inspection' || source === 'provincial-inspection';
  const accepted = ['accepted', 'public-notice', 'closed'].includes(status);
  const acceptance = { by: supervisor, at: NOW, note: null };
  return {
    id: 'env-1',
    zoneId: 'demo-zone',
    source,
    batch: 'B1',
    code: 'C1',
    problem: 'p',
    category: 'water',
    severity: 'general',
    responsibleUnit: 'u',
    enterprise: null,
    measures: 'm',
    target: 't',
    deadline: '2026-06-30',
    status,
    progress: status === 'pending' ? 0 : 100,
    reports: [],
    acceptances: {
      city: status === 'city-accepted' || accepted ? acceptance : null,
      province: provincial && accepted ? acceptance : null,
    },
    notice:
      status === 'public-notice'
        ? {
            publishedAt: NOW,
            endsAt: new Date('2026-05-15T16:00:00Z'),
            workingDays: 7,
            channel: null,
            publishedBy: supervisor,
          }
        : null,
    via: 'api',
    importId: null,
    registeredBy: staff,
    registeredAt: NOW,
    acceptanceRequestedAt: null,
    closedAt: status === 'closed' ? NOW : null,
    deadlinePassed: false,
    returns: 0,
    objections: 0,
    recurrences: 0,
    contentHash: 'hash-of-the-registered-content',
    version: 3,
  };
}
