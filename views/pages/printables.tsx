/**
 * Printable documents (A4, print stylesheet): a unit's reply letter, and
 * the 代表建议办理情况反馈意见表 the deputy fills in by hand when rating on paper.
 */
import { Facts } from '../components/facts';
import type { SuggestionDetail } from '../../db/tenant-data';
import { chinaDate } from '../format';
import { text } from '../text/index';

const p = text.print;
const h = text.handling;

export function ReplyLetter(props: { tenantName: string; s: SuggestionDetail; reply: SuggestionDetail['replies'][number] }) {
  const { s, reply } = props;
  return (
    <article class="print-page">
      <p class="print-actions no-print">{p.printHint}</p>
      <h1 class="doc-title">{p.replyTitle(reply.unitName, s.title)}</h1>
      <p>
        {s.leadDeputyName} {p.deputySuffix}：
      </p>
      <p>{p.replyOpening(s.number ?? '', s.title)}</p>
      <div class="content">{reply.body}</div>
      <Facts
        class="facts"
        facts={[
          [h.classLabel, reply.replyClass ? (h.classes[reply.replyClass] ?? reply.replyClass) : text.common.none],
          reply.promisedDate && [h.promisedDate, reply.promisedDate],
          [h.signer, reply.signer ?? ''],
        ]}
      />
      <p class="doc-sign">
        {reply.unitName}
        <br />
        {chinaDate(reply.createdAt)}
      </p>
      <p class="meta">
        {p.copyTo}：{s.cosigners.length ? s.cosigners.map((c) => c.name).join('、') : text.common.none}；{props.tenantName}
      </p>
    </article>
  );
}

export function FeedbackForm(props: { tenantName: string; s: SuggestionDetail }) {
  const { s } = props;
  const units = s.assignments.filter((a) => a.state !== 'withdrawn');
  const latest = s.replies.filter((r) => r.kind === 'reply').at(-1);
  const boxes = Object.values(h.ratingValues)
    .map((v) => `□ ${v}`)
    .join('　');
  return (
    <article class="print-page">
      <p class="print-actions no-print">{p.printHint}</p>
      <h1 class="doc-title">{p.feedbackTitle}</h1>
      <p class="meta">{props.tenantName}</p>
      <table class="doc-table">
        <tbody>
          <tr>
            <th scope="row">{text.suggestion.number}</th>
            <td>{s.number ?? ''}</td>
            <th scope="row">{text.suggestion.leadDeputy}</th>
            <td>{s.leadDeputyName}</td>
          </tr>
          <tr>
            <th scope="row">{text.suggestion.title}</th>
            <td colspan={3}>{s.title}</td>
          </tr>
          <tr>
            <th scope="row">{h.units}</th>
            <td colspan={3}>{units.map((a) => `${a.unitName}（${h.unitRole[a.role] ?? a.role}）`).join('、')}</td>
          </tr>
          <tr>
            <th scope="row">{h.classLabel}</th>
            <td colspan={3}>{s.replyClass ? (h.classes[s.replyClass] ?? s.replyClass) : ''}</td>
          </tr>
          <tr>
            <th scope="row">{p.repliedOn}</th>
            <td colspan={3}>{latest ? chinaDate(latest.createdAt) : ''}</td>
          </tr>
          <tr>
            <th scope="row">{p.contacted}</th>
            <td colspan={3}>
              {s.contacts.length
                ? `□ ${text.common.yes}（${s.contacts.map((m) => m.contactedOn).join('、')}）`
                : `□ ${text.common.yes}　□ ${text.common.no}`}
            </td>
          </tr>
          <tr>
            <th scope="row">{h.attitude}</th>
            <td colspan={3}>{boxes}</td>
          </tr>
          <tr>
            <th scope="row">{h.result}</th>
            <td colspan={3}>{boxes}</td>
          </tr>
          <tr class="tall">
            <th scope="row">{p.opinion}</th>
            <td colspan={3}></td>
          </tr>
          <tr>
            <th scope="row">{p.deputySignature}</th>
            <td></td>
            <th scope="row">{p.date}</th>
            <td>{p.dateBlank}</td>
          </tr>
        </tbody>
      </table>
      <p class="meta">{p.feedbackNote(s.evaluationDue)}</p>
    </article>
  );
}

/** 督办函: a supervision letter to the handling units, generated from the item. */
export function SupervisionLetter(props: { tenantName: string; s: SuggestionDetail; today: string }) {
  const { s } = props;
  const units = s.assignments.filter((a) => a.state !== 'withdrawn');
  const colour = text.supervision.colours[s.colour] ?? s.colour;
  const state = text.states[s.state as keyof typeof text.states] ?? s.state;
  return (
    <article class="print-page">
      <p class="print-actions no-print">{p.printHint}</p>
      <h1 class="doc-title">{p.letterTitle}</h1>
      <p>{units.map((a) => a.unitName).join('、')}：</p>
      <p>
        <strong>{p.letterSubject(s.number ?? '', s.title)}</strong>
      </p>
      <p>{p.letterBody(state, colour)}</p>
      <table class="doc-table">
        <tbody>
          <tr>
            <th scope="row">{text.suggestion.leadDeputy}</th>
            <td>{s.leadDeputyName}</td>
          </tr>
          {units.map((a) => (
            <tr>
              <th scope="row">{a.unitName}</th>
              <td>
                {h.unitRole[a.role] ?? a.role} · {h.unitState[a.state] ?? a.state} ·{' '}
                {a.role === 'assist' ? `${h.opinionDue} ${a.opinionDue ?? ''}` : `${h.replyDue} ${a.replyDue ?? ''}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="doc-sign">
        {props.tenantName}
        <br />
        {props.today}
      </p>
    </article>
  );
}
