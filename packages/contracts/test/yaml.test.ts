import t from 'tap';
import { parse } from 'yaml';
import { toYaml } from '../src/yaml.ts';

t.test('strings YAML would read as something else are quoted and read back as strings', async (t) => {
  const tricky = [
    'yes',
    'No',
    'null',
    '~',
    'true',
    '1.0',
    '3.0.0',
    '0x1F',
    '',
    ' padded ',
    'a: b',
    '#x',
    '- x',
    '*a',
    '&a',
    '!t',
    '%d',
    '@x',
    '`x`',
    '{x}',
    '[x]',
    "'x'",
    '"x"',
    'a\nb',
    'tab\there',
    '中文 (安全生产)',
    '\u2028',
    'zone.safety.events',
    '$ref',
    '#/components/messages/x',
  ];
  const value = { list: tricky, map: Object.fromEntries(tricky.map((s) => [s, s])) };
  t.strictSame(parse(toYaml(value)), value);
});

t.test('nested collections, empty ones and scalars round-trip', async (t) => {
  const value = {
    n: [1, -2.5, 0, 1e21],
    b: [true, false, null],
    empty: { a: {}, b: [] },
    nested: [[1, [2, []]], [{ a: 1, b: { c: [{ d: 'e' }] } }], {}],
    objects: [{ a: 1, b: 2 }, { c: { d: 3 } }],
  };
  t.strictSame(parse(toYaml(value)), value);
});

t.test('the output is block style and ends with a newline', async (t) => {
  t.equal(toYaml({ a: { b: ['x', { c: 1, d: 2 }] } }), 'a:\n  b:\n    - x\n    - c: 1\n      d: 2\n');
  t.equal(toYaml('x'), 'x\n');
});

t.test('values JSON cannot hold are refused', async (t) => {
  t.throws(() => toYaml({ a: Number.NaN }), /NaN/);
  t.throws(() => toYaml({ a: () => 1 }), /function/);
});
