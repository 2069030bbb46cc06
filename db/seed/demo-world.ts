/**
 * The demo world: two county congresses of 周口市 with real-looking data,
 * each with deputies of every level, liaison stations, handling units,
 * categories, sample suggestions and one account per role. Pure data (no
 * imports), so both the seed script (plain Node) and the tests can use it.
 */

export const DEMO_PASSWORD = 'Huiyin@2026';

export interface DemoTenant {
  slug: string;
  name: string;
  /** A county's own hostname (works locally: *.localhost is loopback). */
  hostname: string;
  stations: { name: string; township: string; level: 'county' | 'township' }[];
  units: { name: string; headContact: string; phone: string }[];
  categories: string[];
  deputies: { name: string; level: string; station: number; group: string; phone: string; confidential?: boolean }[];
  users: { username: string; displayName: string; role: string; deputy?: number; unit?: number; station?: number }[];
  suggestions: {
    title: string;
    content: string;
    category: number;
    channel: string;
    lead: number;
    cosigners: number[];
    enteredBy: string;
    daysAgo: number;
  }[];
}

const CATEGORIES = ['农业农村', '城乡建设', '交通运输', '教育体育', '医疗卫生', '社会保障', '生态环境', '财政经济', '文化旅游', '平安建设', '其他'];

function units(county: string): DemoTenant['units'] {
  const names = [
    '发展和改革委员会',
    '教育体育局',
    '公安局',
    '民政局',
    '财政局',
    '人力资源和社会保障局',
    '自然资源局',
    '住房和城乡建设局',
    '交通运输局',
    '水利局',
    '农业农村局',
    '商务局',
    '文化广电和旅游局',
    '卫生健康委员会',
    '应急管理局',
    '市场监督管理局',
    '医疗保障局',
    '城市管理局',
    '乡村振兴局',
  ];
  const heads = [
    '王建军',
    '李红梅',
    '张国强',
    '刘志刚',
    '陈晓东',
    '杨丽华',
    '赵海涛',
    '黄文斌',
    '周永胜',
    '吴春燕',
    '徐卫东',
    '孙玉兰',
    '马俊峰',
    '朱建华',
    '胡明亮',
    '郭秀英',
    '何志远',
    '高长青',
    '林德胜',
  ];
  const out = names.map((n, i) => ({ name: `${county}${n}`, headContact: heads[i]!, phone: `0394-${String(5210000 + i * 37).slice(0, 7)}` }));
  out.push({ name: `周口市生态环境局${county}分局`, headContact: '罗振华', phone: '0394-5218800' });
  out.push({ name: `国网${county}供电公司`, headContact: '宋立新', phone: '0394-5216600' });
  return out;
}

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段漕钱汤尹黎易常武乔贺赖龚文';
const GIVEN = [
  '建国',
  '秀兰',
  '卫东',
  '丽娟',
  '志强',
  '桂英',
  '海军',
  '春梅',
  '国栋',
  '玉芬',
  '明辉',
  '淑珍',
  '永刚',
  '红霞',
  '新民',
  '凤英',
  '学军',
  '翠兰',
  '德胜',
  '慧敏',
  '振华',
  '晓燕',
  '长江',
  '美玲',
  '保国',
  '金凤',
  '立新',
  '素梅',
  '文涛',
  '雪芹',
  '家旺',
  '春华',
  '俊杰',
  '爱莲',
  '宏伟',
  '小娟',
  '富贵',
  '月娥',
  '天明',
  '静怡',
];

/** 40 deputies: 1 national, 2 provincial, 4 city, 23 county, 10 township, spread over stations. */
function deputies(seed: number, stationCount: number, groups: string[]): DemoTenant['deputies'] {
  const levels = ['national', 'provincial', 'provincial', 'city', 'city', 'city', 'city'];
  const out: DemoTenant['deputies'] = [];
  for (let i = 0; i < 40; i++) {
    const level = levels[i] ?? (i < 30 ? 'county' : 'township');
    const name = SURNAMES[(i * 7 + seed) % SURNAMES.length]! + GIVEN[(i * 3 + seed) % GIVEN.length]!;
    out.push({
      name,
      level,
      station: i % stationCount,
      group: groups[i % groups.length]!,
      phone: `13${(seed + 5) % 10}${String(60000000 + i * 7919 + seed * 131).slice(0, 8)}`,
      confidential: i === 9,
    });
  }
  return out;
}

function usersFor(): DemoTenant['users'] {
  return [
    { username: 'daibiao', displayName: '', role: 'deputy', deputy: 7 },
    { username: 'daibiao2', displayName: '', role: 'deputy', deputy: 8 },
    { username: 'lianluoyuan', displayName: '', role: 'liaison_clerk', station: 0 },
    { username: 'gongwei', displayName: '', role: 'staff' },
    { username: 'mishu', displayName: '', role: 'secretary' },
    { username: 'zhuren', displayName: '', role: 'chair' },
    { username: 'chengban', displayName: '', role: 'unit_clerk', unit: 10 },
    { username: 'admin', displayName: '', role: 'tenant_admin' },
    { username: 'fuzhuren', displayName: '', role: 'chair' },
  ];
}

const SAMPLE_SUGGESTIONS: Omit<DemoTenant['suggestions'][number], 'lead' | 'cosigners' | 'enteredBy' | 'daysAgo'>[] = [
  {
    title: '关于加强农村黑臭水体治理的建议',
    content: '部分村庄坑塘长期积存生活污水，夏季异味明显，群众反映强烈。建议县里统筹资金，分批实施清淤、截污和生态修复，并建立村级日常管护机制。',
    category: 6,
    channel: 'station',
  },
  {
    title: '关于改善乡村道路安全设施的建议',
    content: '县乡道路部分路口缺少减速带和警示标志，学生上下学期间存在安全隐患。建议交通部门开展排查，在学校、集镇周边路口增设安全设施。',
    category: 2,
    channel: 'reception',
  },
  {
    title: '关于提高农村留守老人助餐服务覆盖面的建议',
    content: '农村留守老人吃饭难问题突出。建议依托村级幸福院建设老年助餐点，财政给予运营补贴，鼓励志愿者参与送餐。',
    category: 5,
    channel: 'forum',
  },
  {
    title: '关于解决乡镇卫生院专业人才短缺的建议',
    content: '乡镇卫生院全科医生、影像等专业人员缺口较大，建议完善县管乡用机制，落实基层医务人员待遇，定向培养本地医学生。',
    category: 4,
    channel: 'session',
  },
  {
    title: '关于推进高标准农田建设后期管护的建议',
    content: '已建成的高标准农田部分机井、渠道损坏后无人维修。建议明确管护主体和经费来源，建立损坏报修和验收制度。',
    category: 0,
    channel: 'inspection',
  },
  {
    title: '关于规范城区夜市经营秩序的建议',
    content: '城区夜市占道经营、油烟扰民问题较多。建议城管、市场监管部门联合规划经营区域，完善排烟和垃圾收集设施。',
    category: 1,
    channel: 'online',
  },
];

function suggestionsFor(): DemoTenant['suggestions'] {
  return SAMPLE_SUGGESTIONS.map((s, i) => ({
    ...s,
    // Even ones the demo deputy wrote; odd ones the liaison clerk of station 0
    // entered for deputies of that station (indexes 12, 18, 24 sit there).
    lead: i % 2 === 0 ? 7 : 12 + 6 * ((i - 1) / 2),
    cosigners: i % 2 === 0 ? [8, 12] : [7],
    enteredBy: i % 2 === 0 ? 'daibiao' : 'lianluoyuan',
    daysAgo: 30 - i * 4,
  }));
}

function withDisplayNames(t: Omit<DemoTenant, 'users'> & { users: DemoTenant['users'] }): DemoTenant {
  const staffNames: Record<string, string> = {
    lianluoyuan: '刘晓雯',
    gongwei: '陈志宏',
    mishu: '赵静',
    zhuren: '王德明',
    fuzhuren: '李秀芳',
    chengban: '孙立伟',
    admin: '周婷',
  };
  return {
    ...t,
    users: t.users.map((u) => ({
      ...u,
      displayName: u.deputy !== undefined ? t.deputies[u.deputy]!.name : staffNames[u.username]!,
    })),
  };
}

/**
 * One demo county: a station per township plus the county's central one, a
 * delegation (代表团) named for each township; the rest is generated.
 */
function demoCounty(c: { slug: string; county: string; townships: string[]; seed: number }): DemoTenant {
  return withDisplayNames({
    slug: c.slug,
    name: `${c.county}人大常委会`,
    hostname: `${c.slug}.localhost`,
    stations: [
      ...c.townships.map((township) => ({ name: `${township}代表联络站`, township, level: 'township' as const })),
      { name: '县人大代表中心联络站', township: '县城', level: 'county' },
    ],
    units: units(c.county),
    categories: CATEGORIES,
    deputies: deputies(
      c.seed,
      c.townships.length + 1,
      c.townships.map((t) => `${t.replace(/(回族)?[镇乡]$/, '')}代表团`),
    ),
    users: usersFor(),
    suggestions: suggestionsFor(),
  });
}

export const DEMO_TENANTS: DemoTenant[] = [
  demoCounty({
    slug: 'taikang',
    county: '太康县',
    townships: ['城关回族镇', '毛庄镇', '常营镇', '马头镇', '逊母口镇'],
    seed: 0,
  }),
  demoCounty({
    slug: 'dancheng',
    county: '郸城县',
    townships: ['城郊乡', '张庄镇', '宁平镇', '宜路镇', '钱店镇'],
    seed: 17,
  }),
];

export const DEMO_OPERATOR = { username: 'operator', displayName: '平台运维', role: 'platform_operator' };
