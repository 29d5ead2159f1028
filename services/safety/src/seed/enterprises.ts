import { creditCodeAlphabet, creditCodeCheckChar } from '@zone-risk/contracts';

// Thirty fictitious enterprises of a development zone in Nanjing (region 320113, 栖霞区), across
// the industries the checklists cover. Names are invented; credit codes are valid by construction.

export type Industry =
  | 'chemicals'
  | 'metalworking'
  | 'woodworking'
  | 'food'
  | 'logistics'
  | 'electronics'
  | 'pharma';

const NAMES: [string, Industry][] = [
  ['南京瑞丰精细化工有限公司', 'chemicals'],
  ['南京华泰危险化学品储运有限公司', 'chemicals'],
  ['南京恒信涂料化工有限公司', 'chemicals'],
  ['南京栖江新材料科技有限公司', 'chemicals'],
  ['南京永固金属制品有限公司', 'metalworking'],
  ['南京金陵汽车零部件有限公司', 'metalworking'],
  ['南京宏达铝业有限公司', 'metalworking'],
  ['南京精锐机械制造有限公司', 'metalworking'],
  ['南京同创五金工具有限公司', 'metalworking'],
  ['南京木森家具制造有限公司', 'woodworking'],
  ['南京森林人木业有限公司', 'woodworking'],
  ['南京雅居门窗有限公司', 'woodworking'],
  ['南京宏远食品有限公司', 'food'],
  ['南京金麦粮油加工有限公司', 'food'],
  ['南京鲜达冷链食品有限公司', 'food'],
  ['南京禾丰面粉有限公司', 'food'],
  ['南京甘泉饮料有限公司', 'food'],
  ['南京鑫达物流有限公司', 'logistics'],
  ['南京通港仓储有限公司', 'logistics'],
  ['南京速联供应链管理有限公司', 'logistics'],
  ['南京安运危货运输有限公司', 'logistics'],
  ['南京中科微电子有限公司', 'electronics'],
  ['南京芯源半导体材料有限公司', 'electronics'],
  ['南京光谷显示技术有限公司', 'electronics'],
  ['南京智联电气设备有限公司', 'electronics'],
  ['南京康宁生物制药有限公司', 'pharma'],
  ['南京百草堂药业有限公司', 'pharma'],
  ['南京济民医药化工有限公司', 'pharma'],
  ['南京天润纺织印染有限公司', 'metalworking'],
  ['南京绿洲环保科技有限公司', 'chemicals'],
];

function serialChars(n: number): string {
  let out = '';
  let rest = n;
  for (let i = 0; i < 7; i++) {
    out = creditCodeAlphabet.charAt(rest % 31) + out;
    rest = Math.floor(rest / 31);
  }
  return out;
}

export interface DemoEnterprise {
  creditCode: string;
  name: string;
  industry: Industry;
}

export const DEMO_ENTERPRISES: DemoEnterprise[] = NAMES.map(([name, industry], index) => {
  // 9 = registered with market regulation (工商), 1 = enterprise, 320113 = region, then the body.
  const first17 = `91320113MA${serialChars(7_340_117 + index * 104_729)}`;
  return { creditCode: `${first17}${creditCodeCheckChar(first17)}`, name, industry };
});

/** The checklists that fit an industry (the general one fits all). */
export const TEMPLATES_FOR: Record<Industry, string[]> = {
  chemicals: ['hazardous-chemicals-storage@1', 'confined-spaces@1', 'fire-safety@1'],
  metalworking: ['general-workplace@1', 'dust-explosion@1', 'fire-safety@1'],
  woodworking: ['dust-explosion@1', 'fire-safety@1', 'general-workplace@1'],
  food: ['dust-explosion@1', 'confined-spaces@1', 'general-workplace@1'],
  logistics: ['fire-safety@1', 'general-workplace@1', 'hazardous-chemicals-storage@1'],
  electronics: ['hazardous-chemicals-storage@1', 'fire-safety@1', 'general-workplace@1'],
  pharma: ['hazardous-chemicals-storage@1', 'confined-spaces@1', 'fire-safety@1'],
};
