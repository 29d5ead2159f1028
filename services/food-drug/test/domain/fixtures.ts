import type { DisposalCase } from '../../src/domain/disposal-case.ts';

export const NOW = new Date('2026-03-10T02:00:00Z'); // 10:00 in the zone, a Tuesday
export const officer = { id: 'fd-liu', name: '刘洋' };
export const supervisor = { id: 'fd-gao', name: '高峰' };
export const business: DisposalCase['business'] = {
  creditCode: '91320113MA1MB6AT2R',
  name: '南京瑞丰团餐管理有限公司',
  kind: 'catering',
  categories: ['school-canteen'],
};

export function caseIn(status: DisposalCase['status'], overrides: Partial<DisposalCase> = {}): DisposalCase {
  return {
    id: 'case-smp-1',
    zoneId: 'demo-zone',
    business,
    cause: { kind: 'sample', ref: 'smp-1' },
    status,
    deadline: '2026-06-08',
    retestUntil: '2026-03-17',
    overdue: false,
    officer: status === 'opened' ? null : officer,
    measures: status === 'measures-recorded' ? ['stop-sale'] : [],
    entries: [],
    retest: status === 'retest-requested' ? { lab: '省检院', qualified: null, report: null } : null,
    evidence: [],
    closedAs: status === 'closed' ? 'handled' : null,
    outcome: null,
    closedBy: null,
    closedAt: null,
    openedBy: officer,
    openedAt: new Date('2026-03-09T02:00:00Z'),
    version: 3,
    ...overrides,
  };
}

/** What `run` throws (undefined when it does not). */
export function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
