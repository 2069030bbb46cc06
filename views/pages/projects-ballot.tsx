/**
 * One ballot (票决): the secret vote form for an eligible deputy, turnout
 * while it runs (no tallies before the count), and the results once closed —
 * with staff's pick when projects tie across the last place (并列).
 */
import { FieldSet } from '../components/field';
import { chinaDateTime } from '../format';
import { DataTable } from '../components/table';
import { PageHead } from '../components/page-head';
import { text } from '../text/index';
import type { BallotView } from '../../db/repos/projects';
import { turnoutPercent, wanFromYuan, type BallotPhase } from '../../worker/rules/projects';
import { PostForm } from '../components/form';

const t = text.projects;

export interface BallotPageProps {
  base: string;
  csrfToken: string;
  view: BallotView;
  phase: BallotPhase;
  /** This user is a deputy who may vote. */
  eligible: boolean;
  isDeputy: boolean;
  manage: boolean;
  seeTurnout: boolean;
  chosen: number[];
  errors: Partial<Record<'choices' | 'picked', string>>;
  notice?: string | undefined;
  alert?: string | undefined;
}

export function turnoutLine(voters: number, eligible: number): string {
  const rate = turnoutPercent(voters, eligible);
  return t.turnout(voters, eligible, rate === null ? text.common.none : `${rate}%`);
}

/** The results table, shared with the public page. */
export function BallotResults(props: { view: BallotView }) {
  const v = props.view;
  const sorted = [...v.candidates].sort((a, b) => b.votes - a.votes || a.projectId - b.projectId);
  return (
    <>
      <p>{turnoutLine(v.voters, v.eligible)}</p>
      <DataTable
        columns={[t.columns.title, t.columns.unit, t.columns.budget, t.columns.votes, t.columns.result]}
        rows={sorted}
        focusable
        row={(c) => (
          <tr>
            <td>{c.title}</td>
            <td>{c.unitName ?? ''}</td>
            <td>{wanFromYuan(c.budgetYuan)}</td>
            <td>{c.votes}</td>
            <td>{c.status === 'shortlisted' ? t.tiePending : (t.statuses[c.status] ?? c.status)}</td>
          </tr>
        )}
      />
    </>
  );
}

export function BallotPage(props: BallotPageProps) {
  const v = props.view;
  const b = v.ballot;
  const action = `${props.base}/ballots/${b.id}`;
  const tied = v.candidates.filter((c) => c.status === 'shortlisted');
  const openPlaces = b.places - v.candidates.filter((c) => c.status === 'chosen').length;
  return (
    <section>
      <PageHead title={b.title} notice={props.notice} alert={props.alert} />
      <p class="meta">
        {t.phases[props.phase]} · {t.ballotMeta(b.places, v.candidates.length)} · {t.window(chinaDateTime(b.opensAt), chinaDateTime(b.closesAt))}
      </p>
      {props.phase !== 'closed' && props.isDeputy && (
        <>
          {!props.eligible ? (
            <p class="card">{t.notEligible}</p>
          ) : v.voted ? (
            <p class="card">{t.voted}</p>
          ) : props.phase === 'not_open' ? (
            <p class="card">{t.notOpenYet}</p>
          ) : props.phase === 'ended' ? (
            <p class="card">{t.closedNotice}</p>
          ) : (
            <PostForm action={`${action}/vote`} csrfToken={props.csrfToken} class="card">
              <h2>{t.voteTitle}</h2>
              <FieldSet name="choices" legend={t.ballotFields.candidates} hint={t.voteHint(b.places)} error={props.errors.choices}>
                {v.candidates.map((c) => (
                  <label class="check">
                    <input type="checkbox" name="choices" value={String(c.projectId)} checked={props.chosen.includes(c.projectId)} /> {c.title}
                    {c.unitName ? <span class="meta"> · {c.unitName}</span> : ''}
                  </label>
                ))}
              </FieldSet>
              <button type="submit">{t.castVote}</button>
            </PostForm>
          )}
        </>
      )}
      {props.phase !== 'closed' && props.seeTurnout && <p>{t.turnoutSoFar(v.voters, v.eligible)}</p>}
      {props.phase !== 'closed' && props.manage && (
        <PostForm action={`${action}/close`} csrfToken={props.csrfToken} class="card">
          <p class="meta">{t.closeConfirm}</p>
          <button type="submit">{t.closeBallot}</button>
        </PostForm>
      )}
      {props.phase === 'closed' && (
        <>
          <h2>{t.results}</h2>
          <BallotResults view={v} />
          {props.manage && tied.length > 0 && (
            <PostForm action={`${action}/resolve`} csrfToken={props.csrfToken} class="card">
              <h3>{t.tieTitle}</h3>
              <FieldSet name="picked" legend={t.tieExplain(openPlaces)} error={props.errors.picked}>
                {tied.map((c) => (
                  <label class="check">
                    <input type="checkbox" name="picked" value={String(c.projectId)} checked={props.chosen.includes(c.projectId)} /> {c.title}（
                    {c.votes}）
                  </label>
                ))}
              </FieldSet>
              <button type="submit">{t.resolveTie}</button>
            </PostForm>
          )}
        </>
      )}
      <p>
        <a href={`${props.base}/projects?year=${b.year}`}>{t.title}</a>
      </p>
    </section>
  );
}
