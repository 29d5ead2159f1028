import { InvalidInput } from '@zone-risk/domain-service/domain';
import t from 'tap';
import { BUILTIN_TEMPLATES } from '../../src/domain/builtin-templates.ts';
import { checkInspection, type InspectionInput } from '../../src/domain/inspection.ts';
import { type ChecklistTemplate, validateTemplateContent } from '../../src/domain/template.ts';
import { NOW } from './fixtures.ts';

const content = BUILTIN_TEMPLATES.find((tpl) => tpl.code === 'confined-spaces');
if (!content) throw new Error('confined-spaces template missing');
const template: ChecklistTemplate = {
  ...content,
  id: 'confined-spaces@1',
  version: 1,
  builtIn: true,
  used: true,
  createdBy: { id: 'system' },
  createdAt: NOW,
};
const passAll = content.items.map((item) => ({ itemCode: item.code, result: 'pass' as const }));
const input = (overrides: Partial<InspectionInput> = {}): InspectionInput => ({
  enterprise: { creditCode: '91320113MA1MB6AT2R', name: '南京瑞丰精细化工有限公司' },
  type: 'routine',
  date: '2026-05-06',
  inspectors: [{ id: 'a' }, { id: 'b' }],
  templateId: template.id,
  results: passAll,
  ...overrides,
});

function errorsOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidInput) return error.fields.map((e) => e.pointer);
    throw error;
  }
  return [];
}

t.test('every built-in template is valid and each major item names its clause', async (t) => {
  t.same(
    BUILTIN_TEMPLATES.map((tpl) => tpl.code),
    ['general-workplace', 'hazardous-chemicals-storage', 'dust-explosion', 'confined-spaces', 'fire-safety'],
  );
  for (const tpl of BUILTIN_TEMPLATES) t.doesNotThrow(() => validateTemplateContent(tpl), tpl.code);
});

t.test('an official inspection needs two different inspectors; a self-check does not', async (t) => {
  t.same(
    errorsOf(() => checkInspection(input({ inspectors: [{ id: 'a' }, { id: 'a' }] }), template, NOW)),
    ['/inspectors'],
  );
  t.same(
    errorsOf(() => checkInspection(input({ type: 'self-check', inspectors: [{ id: 'a' }] }), template, NOW)),
    [],
  );
});

t.test('every item is answered exactly once, and only items of the template', async (t) => {
  const [first, ...rest] = passAll;
  t.same(
    errorsOf(() => checkInspection(input({ results: rest }), template, NOW)),
    ['/results'],
  );
  t.same(
    errorsOf(() =>
      checkInspection(input({ results: [...passAll, { itemCode: 'XX-01', result: 'pass' }] }), template, NOW),
    ),
    ['/results/7/itemCode'],
  );
  t.same(
    errorsOf(() => checkInspection(input({ results: [...passAll, first as never] }), template, NOW)),
    ['/results/7/itemCode'],
  );
});

t.test('a failed item needs a note; its grade and basis come from the template', async (t) => {
  const results = passAll.map((r) => (r.itemCode === 'CS-02' ? { ...r, result: 'fail' as const } : r));
  t.same(
    errorsOf(() => checkInspection(input({ results }), template, NOW)),
    ['/results/1/note'],
  );
  const failures = checkInspection(
    input({ results: results.map((r) => (r.itemCode === 'CS-02' ? { ...r, note: '未检测即进入' } : r)) }),
    template,
    NOW,
  );
  t.match(failures, [
    { item: { code: 'CS-02' }, grade: 'major', basis: { standard: /工贸企业重大事故隐患判定标准/ } },
  ]);
});

t.test('an inspection dated in the future is refused', async (t) => {
  t.same(
    errorsOf(() => checkInspection(input({ date: '2026-05-07' }), template, NOW)),
    ['/date'],
  );
});
