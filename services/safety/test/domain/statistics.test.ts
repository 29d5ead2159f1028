import t from 'tap';
import { figuresOf, median, statisticsOf } from '../../src/domain/statistics.ts';

const a = { creditCode: '91320113MA1MB6AT2R', name: 'A' };
const b = { creditCode: '91320113MA1MB6AT2X', name: 'B' };
const day = (d: number) => new Date(Date.UTC(2026, 0, d));

t.test('the median of an even count is the mean of the middle two', async (t) => {
  t.equal(median([]), null);
  t.equal(median([5, 1, 3]), 3);
  t.equal(median([4, 1, 3, 10]), 3.5);
});

t.test('figures count by status and grade, and closure is over the closed ones', async (t) => {
  const hazards = [
    {
      enterprise: a,
      status: 'closed' as const,
      grade: 'major' as const,
      overdue: false,
      supervised: true,
      reportedAt: day(1),
      closedAt: day(3),
    },
    {
      enterprise: a,
      status: 'closed' as const,
      grade: 'general' as const,
      overdue: false,
      supervised: false,
      reportedAt: day(1),
      closedAt: day(8),
    },
    {
      enterprise: b,
      status: 'rectifying' as const,
      grade: 'general' as const,
      overdue: true,
      supervised: false,
      reportedAt: day(2),
      closedAt: null,
    },
  ];
  const zone = figuresOf(hazards);
  t.match(zone, {
    total: 3,
    closed: 2,
    overdue: 1,
    supervised: 1,
    closureRate: 0.6667,
    medianDaysToClose: 4.5,
  });
  t.same(zone.byGrade, { general: 2, major: 1 });
  t.equal(zone.byStatus.rectifying, 1);
  const stats = statisticsOf(hazards);
  t.same(
    stats.enterprises.map((e) => [e.enterprise.name, e.total, e.closed]),
    [
      ['B', 1, 0],
      ['A', 2, 2],
    ],
    'most open first',
  );
  t.equal(figuresOf([]).closureRate, null);
});
