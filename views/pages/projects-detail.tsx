/** 民生实事项目: one project — its facts, the plan form, its progress reports and the satisfaction vote. */
import { Facts } from '../components/facts';
import type { Child } from 'hono/jsx';
import { FieldSet, SelectField, TextAreaField, TextField } from '../components/field';
import { PostForm } from '../components/form';
import { chinaDate } from '../format';
import { ItemList } from '../components/item-list';
import { PageHead } from '../components/page-head';
import { text } from '../text/index';
import type { ProjectRow } from '../../db/repos/projects';
import { wanFromYuan, type ProgressColour } from '../../worker/rules/projects';
import { ProgressBadge } from './projects';

const t = text.projects;

export interface ProjectDetailProps {
  base: string;
  csrfToken: string;
  project: ProjectRow;
  colour: ProgressColour;
  expected: number | null;
  updates: { percent: number; note: string; createdAt: number; userName: string }[];
  totals: Partial<Record<string, number>>;
  /** Forms shown to this user. */
  mayPlan: boolean;
  mayReport: boolean;
  mayRate: boolean;
  /** Rating is open for this project (year-end or finished). */
  ratingOpen: boolean;
  myRating: string | null;
  units: { id: number; name: string }[];
  values: Record<string, string>;
  errors: Partial<Record<string, string>>;
  notice?: string | undefined;
  alert?: string | undefined;
  showContact: boolean;
}

export function ProjectDetailPage(props: ProjectDetailProps) {
  const p = props.project;
  const v = props.values;
  const e = props.errors;
  const action = `${props.base}/projects/${p.id}`;
  return (
    <section>
      <PageHead title={p.title} notice={props.notice} alert={props.alert} />
      <Facts
        class="facts card"
        facts={[
          [t.columns.status, t.statuses[p.status] ?? p.status],
          [t.fields.year, p.year],
          [t.columns.budget, wanFromYuan(p.budgetYuan) || text.common.none],
          [t.columns.unit, p.unitName ?? text.common.none],
          [
            t.columns.proposer,
            <>
              {t.proposerKinds[p.proposerKind] ?? ''}
              {p.proposerName ? ` · ${p.proposerName}` : ''}
              {props.showContact && p.proposerContact ? ` · ${p.proposerContact}` : ''}
            </>,
          ],
          [t.columns.plannedFinish, p.plannedFinish ?? text.common.none],
        ]}
      />
      <p class="prewrap">{p.description}</p>
      {props.mayPlan && p.status !== 'pending' && p.status !== 'rejected' && (
        <PostForm action={`${action}/plan`} csrfToken={props.csrfToken} class="card" novalidate>
          <h2>{t.planTitle}</h2>
          <SelectField
            name="unit_id"
            label={t.fields.unit}
            error={e['unit_id']}
            value={v['unit_id'] ?? String(p.unitId ?? '')}
            options={props.units.map((u) => [String(u.id), u.name] as const)}
          />
          <TextField
            name="planned_finish"
            label={t.fields.plannedFinish}
            hint={t.fields.plannedFinishHint}
            error={e['planned_finish']}
            value={v['planned_finish'] ?? p.plannedFinish ?? ''}
          />
          <button type="submit">{t.savePlan}</button>
        </PostForm>
      )}
      {p.status === 'chosen' && (
        <section>
          <h2>{t.progressTitle}</h2>
          <p>
            <ProgressBadge colour={props.colour} percent={p.progressPercent} />
            {props.expected !== null && (
              <span class="meta">
                {' '}
                {t.expected} {Math.round(props.expected)}%
              </span>
            )}
          </p>
          <ItemList
            items={props.updates}
            empty={t.noUpdates}
            emptyClass="meta"
            item={(u) => (
              <li>
                <strong>{u.percent}%</strong> {u.note}
                <div class="meta">
                  {chinaDate(u.createdAt)} · {u.userName}
                </div>
              </li>
            )}
          />
          {props.mayReport && (
            <PostForm action={`${action}/progress`} csrfToken={props.csrfToken} class="card" novalidate>
              <h3>{t.reportProgress}</h3>
              <TextField
                name="percent"
                label={t.percent}
                hint={t.percentHint(p.progressPercent)}
                error={e['percent']}
                value={v['percent']}
                inputmode="numeric"
                size={4}
              />
              <TextAreaField name="note" label={t.note} error={e['note']} value={v['note']} rows={3} />
              <button type="submit">{t.reportProgress}</button>
            </PostForm>
          )}
          <h2>{t.satisfactionTitle}</h2>
          <p>{t.totals(props.totals['satisfied'] ?? 0, props.totals['basically'] ?? 0, props.totals['unsatisfied'] ?? 0)}</p>
          {props.mayRate && <RatingForm {...props} action={`${action}/satisfaction`} />}
        </section>
      )}
    </section>
  );
}

function RatingForm(props: ProjectDetailProps & { action: string }): Child {
  if (props.myRating) return <p class="meta">{t.myRating(t.ratings[props.myRating] ?? props.myRating)}</p>;
  if (!props.ratingOpen) return <p class="meta">{t.satisfactionNotOpen}</p>;
  return (
    <PostForm action={props.action} csrfToken={props.csrfToken} class="card">
      <FieldSet name="rating" legend={t.satisfactionTitle} error={props.errors['rating']}>
        {Object.entries(t.ratings).map(([value, label]) => (
          <label class="check">
            <input type="radio" name="rating" value={value} checked={props.values['rating'] === value} /> {label}
          </label>
        ))}
      </FieldSet>
      <button type="submit">{t.rate}</button>
    </PostForm>
  );
}
