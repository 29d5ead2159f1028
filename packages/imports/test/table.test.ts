import t from 'tap';
import { headerText, mapHeader } from '../src/table.ts';

// The columns of the environment ledger, where the header rules were first needed.
const COLUMNS = [
  { key: 'batch', zh: '批次', en: 'batch', required: true },
  { key: 'code', zh: '编号', en: 'code', required: true },
  { key: 'source', zh: '来源', en: 'source', required: true },
  { key: 'responsibleUnit', zh: '责任单位', en: 'responsible unit', required: true },
  { key: 'enterpriseName', zh: '企业名称', en: 'enterprise name', required: false },
  { key: 'deadline', zh: '整改时限', en: 'deadline', required: true },
] as const;

t.test('headers are recognised in Chinese, English, both, or by key, in any order', async (t) => {
  const header = mapHeader(COLUMNS, [
    '编号',
    'Batch',
    '来源 / source',
    'responsible unit',
    '整改时限',
    '备注',
  ]);
  t.same(header.missing, []);
  t.same(header.duplicated, []);
  t.same(header.columns, ['code', 'batch', 'source', 'responsibleUnit', 'deadline', undefined]);
  t.equal(header.columns.at(-1), undefined, 'an unknown column is ignored');
  t.same(
    mapHeader(COLUMNS, ['responsible_unit', 'RESPONSIBLEUNIT', '（整改时限）', ' enterprise  name ']).columns,
    ['responsibleUnit', 'responsibleUnit', 'deadline', 'enterpriseName'],
    'case, spaces, underscores and brackets do not count; the key names its column too',
  );
});

t.test(
  'required columns not named are missing; an optional one is not; a column named twice is duplicated',
  async (t) => {
    t.same(mapHeader(COLUMNS, ['编号', '批次']).missing, ['source', 'responsibleUnit', 'deadline']);
    const twice = mapHeader(COLUMNS, ['编号', 'code', '批次', '来源', '责任单位', '整改时限']);
    t.same(twice.duplicated, ['code']);
    t.same(twice.missing, []);
    t.same(mapHeader(COLUMNS, []).missing, ['batch', 'code', 'source', 'responsibleUnit', 'deadline']);
  },
);

t.test('the template writes a header as "zh / en", and it reads back as its column', async (t) => {
  const written = COLUMNS.map(headerText);
  t.equal(written[3], '责任单位 / responsible unit');
  t.same(
    mapHeader(COLUMNS, written).columns,
    COLUMNS.map((c) => c.key),
  );
});
