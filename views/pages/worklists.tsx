/** Work lists: a unit's 待办建议 (most urgent first) and the user's 消息. */
import { ExportLinks } from '../components/export-links';
import { StateBadge } from '../components/state-badge';
import { ColourBadge } from '../components/colour-badge';
import { chinaDateTime } from '../format';
import { ItemList, LinkItem } from '../components/item-list';
import { PostForm } from '../components/form';
import { text } from '../text/index';

const h = text.handling;

export interface InboxItem {
  assignmentId: number;
  suggestionId: number;
  number: string | null;
  title: string;
  suggestionState: string;
  isKey: boolean;
  colour: string;
  role: string;
  state: string;
  returnDue: string;
  due: string | null;
}

export function InboxPage(props: { base: string; unitName: string | null; items: InboxItem[] }) {
  return (
    <section>
      <h1>{text.home.unitInbox}</h1>
      {props.unitName && <p>{props.unitName}</p>}
      {props.items.length > 0 && <ExportLinks href={`${props.base}/inbox`} />}
      <ItemList
        items={props.items}
        empty={text.home.unitInboxEmpty}
        item={(i) => (
          <LinkItem href={`${props.base}/suggestions/${i.suggestionId}`} title={i.title}>
            <StateBadge state={i.suggestionState} /> <ColourBadge colour={i.colour} /> {i.number ?? ''} · {h.unitRole[i.role] ?? i.role} ·{' '}
            {h.unitState[i.state] ?? i.state}
            {i.isKey && ` · ${h.keyLabel}`}
            {i.due && ` · ${i.role === 'assist' ? h.opinionDue : h.replyDue} ${i.due}`}
            {i.state === 'assigned' && i.role !== 'assist' && ` · ${h.returnDue} ${i.returnDue}`}
          </LinkItem>
        )}
      />
    </section>
  );
}

export interface NotificationItem {
  id: number;
  suggestionId: number | null;
  title: string | null;
  kind: string;
  message: string;
  createdAt: number;
  readAt: number | null;
}

export function NotificationsPage(props: { base: string; items: NotificationItem[]; csrfToken: string; unread: number }) {
  const n = text.notifications;
  return (
    <section>
      <h1>{n.title}</h1>
      {props.unread > 0 && (
        <PostForm action={`${props.base}/notifications/read`} csrfToken={props.csrfToken}>
          <p>
            {n.unread(props.unread)} <button type="submit">{n.markRead}</button>
          </p>
        </PostForm>
      )}
      <ItemList
        items={props.items}
        empty={n.empty}
        item={(i) => (
          <li class={i.readAt ? 'read' : 'unread'}>
            {!i.readAt && <strong>● </strong>}
            {n.kinds[i.kind] ?? i.kind}
            {i.suggestionId && i.title && (
              <>
                ：<a href={`${props.base}/suggestions/${i.suggestionId}`}>{i.title}</a>
              </>
            )}
            {i.kind === 'digest' && (
              <>
                ：<a href={`${props.base}/supervision?colour=red`}>{text.digest.openBoard}</a>
              </>
            )}
            {i.message && i.message.split('\n').map((line) => <div class="meta">{line}</div>)}
            <div class="meta">{chinaDateTime(i.createdAt)}</div>
          </li>
        )}
      />
    </section>
  );
}
