// Words for the demo data, and a seeded random source so that every run writes the same demo.

let state = 20_240_506;
/** mulberry32: small, deterministic, good enough for demo data. */
export function random(): number {
  state = (state + 0x6d2b79f5) | 0;
  let x = Math.imul(state ^ (state >>> 15), 1 | state);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
}

export function pick<T>(list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

export const NOTES = {
  locations: [
    '1号车间',
    '2号车间 粉碎工段',
    '成品仓库',
    '甲类仓库',
    '罐区',
    '污水处理站',
    '配电房',
    '办公楼',
    '装卸区',
    '锅炉房',
  ],
  people: ['赵刚', '钱伟', '孙丽', '李娜', '周强', '吴敏', '郑涛', '冯军'],
  measures: [
    '立即停用相关设备，加装防护装置后经验收再启用',
    '重新制定操作规程并组织全员培训考核',
    '更换老化线路和配电箱，加装漏电保护',
    '清理积尘，建立每班清扫制度并记录',
    '补设安全警示标志和警戒线',
    '委托有资质单位检测并出具报告',
  ],
  extensions: ['设备采购周期长，供货延迟', '整改需停产检修，需与生产计划衔接', '需委托设计单位出具方案'],
  rejections: ['现场复查仍有积尘，清扫制度未落实', '防护罩安装不牢固', '未提供检测报告'],
  findings: {
    equipment: [
      '防护罩缺失，传动部位外露',
      '除尘器未设泄爆装置',
      '紧急切断阀未投用',
      '气体检测报警仪未按期检定',
    ],
    environment: ['作业现场积尘严重', '安全通道被物料占用', '警示标志缺失'],
    management: [
      '特种作业人员证书过期',
      '未建立有限空间管理台账',
      '应急预案未按期演练',
      '承包单位安全管理协议未签订',
    ],
    behaviour: ['作业人员未佩戴防护用品', '动火作业未办理作业票', '受限空间作业无人监护'],
    fire: ['灭火器压力不足', '疏散通道堆放杂物', '防火门处于常开状态', '应急照明损坏'],
    electrical: ['配电箱私拉乱接', '防爆区域使用非防爆灯具', '电缆老化破损'],
    chemical: ['禁忌物料混存', '储存量超出核定数量', '安全标签缺失'],
    other: ['其他不符合项'],
  } as Record<string, string[]>,
};
