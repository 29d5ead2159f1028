import { reportHazard } from '../src/domain/decisions.ts';
import { derive } from '../src/domain/hazard.ts';

const DAY = 86_400_000;

/** Closed hazards shaped like the service's own documents, to grow the collection in bulk. */
export function fillerHazards(from: number, count: number): Record<string, unknown>[] {
  const docs: Record<string, unknown>[] = [];
  for (let i = from; i < from + count; i++) {
    const reportedAt = new Date(Date.now() - (400 - (i % 365)) * DAY);
    const { state: hazard } = reportHazard(
      {
        id: `hz-filler-${i}`,
        zoneId: 'demo-zone',
        enterprise: { creditCode: '91320113MA1MB6AT2R', name: '南京瑞丰精细化工有限公司' },
        location: `${(i % 9) + 1}号车间`,
        description: '防护罩缺失，传动部位外露',
        category: 'equipment',
        grade: i % 10 === 0 ? 'major' : 'general',
        basis: i % 10 === 0 ? { standard: '工贸企业重大事故隐患判定标准', clause: '示例' } : null,
      },
      { id: 'filler' },
      reportedAt,
    );
    const {
      id,
      version: _version,
      ...closed
    } = {
      ...hazard,
      status: 'closed' as const,
      deadline: null,
      closedAt: new Date(reportedAt.getTime() + 9 * DAY),
    };
    docs.push({
      _id: id,
      ...closed,
      ...derive({ ...hazard, ...closed }),
      history: [],
      _version: 4,
      _outboxPending: false,
    });
  }
  return docs;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(index, 0)] ?? Number.NaN;
}
