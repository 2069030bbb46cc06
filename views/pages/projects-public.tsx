/**
 * 民生实事 on the county's public pages (no login, no script): the year's
 * chosen projects with their progress colour, the closed ballots' results
 * with votes and turnout, and the form where anyone proposes a project.
 */
import { chinaDateTime } from '../format';
import { ItemList } from '../components/item-list';
import { PageHead } from '../components/page-head';
import { text } from '../text/index';
import type { BallotView } from '../../db/repos/projects';
import type { ProposalErrors, ProposalValues } from '../../worker/forms/projects';
import { wanFromYuan, type ProgressColour } from '../../worker/rules/projects';
import { BallotResults } from './projects-ballot';
import { ProgressBadge, ProposalFields } from './projects';

const t = text.projects;
const p = t.public;

export interface PublicProject {
  id: number;
  title: string;
  description: string;
  budgetYuan: number | null;
  unitName: string | null;
  plannedFinish: string | null;
  progressPercent: number;
  colour: ProgressColour;
}

export function PublicProjectsPage(props: { base: string; year: number; chosen: PublicProject[]; results: BallotView[] }) {
  return (
    <section>
      <h1>
        {props.year} {p.title}
      </h1>
      <p>{p.intro}</p>
      <p>
        <a href={`${props.base}/public/projects/propose`}>{p.proposeLink}</a>
      </p>
      <h2>{p.chosenTitle}</h2>
      <ItemList
        items={props.chosen}
        empty={p.noChosen}
        item={(x) => (
          <li>
            <strong>{x.title}</strong> <ProgressBadge colour={x.colour} percent={x.progressPercent} />
            <div class="meta">
              {t.columns.unit} {x.unitName ?? text.common.none} · {t.columns.budget} {wanFromYuan(x.budgetYuan) || text.common.none} ·{' '}
              {t.columns.plannedFinish} {x.plannedFinish ?? text.common.none}
            </div>
            <p class="prewrap">{x.description}</p>
          </li>
        )}
      />
      <h2>{p.ballotsTitle}</h2>
      {props.results.length === 0 ? (
        <p class="card">{p.noResults}</p>
      ) : (
        props.results.map((v) => (
          <section class="card">
            <h3>{v.ballot.title}</h3>
            <p class="meta">
              {t.ballotMeta(v.ballot.places, v.candidates.length)} · {t.window(chinaDateTime(v.ballot.opensAt), chinaDateTime(v.ballot.closesAt))}
            </p>
            <BallotResults view={v} />
          </section>
        ))
      )}
      <nav class="pager" aria-label={t.yearLabel}>
        <a href={`${props.base}/public/projects?year=${props.year - 1}`}>{props.year - 1}</a>{' '}
        <a href={`${props.base}/public/projects?year=${props.year + 1}`}>{props.year + 1}</a>
      </nav>
    </section>
  );
}

export function PublicProposePage(props: { base: string; values: ProposalValues; errors: ProposalErrors; alert?: string | undefined }) {
  return (
    <section>
      <PageHead
        title={p.proposeTitle}
        intro={p.proposeIntro}
        alert={props.alert ?? (Object.keys(props.errors).length ? text.suggestion.fixErrors : undefined)}
      />
      <form method="post" action={`${props.base}/public/projects/propose`} class="card" novalidate>
        <ProposalFields values={props.values} errors={props.errors} askName={true} />
        <button type="submit">{t.submit}</button>
      </form>
      <p>
        <a href={`${props.base}/public/projects`}>{p.back}</a>
      </p>
    </section>
  );
}

export function PublicThanksPage(props: { base: string }) {
  return (
    <section>
      <h1>{p.thanksTitle}</h1>
      <p class="alert ok" role="status">
        {p.thanks}
      </p>
      <p>
        <a href={`${props.base}/public/projects`}>{p.back}</a>
      </p>
    </section>
  );
}
