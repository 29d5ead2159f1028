import { creditCodeCheckChar } from '@zone-risk/contracts';

/** A valid credit code: 91 (enterprise), a Nanjing district, a serial, the check character. */
export function creditCodeFor(serial: number): string {
  const first17 = `91320113MA${String(serial).padStart(7, '0')}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
}

export const enterprise = { creditCode: creditCodeFor(1), name: '南京瑞丰精细化工有限公司' };

export const majorBasis = {
  standard: '工贸企业重大事故隐患判定标准（应急管理部令第10号）',
  clause: '专项类（粉尘爆炸）：干式除尘系统未采取泄爆、惰化、抑爆等任一种爆炸防控措施',
};

export function hazardBody(overrides: Record<string, unknown> = {}) {
  return {
    enterprise,
    location: '2号车间 粉碎工段',
    description: '布袋除尘器未设置泄爆装置',
    category: 'equipment',
    grade: 'general',
    ...overrides,
  };
}

export const plan = (deadline: string) => ({
  measures: '加装泄爆片，泄爆口引至室外',
  responsiblePerson: { id: 'ent-zhao', name: '赵刚' },
  funds: 1_250_000,
  deadline,
});
