/** 三色督办: colours and stages, alerts, the supervision board and the daily digest. */

export const supervisionText = {
  supervision: {
    system: '系统',
    colours: { green: '绿牌', yellow: '黄牌', red: '红牌' } as Record<string, string>,
    colourLabel: '督办',
    stages: {
      sign_for: '签收/申请退回',
      opinion: '协办意见',
      reply: '答复',
      rehandling: '重新办理',
      evaluation: '代表测评',
      promise: 'B类承诺完成',
    } as Record<string, string>,
  },
  alerts: {
    line: (colour: string, stage: string, overdue: boolean) => `${colour}：“${stage}”环节${overdue ? '已经超期' : '即将到期'}，请及时办理。`,
    open: '查看',
  },
  board: {
    title: '督办看板',
    nav: '督办看板',
    summary: (red: number, yellow: number) => `红牌 ${red} 项，黄牌 ${yellow} 项（按单位、环节和超期天数列出，红牌在前）。`,
    yellowAndRed: '黄牌和红牌',
    stage: '环节',
    due: '期限',
    empty: '目前没有黄牌或红牌事项。',
    deputyStage: '（代表测评或承诺）',
    overdue: (days: number) => `已超期 ${days} 天`,
    overdueDaysColumn: '已超期（天）',
    left: (days: number) => (days === 0 ? '今天到期' : `还剩 ${days} 天`),
  },
  digest: {
    title: '每日督办简报',
    headline: (day: string, yellow: number, red: number) =>
      `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日督办简报：红牌 ${red} 件，黄牌 ${yellow} 件。`,
    redLine: (number: string, title: string, unit: string | null, stage: string, overdueDays: number) =>
      `红牌 ${number}《${title}》${unit ? ` ${unit}` : ''} · ${stage} · 已超期 ${overdueDays} 天`,
    more: (n: number) => `另有 ${n} 项红牌，请到督办看板查看。`,
    allClear: '目前没有红牌事项。',
    openBoard: '打开督办看板',
  },
};
