import type { TemplateContent } from './template.ts';

// The checklists every zone starts with. Each item cites the standard it rests on. Where failing
// an item is a major hazard (重大事故隐患), the clause names the situation in the words of the
// determination standard rather than an article number: we cite numbers only where we are sure
// of them, so check the published text before quoting one in an enforcement document.
// Built-in templates are immutable: change one by adding it again with a new version number.

export const BUILTIN_VERSION = 1;

const SAFETY_LAW = '中华人民共和国安全生产法（2021年修正）';
const MAJOR_2023 = '工贸企业重大事故隐患判定标准（应急管理部令第10号，2023年5月15日起施行）';
const CHEM_MAJOR = '化工和危险化学品生产经营单位重大生产安全事故隐患判定标准（试行）';
const CONFINED_RULES = '工贸企业有限空间作业安全规定';
const FIRE_CODE = 'GB 50016-2014（2018年版）建筑设计防火规范';

export const BUILTIN_TEMPLATES: readonly TemplateContent[] = [
  {
    code: 'general-workplace',
    title: '通用安全生产检查表',
    description: '工贸企业日常检查的通用项目：责任制、培训、设备防护、警示标志、用电、防护用品、应急',
    items: [
      {
        code: 'GW-01',
        text: '建立并落实全员安全生产责任制、安全生产规章制度和操作规程',
        category: 'management',
        basis: { standard: SAFETY_LAW },
        majorIfFailed: false,
      },
      {
        code: 'GW-02',
        text: '特种作业人员经专门的安全作业培训并取得相应资格后上岗',
        category: 'management',
        basis: {
          standard: MAJOR_2023,
          clause: '管理类：特种作业人员未按照规定经专门的安全作业培训并取得相应资格，上岗作业',
        },
        majorIfFailed: true,
      },
      {
        code: 'GW-03',
        text: '对承包、承租单位的安全生产工作统一协调、管理，并定期进行安全检查',
        category: 'management',
        basis: {
          standard: MAJOR_2023,
          clause: '管理类：未对承包单位、承租单位的安全生产工作统一协调、管理，或者未定期进行安全检查',
        },
        majorIfFailed: true,
      },
      {
        code: 'GW-04',
        text: '机械设备传动、转动部位的防护罩、防护栏等防护装置齐全有效',
        category: 'equipment',
        basis: { standard: 'GB/T 8196-2018 机械安全 防护装置 固定式和活动式防护装置的设计与制造一般要求' },
        majorIfFailed: false,
      },
      {
        code: 'GW-05',
        text: '平台、楼梯、临边设置符合要求的防护栏杆',
        category: 'equipment',
        basis: { standard: 'GB 4053.3-2009 固定式钢梯及平台安全要求 第3部分：工业防护栏杆及钢平台' },
        majorIfFailed: false,
      },
      {
        code: 'GW-06',
        text: '危险场所和设备设施设置明显的安全警示标志',
        category: 'environment',
        basis: { standard: 'GB 2894-2008 安全标志及其使用导则' },
        majorIfFailed: false,
      },
      {
        code: 'GW-07',
        text: '配电箱、电气线路完好，无私拉乱接、裸露带电部位',
        category: 'electrical',
        basis: { standard: 'GB/T 13869-2017 用电安全导则' },
        majorIfFailed: false,
      },
      {
        code: 'GW-08',
        text: '按标准为从业人员配备劳动防护用品，作业人员正确佩戴使用',
        category: 'behaviour',
        basis: { standard: SAFETY_LAW },
        majorIfFailed: false,
      },
      {
        code: 'GW-09',
        text: '编制生产安全事故应急预案并按规定组织演练',
        category: 'management',
        basis: { standard: 'GB/T 29639-2020 生产经营单位生产安全事故应急预案编制导则' },
        majorIfFailed: false,
      },
      {
        code: 'GW-10',
        text: '厂区及车间安全通道、安全出口畅通，无占用堵塞',
        category: 'fire',
        basis: { standard: FIRE_CODE },
        majorIfFailed: false,
      },
    ],
  },
  {
    code: 'hazardous-chemicals-storage',
    title: '危险化学品储存专项检查表',
    description: '危险化学品仓库、储罐区的储存条件、检测报警、紧急切断、特殊作业和应急设施',
    items: [
      {
        code: 'HC-01',
        text: '危险化学品储存在专用仓库、专用场地或专用储存室内，并由专人负责管理',
        category: 'chemical',
        basis: { standard: 'GB 15603-2022 危险化学品仓库储存通则' },
        majorIfFailed: false,
      },
      {
        code: 'HC-02',
        text: '化学性质或灭火方法相抵触的危险化学品分区、分库储存，无禁忌物料混存',
        category: 'chemical',
        basis: { standard: 'GB 15603-2022 危险化学品仓库储存通则' },
        majorIfFailed: false,
      },
      {
        code: 'HC-03',
        text: '储存数量、堆垛间距、通道宽度符合规定',
        category: 'chemical',
        basis: { standard: 'GB 15603-2022 危险化学品仓库储存通则' },
        majorIfFailed: false,
      },
      {
        code: 'HC-04',
        text: '可燃气体和有毒气体检测报警装置按规定设置并定期检定',
        category: 'equipment',
        basis: { standard: 'GB/T 50493-2019 石油化工可燃气体和有毒气体检测报警设计标准' },
        majorIfFailed: false,
      },
      {
        code: 'HC-05',
        text: '已按标准辨识重大危险源，登记建档、评估并备案',
        category: 'management',
        basis: { standard: 'GB 18218-2018 危险化学品重大危险源辨识' },
        majorIfFailed: false,
      },
      {
        code: 'HC-06',
        text: '构成一级、二级重大危险源的危险化学品罐区具备紧急切断功能',
        category: 'equipment',
        basis: { standard: CHEM_MAJOR, clause: '构成一级、二级重大危险源的危险化学品罐区未实现紧急切断功能' },
        majorIfFailed: true,
      },
      {
        code: 'HC-07',
        text: '爆炸危险区域内的电气设备符合防爆要求',
        category: 'electrical',
        basis: { standard: 'GB 50058-2014 爆炸危险环境电力装置设计规范' },
        majorIfFailed: false,
      },
      {
        code: 'HC-08',
        text: '动火、受限空间等特殊作业办理作业票证，安全措施落实到位',
        category: 'behaviour',
        basis: { standard: 'GB 30871-2022 危险化学品企业特殊作业安全规范' },
        majorIfFailed: false,
      },
      {
        code: 'HC-09',
        text: '化学品安全技术说明书和安全标签齐全（一书一签）',
        category: 'management',
        basis: { standard: 'GB/T 16483-2008 化学品安全技术说明书 内容和项目顺序' },
        majorIfFailed: false,
      },
      {
        code: 'HC-10',
        text: '防泄漏围堰、洗眼器、应急器材完好有效',
        category: 'equipment',
        basis: { standard: 'GB 15603-2022 危险化学品仓库储存通则' },
        majorIfFailed: false,
      },
    ],
  },
  {
    code: 'dust-explosion',
    title: '粉尘防爆专项检查表',
    description: '存在可燃性粉尘的工贸企业：场所布置、除尘系统、防爆电气、点燃源控制、粉尘清理',
    items: [
      {
        code: 'DE-01',
        text: '粉尘爆炸危险场所不在非框架结构的多层建（构）筑物内，场所内无宿舍、办公室、休息室等人员聚集场所',
        category: 'environment',
        basis: {
          standard: MAJOR_2023,
          clause:
            '专项类（粉尘爆炸）：粉尘爆炸危险场所设置在非框架结构的多层建（构）筑物内，或者场所内设有员工宿舍、会议室、办公室、休息室等人员聚集场所',
        },
        majorIfFailed: true,
      },
      {
        code: 'DE-02',
        text: '不同类别的可燃性粉尘、可燃性粉尘与可燃气体不共用一套除尘系统，不同建（构）筑物、防火分区的除尘系统不互联互通',
        category: 'equipment',
        basis: {
          standard: MAJOR_2023,
          clause:
            '专项类（粉尘爆炸）：易加剧爆炸危险的介质共用一套除尘系统，或者不同建（构）筑物、不同防火分区共用一套除尘系统、除尘系统互联互通',
        },
        majorIfFailed: true,
      },
      {
        code: 'DE-03',
        text: '干式除尘系统采取泄爆、惰化、抑爆等爆炸防控措施',
        category: 'equipment',
        basis: {
          standard: MAJOR_2023,
          clause: '专项类（粉尘爆炸）：干式除尘系统未采取泄爆、惰化、抑爆等任一种爆炸防控措施',
        },
        majorIfFailed: true,
      },
      {
        code: 'DE-04',
        text: '铝镁等金属粉尘除尘系统不采用正压除尘方式；其他可燃性粉尘正压吹送时采取火花探测消除等措施',
        category: 'equipment',
        basis: {
          standard: MAJOR_2023,
          clause:
            '专项类（粉尘爆炸）：铝镁等金属粉尘除尘系统采用正压除尘方式，或者其他可燃性粉尘除尘系统采用正压吹送粉尘时未采取火花探测消除等防范点燃源措施',
        },
        majorIfFailed: true,
      },
      {
        code: 'DE-05',
        text: '除尘系统不采用重力沉降室除尘，不以干式巷道式构筑物作为除尘风道',
        category: 'equipment',
        basis: {
          standard: MAJOR_2023,
          clause: '专项类（粉尘爆炸）：除尘系统采用重力沉降室除尘，或者采用干式巷道式构筑物作为除尘风道',
        },
        majorIfFailed: true,
      },
      {
        code: 'DE-06',
        text: '铝镁等金属粉尘、木质粉尘的干式除尘系统设置锁气卸灰装置',
        category: 'equipment',
        basis: {
          standard: MAJOR_2023,
          clause: '专项类（粉尘爆炸）：铝镁等金属粉尘、木质粉尘的干式除尘系统未设置锁气卸灰装置',
        },
        majorIfFailed: true,
      },
      {
        code: 'DE-07',
        text: '除尘器、收尘仓等划分为20区的粉尘爆炸危险场所电气设备符合防爆要求',
        category: 'electrical',
        basis: {
          standard: MAJOR_2023,
          clause: '专项类（粉尘爆炸）：除尘器、收尘仓等划分为20区的粉尘爆炸危险场所电气设备不符合防爆要求',
        },
        majorIfFailed: true,
      },
      {
        code: 'DE-08',
        text: '粉碎、研磨、造粒等工艺设备前设置铁、石等杂物去除装置；木制品加工砂光机风管设置火花探测消除装置',
        category: 'equipment',
        basis: {
          standard: MAJOR_2023,
          clause:
            '专项类（粉尘爆炸）：易产生机械点燃源的工艺设备前未设置杂物去除装置，或者与砂光机连接的风管未设置火花探测消除装置',
        },
        majorIfFailed: true,
      },
      {
        code: 'DE-09',
        text: '落实粉尘清理制度，作业现场无严重积尘',
        category: 'management',
        basis: {
          standard: MAJOR_2023,
          clause: '专项类（粉尘爆炸）：未落实粉尘清理制度，造成作业现场积尘严重',
        },
        majorIfFailed: true,
      },
      {
        code: 'DE-10',
        text: '粉尘防爆安全管理制度、岗位操作规程健全，作业人员经粉尘防爆培训',
        category: 'management',
        basis: { standard: 'GB 15577-2018 粉尘防爆安全规程' },
        majorIfFailed: false,
      },
    ],
  },
  {
    code: 'confined-spaces',
    title: '有限空间作业专项检查表',
    description:
      '存在硫化氢、一氧化碳等中毒窒息风险的有限空间：辨识台账、审批、通风检测监护、装备、培训、应急',
    items: [
      {
        code: 'CS-01',
        text: '有限空间已辨识并建立安全管理台账，设置明显的安全警示标志',
        category: 'management',
        basis: {
          standard: MAJOR_2023,
          clause: '专项类（有限空间）：未对有限空间进行辨识、建立安全管理台账，并且未设置明显的安全警示标志',
        },
        majorIfFailed: true,
      },
      {
        code: 'CS-02',
        text: '有限空间作业经审批，执行“先通风、再检测、后作业”，作业现场设置监护人员',
        category: 'behaviour',
        basis: {
          standard: MAJOR_2023,
          clause:
            '专项类（有限空间）：未落实有限空间作业审批，或者未执行“先通风、再检测、后作业”要求，或者作业现场未设置监护人员',
        },
        majorIfFailed: true,
      },
      {
        code: 'CS-03',
        text: '配备气体检测报警仪、通风设备、呼吸防护用品和应急救援装备',
        category: 'equipment',
        basis: { standard: CONFINED_RULES },
        majorIfFailed: false,
      },
      {
        code: 'CS-04',
        text: '作业人员、监护人员经有限空间作业专项安全培训',
        category: 'management',
        basis: { standard: CONFINED_RULES },
        majorIfFailed: false,
      },
      {
        code: 'CS-05',
        text: '受限空间作业办理作业票，与相连管道的隔离（盲板抽堵）落实到位',
        category: 'management',
        basis: { standard: 'GB 30871-2022 危险化学品企业特殊作业安全规范' },
        majorIfFailed: false,
      },
      {
        code: 'CS-06',
        text: '制定有限空间作业现场处置方案并定期演练',
        category: 'management',
        basis: { standard: CONFINED_RULES },
        majorIfFailed: false,
      },
      {
        code: 'CS-07',
        text: '作业期间持续通风、定时检测并如实记录',
        category: 'behaviour',
        basis: { standard: 'GB 30871-2022 危险化学品企业特殊作业安全规范' },
        majorIfFailed: false,
      },
    ],
  },
  {
    code: 'fire-safety',
    title: '消防安全检查表',
    description: '灭火器材、消防设施维护、疏散通道、应急照明、防火分隔、消防控制室和消防安全管理',
    items: [
      {
        code: 'FS-01',
        text: '灭火器配置类型、数量符合要求，压力正常并在有效期内',
        category: 'fire',
        basis: { standard: 'GB 50140-2005 建筑灭火器配置设计规范' },
        majorIfFailed: false,
      },
      {
        code: 'FS-02',
        text: '消火栓、自动喷水灭火、火灾自动报警等消防设施定期维护保养并有记录',
        category: 'fire',
        basis: { standard: 'GB 25201-2010 建筑消防设施的维护管理' },
        majorIfFailed: false,
      },
      {
        code: 'FS-03',
        text: '疏散通道、安全出口畅通，常闭式防火门保持常闭',
        category: 'fire',
        basis: { standard: FIRE_CODE },
        majorIfFailed: false,
      },
      {
        code: 'FS-04',
        text: '消防应急照明和疏散指示标志完好有效',
        category: 'fire',
        basis: { standard: 'GB 13495.1-2015 消防安全标志 第1部分：标志' },
        majorIfFailed: false,
      },
      {
        code: 'FS-05',
        text: '防火分隔完整，厂房、仓库内未设置员工宿舍',
        category: 'fire',
        basis: { standard: FIRE_CODE },
        majorIfFailed: false,
      },
      {
        code: 'FS-06',
        text: '消防控制室值班人员持证在岗，实行24小时值班',
        category: 'management',
        basis: { standard: 'GB 25506-2010 消防控制室通用技术要求' },
        majorIfFailed: false,
      },
      {
        code: 'FS-07',
        text: '电气线路敷设规范，电动自行车未在室内、疏散通道停放充电',
        category: 'electrical',
        basis: { standard: FIRE_CODE },
        majorIfFailed: false,
      },
      {
        code: 'FS-08',
        text: '落实消防安全责任制，开展防火巡查、检查并记录',
        category: 'management',
        basis: { standard: '机关、团体、企业、事业单位消防安全管理规定（公安部令第61号）' },
        majorIfFailed: false,
      },
    ],
  },
];
