// Words for the demo data: two batches and typical problems of a development zone's ledger. The
// batch names are demo labels, not real inspection rounds.
import type { ItemContent, Source } from '../domain/item.ts';

export const BATCHES: { name: string; prefix: string; source: Source }[] = [
  { name: '演示-中央生态环境保护督察反馈问题', prefix: 'ZY', source: 'central-inspection' },
  { name: '演示-省级生态环境保护督察反馈问题', prefix: 'SJ', source: 'provincial-inspection' },
];

type Problem = Omit<ItemContent, 'source' | 'batch' | 'code' | 'deadline'>;

const ent = (creditCode: string, name: string) => ({ creditCode, name });

export const PROBLEMS: Problem[] = [
  {
    problem: '园区污水处理厂出水总氮超标',
    category: 'water',
    severity: 'major',
    responsibleUnit: '开发区生态环境分局',
    enterprise: null,
    measures: '提标改造，增设反硝化滤池',
    target: '出水稳定达到一级A标准',
  },
  {
    problem: '化工企业VOCs无组织排放',
    category: 'air',
    severity: 'significant',
    responsibleUnit: '开发区生态环境分局',
    enterprise: ent('91320113MA1MB6AT2R', '南京瑞丰精细化工有限公司'),
    measures: '储罐呼吸阀加装收集装置，建设RTO焚烧设施',
    target: '厂界非甲烷总烃达标',
  },
  {
    problem: '雨污管网混接，雨水排口旱天出水',
    category: 'water',
    severity: 'general',
    responsibleUnit: '开发区建设局',
    enterprise: null,
    measures: '排查混接点并完成雨污分流改造',
    target: '雨水排口旱天无出水',
  },
  {
    problem: '一般工业固体废物露天堆放',
    category: 'solid-waste',
    severity: 'general',
    responsibleUnit: '开发区城市管理局',
    enterprise: null,
    measures: '建设规范贮存场所，委托有资质单位处置',
    target: '固废规范贮存、合规处置',
  },
  {
    problem: '原化工地块土壤污染状况调查未完成',
    category: 'soil',
    severity: 'significant',
    responsibleUnit: '开发区自然资源和规划分局',
    enterprise: null,
    measures: '委托开展土壤污染状况调查和风险评估',
    target: '完成调查评估并纳入名录管理',
  },
  {
    problem: '施工工地扬尘防治措施不到位',
    category: 'air',
    severity: 'general',
    responsibleUnit: '开发区建设局',
    enterprise: null,
    measures: '落实围挡、覆盖、冲洗、湿法作业等措施',
    target: '扬尘在线监测达标',
  },
  {
    problem: '夜间施工噪声扰民',
    category: 'noise',
    severity: 'general',
    responsibleUnit: '开发区城市管理局',
    enterprise: null,
    measures: '严格夜间施工审批，设置隔声屏障',
    target: '厂界噪声达标，投诉清零',
  },
  {
    problem: '河道岸线违规占用，生态缓冲带受损',
    category: 'ecology',
    severity: 'significant',
    responsibleUnit: '开发区农业农村和水务局',
    enterprise: null,
    measures: '拆除违建，恢复生态缓冲带植被',
    target: '岸线生态修复完成',
  },
];
