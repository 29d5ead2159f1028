import { creditCodeCheckChar } from '@zone-risk/contracts';
import type { App } from '@zone-risk/platform';
import { json, officer } from './service.ts';

/** A valid credit code: 91 (enterprise), a Nanjing district, a serial, the check character. */
export function creditCodeFor(serial: number): string {
  const first17 = `91320113MA${String(serial).padStart(7, '0')}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
}

export function businessBody(serial: number, overrides: Record<string, unknown> = {}) {
  return {
    creditCode: creditCodeFor(serial),
    name: `瑞丰餐饮管理有限公司${serial}`,
    address: `南京市江宁区东区科技大道${serial}号`,
    kind: 'catering',
    categories: [],
    area: '东区',
    licence: { type: 'food-business', number: `JY${String(32011300000000 + serial)}` },
    ...overrides,
  };
}

export interface BusinessView {
  creditCode: string;
  grade: string;
  score: number;
  version: number;
  checkOverdue: boolean;
  seriousViolation: boolean;
  standing: {
    period: string;
    end: string;
    required: number;
    done: number;
    dueByNow: number;
    behind: boolean;
    behindFrom: string | null;
  };
  record: { kind: string; ref: string; result: string | null; void: boolean }[];
  lastCheck: { id: string; inspectors: string[] } | null;
}

export async function register(
  app: App,
  serial: number,
  overrides: Record<string, unknown> = {},
): Promise<BusinessView> {
  const response = await app.inject({
    method: 'POST',
    url: '/businesses',
    headers: await officer(),
    payload: businessBody(serial, overrides),
  });
  if (response.statusCode !== 201) throw new Error(`register: ${response.statusCode} ${response.body}`);
  return json<BusinessView>(response);
}

export const twoInspectors = [
  { id: 'fd-liu', name: '刘洋' },
  { id: 'fd-sun', name: '孙敏' },
];

export function checkBody(creditCode: string, overrides: Record<string, unknown> = {}) {
  return {
    creditCode,
    type: 'routine',
    date: '2026-03-02',
    inspectors: twoInspectors,
    items: [{ item: '从业人员健康管理', result: 'pass', note: null }],
    findings: null,
    outcome: 'conforming',
    ...overrides,
  };
}

export const failedItems = [
  { item: '从业人员健康管理', result: 'fail', note: '2人健康证过期' },
  { item: '原料进货查验', result: 'pass', note: null },
];

export function sampleBody(creditCode: string, qualified: boolean, overrides: Record<string, unknown> = {}) {
  return {
    creditCode,
    product: '学生营养午餐（红烧鸡块）',
    batch: '20260302-01',
    productionDate: '2026-03-02',
    sampledOn: '2026-03-02',
    lab: '南京市食品药品监督检验院',
    items: [
      {
        item: '菌落总数',
        value: qualified ? '3.2×10³' : '2.3×10⁵',
        limit: '≤1×10⁵',
        unit: 'CFU/g',
        qualified,
      },
    ],
    ...overrides,
  };
}

// Real magic bytes followed by filler: the service checks content, it does not decode files.
export const pdf = (size = 200) =>
  Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\n'), Buffer.alloc(size - 15, 32)]);
