/** One suggestion: its facts, its text, its co-signers and its timeline. */
import type { SuggestionDetail } from '../../db/tenant-data';
import { StateBadge } from '../components/state-badge';
import { chinaDateTime } from '../format';
import { text } from '../i18n';
import type { SuggestionState } from '../../worker/rules/suggestion-states';

export function SuggestionDetailPage(props: { base: string; s: SuggestionDetail; backHref: string; notice?: string }) {
  const { s } = props;
  const t = text.suggestion;
  const onBehalf = s.enteredByRole !== 'deputy';
  return (
    <article>
      {props.notice && (
        <p class="alert ok" role="status" data-clear-draft="new-suggestion">
          {props.notice}
        </p>
      )}
      <h1>{s.title}</h1>
      <section class="card">
        <dl class="facts">
          <dt>{t.number}</dt>
          <dd>{s.number ?? text.common.none}</dd>
          <dt>{t.state}</dt>
          <dd>
            <StateBadge state={s.state} />
          </dd>
          <dt>{t.leadDeputy}</dt>
          <dd>{s.leadDeputyName}</dd>
          <dt>{t.cosignersShort}</dt>
          <dd>{s.cosigners.length ? s.cosigners.map((c) => c.name).join('、') : text.common.none}</dd>
          <dt>{t.category}</dt>
          <dd>{s.categoryName ?? text.common.none}</dd>
          <dt>{t.sourceChannel}</dt>
          <dd>{text.sourceChannels[s.sourceChannel] ?? s.sourceChannel}</dd>
          <dt>{t.enteredBy}</dt>
          <dd>{onBehalf ? t.enteredOnBehalf(s.enteredByName) : s.enteredByName}</dd>
          <dt>{t.submittedAt}</dt>
          <dd>{chinaDateTime(s.submittedAt) || text.common.none}</dd>
        </dl>
      </section>
      <section class="card">
        <h2>{t.content}</h2>
        <div class="content">{s.content}</div>
      </section>
      <section class="card">
        <h2>{t.timeline}</h2>
        <ol class="timeline">
          {s.events.map((e) => (
            <li>
              <span class="meta">{chinaDateTime(e.createdAt)}</span> {e.actorName}：
              {text.events[e.kind] ?? e.kind}
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
