/**
 * One suggestion: its facts, its text, its units and due dates, the
 * replies and contacts, the deputy's ratings, its timeline, and the forms
 * for what the signed-in person may do now.
 */
import type { Child } from 'hono/jsx';
import type { SuggestionDetail } from '../../db/tenant-data';
import { StateBadge } from '../components/state-badge';
import { ColourBadge } from '../components/colour-badge';
import { chinaDate, chinaDateTime } from '../format';
import { DataTable } from '../components/table';
import { text } from '../text/index';
import type { SuggestionState } from '../../worker/rules/suggestion-states';
import type { UiAction } from '../../worker/rules/available-actions';
import { ActionPanel, type ActionFormOptions, type FailedForm } from './suggestion-actions';
import { PublicationBox, type PublicationBoxProps } from './disclosure';

const h = text.handling;

export interface SuggestionDetailProps {
  base: string;
  s: SuggestionDetail;
  backHref: string;
  notice?: string;
  /** A problem to show at the top (a refused or overtaken action). */
  alert?: string;
  /** Marks the browser's saved draft as sent (after a submit). */
  clearDraft?: boolean;
  actions: UiAction[];
  csrfToken: string;
  failed?: FailedForm;
  options: ActionFormOptions;
  /** Staff, once there is a reply: whether it is public (公开), and the links to change that. */
  publication?: PublicationBoxProps;
  /** Where it came from (来源：接待日群众反映), linked back when the viewer may open that. */
  origin?: { label: string; value: string; href: string | null };
}

export function SuggestionDetailPage(props: SuggestionDetailProps) {
  const { s } = props;
  const t = text.suggestion;
  const onBehalf = s.enteredByRole !== 'deputy';
  const href = `${props.base}/suggestions/${s.id}`;
  const units = s.assignments.filter((a) => a.state !== 'withdrawn');
  return (
    <article>
      {props.notice && (
        <p class="alert ok" role="status" data-clear-draft={props.clearDraft ? 'new-suggestion' : undefined}>
          {props.notice}
        </p>
      )}
      {props.alert && (
        <p class="alert" role="alert">
          {props.alert}
        </p>
      )}
      <h1>{s.title}</h1>
      <section class="card">
        <dl class="facts">
          <dt>{t.number}</dt>
          <dd>{s.number ?? text.common.none}</dd>
          <dt>{t.state}</dt>
          <dd>
            <StateBadge state={s.state} /> <ColourBadge colour={s.colour} showGreen={s.state !== 'closed'} />
            {s.isKey && <span class="state key"> {h.keyLabel}</span>}
          </dd>
          <dt>{t.leadDeputy}</dt>
          <dd>{s.leadDeputyName}</dd>
          <dt>{t.cosignersShort}</dt>
          <dd>{s.cosigners.length ? s.cosigners.map((c) => c.name).join('、') : text.common.none}</dd>
          <dt>{t.category}</dt>
          <dd>{s.categoryName ?? text.common.none}</dd>
          <dt>{t.sourceChannel}</dt>
          <dd>{text.sourceChannels[s.sourceChannel] ?? s.sourceChannel}</dd>
          {props.origin && (
            <>
              <dt>{props.origin.label}</dt>
              <dd data-origin>{props.origin.href ? <a href={props.origin.href}>{props.origin.value}</a> : props.origin.value}</dd>
            </>
          )}
          {s.forumTopicTitle && (
            <>
              <dt>{text.forums.detailLabel}</dt>
              <dd>{s.forumTopicTitle}</dd>
            </>
          )}
          <dt>{t.enteredBy}</dt>
          <dd>{onBehalf ? t.enteredOnBehalf(s.enteredByName) : s.enteredByName}</dd>
          <dt>{t.submittedAt}</dt>
          <dd>{chinaDateTime(s.submittedAt) || text.common.none}</dd>
          {s.isKey && s.supervisingLeader && (
            <>
              <dt>{h.leader}</dt>
              <dd>{s.supervisingLeader}</dd>
            </>
          )}
          {s.replyClass && (
            <>
              <dt>{h.classLabel}</dt>
              <dd>{h.classes[s.replyClass] ?? s.replyClass}</dd>
            </>
          )}
          {s.evaluationDue && (
            <>
              <dt>{h.evaluationDue}</dt>
              <dd>{s.evaluationDue}</dd>
            </>
          )}
        </dl>
      </section>
      <section class="card">
        <h2>{t.content}</h2>
        <div class="content">{s.content}</div>
      </section>
      {units.length > 0 && (
        <section class="card">
          <h2>{h.units}</h2>
          <DataTable
            columns={[h.units, t.state, h.replyDue]}
            rows={units}
            row={(a) => (
              <tr>
                <td>
                  {a.unitName}（{h.unitRole[a.role] ?? a.role}）
                </td>
                <td>{h.unitState[a.state] ?? a.state}</td>
                <td>
                  {a.role === 'assist' ? `${h.opinionDue} ${a.opinionDue ?? ''}` : a.replyDue}
                  {a.originalReplyDue && a.replyDue !== a.originalReplyDue && h.extendedFrom(a.originalReplyDue)}
                  {a.state === 'assigned' && a.role !== 'assist' && (
                    <div class="meta">
                      {h.returnDue} {a.returnDue}
                    </div>
                  )}
                  {a.returnReason && a.state === 'return_requested' && <div class="meta">{a.returnReason}</div>}
                </td>
              </tr>
            )}
          />
        </section>
      )}
      {s.replies.length > 0 && (
        <section class="card">
          <h2>{h.replies}</h2>
          {s.replies.map((r) => (
            <div class="reply" id={`reply-${r.id}`}>
              <h3>
                {r.unitName} · {h.replyKind[r.kind] ?? r.kind} {h.round(r.round)}
              </h3>
              <p class="meta">
                {chinaDate(r.createdAt)}
                {r.replyClass && ` · ${h.classes[r.replyClass] ?? r.replyClass}`}
                {r.promisedDate && ` · ${h.promisedDate} ${r.promisedDate}`}
                {r.signer && ` · ${h.signer} ${r.signer}`}
              </p>
              <div class="content">{r.body}</div>
              {s.attachments.some((f) => f.replyId === r.id) && (
                <ul class="files">
                  {s.attachments
                    .filter((f) => f.replyId === r.id)
                    .map((f) => (
                      <li>
                        <a href={`${href}/files/${f.id}`}>{f.filename}</a> <span class="meta">{Math.ceil(f.size / 1024)} KB</span>
                      </li>
                    ))}
                </ul>
              )}
              {r.kind !== 'opinion' && (
                <p>
                  <a href={`${href}/print/reply/${r.id}`}>{text.print.printReply}</a>
                </p>
              )}
            </div>
          ))}
          {s.replies.some((r) => r.kind === 'reply') && (
            <p>
              <a href={`${href}/print/feedback`}>{text.print.printFeedback}</a>
            </p>
          )}
        </section>
      )}
      <CardList
        title={h.contacts}
        items={s.contacts}
        item={(m) => (
          <>
            {m.contactedOn} · {m.unitName} · {h.contactWho[m.who] ?? m.who} · {h.contactHow[m.how] ?? m.how}
            {m.note && `：${m.note}`}
          </>
        )}
      />
      <CardList
        title={h.ratings}
        items={s.ratings}
        item={(r) => (
          <>
            {h.round(r.round)} {h.attitude}：{h.ratingValues[r.attitude]}；{h.result}：{h.ratingValues[r.result]}
            {r.comment && `（${r.comment}）`}
          </>
        )}
      />
      {(s.supervisions.length > 0 || props.actions.includes('supervise')) && (
        <section class="card">
          <h2>{h.supervisions}</h2>
          {s.supervisions.length > 0 && (
            <ul>
              {s.supervisions.map((v) => (
                <li>
                  {v.actedOn} · {h.superviseKinds[v.kind] ?? v.kind}
                  {v.note && `：${v.note}`}
                </li>
              ))}
            </ul>
          )}
          <p>
            <a href={`${href}/print/supervision-letter`}>{text.print.printSupervisionLetter}</a>
          </p>
        </section>
      )}
      {props.publication && <PublicationBox {...props.publication} />}
      <ActionPanel actions={props.actions} href={href} csrfToken={props.csrfToken} failed={props.failed} options={props.options} />
      <section class="card">
        <h2>{t.timeline}</h2>
        <ol class="timeline">
          {s.events.map((e) => (
            <li>
              <span class="meta">{chinaDateTime(e.createdAt)}</span> {e.actorName}：{text.events[e.kind] ?? e.kind}
              {e.toState && (
                <>
                  {' → '}
                  {text.states[e.toState as SuggestionState] ?? e.toState}
                </>
              )}
              {e.note && <span class="meta">（{e.note}）</span>}
            </li>
          ))}
        </ol>
      </section>
      <p>
        <a href={props.backHref}>{t.backToList}</a>
      </p>
    </article>
  );
}

/** A card with a heading and a plain list, left out when there is nothing to list (contacts, ratings). */
function CardList<T>(p: { title: string; items: readonly T[]; item: (x: T) => Child }) {
  if (p.items.length === 0) return null;
  return (
    <section class="card">
      <h2>{p.title}</h2>
      <ul>
        {p.items.map((x) => (
          <li>{p.item(x)}</li>
        ))}
      </ul>
    </section>
  );
}
