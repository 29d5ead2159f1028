import t from 'tap';
import { contentHash, itemId, parseLedgerRow } from '../../src/domain/ledger.ts';
import { creditCodeFor } from '../helpers/fixtures.ts';

const row = (overrides: Record<string, string> = {}) => ({
  batch: 'B1',
  code: 'ZY-001',
  source: '中央生态环境保护督察',
  category: '碧水',
  severity: '重大',
  problem: '出水总氮超标',
  responsibleUnit: '生态环境分局',
  enterpriseCreditCode: '',
  enterpriseName: '',
  measures: '提标改造',
  target: '一级A',
  deadline: '2026/6/30',
  ...overrides,
});

t.test('a good row becomes an item content; labels become values and dates are normalised', async (t) => {
  const result = parseLedgerRow(row({ enterpriseCreditCode: creditCodeFor(3), enterpriseName: '某公司' }), 2);
  t.match(result, {
    ok: true,
    row: {
      source: 'central-inspection',
      category: 'water',
      severity: 'major',
      deadline: '2026-06-30',
      enterprise: { name: '某公司' },
    },
  });
});

t.test('a bad row lists every reason, with its line and field', async (t) => {
  const result = parseLedgerRow(
    row({ source: '媒体曝光', deadline: '2026-02-30', enterpriseCreditCode: '91320113MA1MB6AT2X', code: '' }),
    7,
  );
  t.equal(result.ok, false);
  if (result.ok) return;
  t.same(result.errors.map((e) => [e.line, e.field]).sort(), [
    [7, 'code'],
    [7, 'deadline'],
    [7, 'enterpriseCreditCode'],
    [7, 'source'],
  ]);
  t.match(result.errors.find((e) => e.field === 'source')?.reason, /中央生态环境保护督察/);
  const nameless = parseLedgerRow(row({ enterpriseCreditCode: creditCodeFor(4) }), 3);
  t.match(nameless, { ok: false, errors: [{ field: 'enterpriseName' }] });
});

t.test('the id derives from batch and code; the hash from the whole content', async (t) => {
  t.equal(itemId('B1', 'C1'), itemId('B1', 'C1'));
  t.not(itemId('B1', 'C1'), itemId('B2', 'C1'));
  const a = parseLedgerRow(row(), 2);
  const b = parseLedgerRow(row({ target: '一级A标准' }), 2);
  if (!a.ok || !b.ok) throw new Error('rows should parse');
  t.not(contentHash(a.row), contentHash(b.row));
  t.equal(contentHash(a.row), contentHash({ ...a.row }));
});
