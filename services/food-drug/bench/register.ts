import { creditCodeCheckChar } from '@zone-risk/contracts';

// The businesses the bench registers: valid credit codes (check character per GB 32100-2015) and
// a licence that fits each kind, spread over kinds, categories and areas.

export function creditCodeFor(serial: number): string {
  const first17 = `91320113MA${String(serial).padStart(7, '0')}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
}

const KINDS = [
  {
    kind: 'catering',
    label: '餐饮服务',
    type: 'food-business',
    number: (n: number) => `JY${32011300000000 + n}`,
  },
  {
    kind: 'food-sale',
    label: '食品销售',
    type: 'food-business',
    number: (n: number) => `JY${12011300000000 + n}`,
  },
  {
    kind: 'food-production',
    label: '食品生产',
    type: 'food-production',
    number: (n: number) => `SC${10632011300000 + n}`,
  },
  {
    kind: 'unit-canteen',
    label: '单位食堂',
    type: 'food-business',
    number: (n: number) => `JY${33011300000000 + n}`,
  },
  {
    kind: 'drug-retail',
    label: '药品零售',
    type: 'drug-business',
    number: (n: number) => `苏DA${String(n).padStart(7, '0')}`,
  },
] as const;
const CATEGORIES = [[], [], ['cold-chain'], ['school-canteen'], []] as const;
const CATEGORY_LABELS: Record<string, string> = { 'cold-chain': '冷链食品', 'school-canteen': '学校食堂' };
const AREAS = ['东区', '西区', '南区', '北区'] as const;

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;

/** A `POST /businesses` body. */
export function businessBody(serial: number) {
  const kind = pick(KINDS, serial);
  return {
    creditCode: creditCodeFor(serial),
    name: `瑞丰${kind.label}有限公司${serial}`,
    address: `南京市江宁区科技大道${serial}号`,
    kind: kind.kind,
    categories: [...pick(CATEGORIES, serial)],
    area: pick(AREAS, serial),
    licence: { type: kind.type, number: kind.number(serial) },
  };
}

/** The same business as register cells, keyed by the English name of their column. */
function registerCells(serial: number): Record<string, string> {
  const body = businessBody(serial);
  return {
    'credit code': body.creditCode,
    name: body.name,
    address: body.address,
    kind: pick(KINDS, serial).label,
    'licence number': body.licence.number,
    categories: body.categories.map((c) => CATEGORY_LABELS[c] ?? c).join('、'),
    area: body.area,
  };
}

/**
 * The line writer for a template header line (`统一社会信用代码 / credit code,…`): cells in the
 * header's order, whatever it is. Throws on a column the bench does not know.
 */
export function lineWriter(headerLine: string): (serial: number) => string[] {
  const columns = headerLine
    .replace(/^\uFEFF/, '')
    .split(',')
    .map((cell) => cell.split(' / ').at(-1)?.trim() ?? '');
  const known = Object.keys(registerCells(1));
  const unknown = columns.filter((c) => !known.includes(c));
  if (unknown.length > 0)
    throw new Error(`the template has columns the bench does not fill: ${unknown.join(', ')}`);
  return (serial) => {
    const cells = registerCells(serial);
    return columns.map((c) => cells[c] ?? '');
  };
}

const csvCell = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

/** A CSV file: the template's own header line (as the service wrote it), then the lines. */
export function registerCsv(headerLine: string, lines: readonly (readonly string[])[]): Buffer {
  const header = headerLine.startsWith('\uFEFF') ? headerLine : `\uFEFF${headerLine}`;
  return Buffer.from(`${header}\r\n${lines.map((line) => line.map(csvCell).join(',')).join('\r\n')}\r\n`);
}
