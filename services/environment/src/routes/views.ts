import type { z } from 'zod';
import { derive, type Item, needsProvincialAcceptance } from '../domain/item.ts';
import { allowedActions } from '../domain/machine.ts';
import type { itemView } from './schemas.ts';

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

export const itemUrl = (id: string) => `/items/${encodeURIComponent(id)}`;

export function toItemView(item: Item): z.input<typeof itemView> {
  const acceptance = (a: Item['acceptances']['city']) => a && { ...a, at: a.at.toISOString() };
  return {
    id: item.id,
    source: item.source,
    batch: item.batch,
    code: item.code,
    problem: item.problem,
    category: item.category,
    severity: item.severity,
    responsibleUnit: item.responsibleUnit,
    enterprise: item.enterprise,
    measures: item.measures,
    target: item.target,
    deadline: item.deadline,
    status: item.status,
    // `close` is the sweeper's, at the end of the notice window: not something a client does.
    allowedActions: allowedActions(item.status).filter((action) => action !== 'close'),
    overdue: derive(item).overdue,
    provincialAcceptanceRequired: needsProvincialAcceptance(item.source),
    progress: item.progress,
    reports: item.reports.map((report) => ({
      ...report,
      reportedAt: report.reportedAt.toISOString(),
      evidence: report.evidence.map((file) => ({ ...file, url: `${itemUrl(item.id)}/evidence/${file.id}` })),
    })),
    acceptances: { city: acceptance(item.acceptances.city), province: acceptance(item.acceptances.province) },
    notice: item.notice && {
      ...item.notice,
      publishedAt: item.notice.publishedAt.toISOString(),
      endsAt: item.notice.endsAt.toISOString(),
    },
    via: item.via,
    importId: item.importId,
    registeredBy: item.registeredBy,
    registeredAt: item.registeredAt.toISOString(),
    acceptanceRequestedAt: iso(item.acceptanceRequestedAt),
    closedAt: iso(item.closedAt),
    returns: item.returns,
    objections: item.objections,
    recurrences: item.recurrences,
    version: item.version,
  };
}
