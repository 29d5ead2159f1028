import { creditCodeCheckChar } from '@zone-risk/contracts';

/** A valid credit code: 91 (enterprise), a Nanjing district, a serial, the check character. */
export function creditCodeFor(serial: number): string {
  const first17 = `91320113MA${String(serial).padStart(7, '0')}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
}

export const enterprise = { creditCode: creditCodeFor(1), name: '南京瑞丰精细化工有限公司' };

export function itemBody(overrides: Record<string, unknown> = {}) {
  return {
    source: 'central-inspection',
    batch: '第二轮中央生态环境保护督察反馈问题',
    code: `ZY-${randomCode()}`,
    problem: '园区污水处理厂出水总氮超标',
    category: 'water',
    severity: 'major',
    responsibleUnit: '开发区生态环境分局',
    enterprise,
    measures: '提标改造，增设反硝化滤池',
    target: '出水稳定达到一级A标准',
    deadline: '2099-12-31',
    ...overrides,
  };
}

let counter = 0;
function randomCode(): string {
  counter += 1;
  return `${Date.now().toString(36)}-${counter}`;
}

// Real magic bytes followed by filler: the service checks content, it does not decode files.
export const jpeg = (size = 200) =>
  Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]),
    Buffer.alloc(size - 12, 7),
  ]);
export const pdf = (size = 200) =>
  Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\n'), Buffer.alloc(size - 15, 32)]);
