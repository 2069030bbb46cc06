/** 单月座谈议题 and its 参与情况通报. */
import { TOPIC_DESCRIPTION_MAX, TOPIC_MAX_OPEN_MONTHS, TOPIC_TITLE_MAX, type TopicFormError } from '../../worker/rules/forums';

export const forumsText = {
  nav: '座谈议题',
  title: '单月座谈议题',
  intro: '每月确定一个座谈议题，代表围绕议题提出建议；截止日期过后不再接收该议题下的建议。参与情况实时统计，可打印、导出。',
  newTopic: '设置议题',
  fields: {
    month: '月份',
    monthHint: '例如 2026-11。',
    title: '议题',
    description: '议题说明',
    descriptionHint: '调研方向、关注重点等，代表提建议时会看到。',
    closesOn: '截止日期',
    closesOnHint: '当天仍可提交；不早于该月第一天。',
  },
  create: '发布议题',
  created: '议题已发布，代表首页会显示。',
  empty: '还没有设置过座谈议题。',
  columns: {
    month: '月份',
    title: '议题',
    closesOn: '截止日期',
    status: '状态',
    suggestions: '建议数',
    participating: '参与代表',
  },
  status: { open: '征集中', closed: '已截止', upcoming: '未开始' } as Record<string, string>,
  report: '参与情况通报',
  /** On the deputy's home page: the topic's one line under its title. */
  homeLine: (month: string, closesOn: string) => `${month} 座谈议题 · ${closesOn} 截止 · 点击围绕议题提建议`,
  homeLabel: '本月座谈议题',
  /** On the suggestion form. */
  formBanner: '围绕座谈议题提建议',
  formCloses: (closesOn: string) => `${closesOn} 截止`,
  /** On a suggestion's page. */
  detailLabel: '座谈议题',
  /** Why a topic form was refused (worker/rules/forums.ts). */
  formErrors: {
    month_invalid: '请填写月份，格式如 2026-11。',
    title_required: '请填写议题。',
    title_too_long: `议题不能超过 ${TOPIC_TITLE_MAX} 个字。`,
    description_required: '请填写议题说明。',
    description_too_long: `议题说明不能超过 ${TOPIC_DESCRIPTION_MAX} 个字。`,
    closes_on_invalid: '请填写截止日期，格式如 2026-11-30。',
    closes_before_month: '截止日期不能早于该月第一天。',
    closes_too_late: `截止日期不能晚于该月开始后 ${TOPIC_MAX_OPEN_MONTHS} 个月。`,
  } satisfies Record<TopicFormError, string>,
  errors: {
    topicClosed: '这个座谈议题已截止或不存在，不能再在该议题下提交建议。您可以不选议题直接提交。',
  },
  reportPage: {
    title: (topic: string) => `“${topic}”参与情况通报`,
    asOf: (time: string) => `统计时间：${time}（实时统计）`,
    period: (month: string, closesOn: string) => `议题月份：${month}；截止日期：${closesOn}`,
    summary: (participating: number, deputies: number, rate: string, suggestions: number) =>
      `全县 ${deputies} 名代表中已有 ${participating} 名参与，参与率 ${rate}，共提出建议 ${suggestions} 件。`,
    byTownship: '各乡镇（街道）联络站参与情况',
    participants: '参与代表名单',
    noParticipants: '还没有代表在这个议题下提出或附议建议。',
    township: '乡镇（街道）',
    station: '联络站',
    deputies: '代表数',
    participating: '参与代表数',
    rate: '参与率',
    suggestions: '建议数',
    deputy: '代表',
    led: '领衔',
    cosigned: '附议',
    subtotal: (township: string) => `${township} 小计`,
    total: '全县合计',
    noTownship: '未填乡镇',
    noStation: '未编入联络站的代表',
    exportStations: '导出联络站统计',
    exportParticipants: '导出参与代表名单',
    back: '返回座谈议题',
  },
};
