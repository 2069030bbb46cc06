/**
 * What an alert says, for email and for the group robots of 企业微信 and
 * 钉钉 (their documented JSON: msgtype markdown). Pure.
 */
import { text } from '../../views/i18n';

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
