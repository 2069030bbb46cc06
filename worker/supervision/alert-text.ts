/**
 * What an alert says, for email and for the group robots of 企业微信 and
 * 钉钉 (their documented JSON: msgtype markdown). Pure.
 */
import { text } from '../../views/text/index';

export interface AlertFacts {
  countyName: string;
  colour: string;
  stage: string;
  number: string | null;
  title: string;
  unitName: string | null;
  dueDate: string;
  link: string;
}

export function alertSubject(a: AlertFacts): string {
  return `【${text.supervision.colours[a.colour] ?? a.colour}】${a.countyName} · ${a.number ?? ''}《${a.title}》`;
}

export function alertBody(a: AlertFacts): string {
  const stage = text.supervision.stages[a.stage] ?? a.stage;
  return [
    text.alerts.line(text.supervision.colours[a.colour] ?? a.colour, stage, a.colour === 'red'),
    `${text.suggestion.title}：${a.number ?? ''}《${a.title}》`,
    a.unitName ? `${text.handling.units}：${a.unitName}` : null,
    `${text.board.due}：${a.dueDate}`,
    `${text.alerts.open}：${a.link}`,
  ]
    .filter(Boolean)
    .join('\n');
}

/** The JSON a group robot webhook expects. */
export function webhookPayload(kind: 'wecom' | 'dingtalk', a: AlertFacts): unknown {
  const subject = alertSubject(a);
  const body = alertBody(a).split('\n').join('\n\n');
  if (kind === 'dingtalk') return { msgtype: 'markdown', markdown: { title: subject, text: `### ${subject}\n\n${body}` } };
  return { msgtype: 'markdown', markdown: { content: `**${subject}**\n${alertBody(a)}` } };
}

/** A daily digest (每日督办简报), for email and the group robots. */
export interface DigestFacts {
  countyName: string;
  day: string;
  yellow: number;
  red: number;
  body: string;
  link: string;
}

export function digestSubject(d: DigestFacts): string {
  return `【${text.digest.title}】${d.countyName} · ${d.day}`;
}

export function digestBody(d: DigestFacts): string {
  return [text.digest.headline(d.day, d.yellow, d.red), d.body || text.digest.allClear, `${text.digest.openBoard}：${d.link}`].join('\n');
}

/** The JSON a group robot webhook expects, for a digest. */
export function digestWebhookPayload(kind: 'wecom' | 'dingtalk', d: DigestFacts): unknown {
  const subject = digestSubject(d);
  if (kind === 'dingtalk')
    return { msgtype: 'markdown', markdown: { title: subject, text: `### ${subject}\n\n${digestBody(d).split('\n').join('\n\n')}` } };
  return { msgtype: 'markdown', markdown: { content: `**${subject}**\n${digestBody(d)}` } };
}
