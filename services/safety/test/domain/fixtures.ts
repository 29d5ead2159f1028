import { reportHazard } from '../../src/domain/decisions.ts';
import type { Hazard } from '../../src/domain/hazard.ts';
import type { HazardStatus } from '../../src/domain/machine.ts';

export const NOW = new Date('2026-05-06T02:00:00Z'); // 10:00 in the zone
export const inspector = { id: 'insp-wang', name: '王磊' };
export const supervisor = { id: 'sup-chen', name: '陈静' };

/** A hazard in any state, built by hand (the machine decides transitions, not this fixture). */
export function hazardIn(status: HazardStatus, overrides: Partial<Hazard> = {}): Hazard {
  const { state: hazard } = reportHazard(
    {
      id: 'hz-1',
      zoneId: 'demo-zone',
      enterprise: { creditCode: '91320113MA1MB6AT2R', name: '南京瑞丰精细化工有限公司' },
      location: '2号车间',
      description: '除尘器未设泄爆装置',
      category: 'equipment',
      grade: 'major',
      basis: { standard: '工贸企业重大事故隐患判定标准', clause: '干式除尘系统未采取泄爆等措施' },
    },
    inspector,
    NOW,
  );
  const planned = {
    plan: {
      measures: '加装泄爆片',
      responsiblePerson: { id: 'ent-zhao', name: '赵刚' },
      funds: 100_000,
      deadline: '2026-05-31',
      plannedBy: inspector,
      plannedAt: NOW,
    },
    deadline: '2026-05-31',
  };
  const extras: Partial<Hazard> =
    status === 'reported'
      ? {}
      : status === 'extension-requested'
        ? {
            ...planned,
            extension: {
              requestedDeadline: '2026-06-30',
              reason: '设备到货延迟',
              requestedBy: inspector,
              requestedAt: NOW,
            },
          }
        : status === 'closed'
          ? { ...planned, closedAt: NOW }
          : planned;
  return { ...hazard, status, ...extras, ...overrides };
}
