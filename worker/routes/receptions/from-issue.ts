/**
 * 转为代表建议: a voter's issue opens the normal suggestion form
 * (/suggestions/new?voter_issue=ID), prefilled with the issue, with one of
 * the reception's deputies as lead; on submit the issue is linked to the new
 * suggestion in the suggestion's own batch (refused if the issue was
 * handled meanwhile). The suggestion's page then shows 来源：接待日群众反映
 * with a link back. The suggestion routes call these; the rules stay here.
 */
import type { SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { AppContext } from '../../context';
import { auditActor } from '../../middleware/access';
import { can } from '../../rules/roles';
import { issueStep } from '../../rules/receptions';
import { TITLE_MAX, type FieldErrors, type SuggestionFormValues } from '../../forms/suggestions';
import { text } from '../../../views/text/index';
import { idParam, loadIssue } from './load';

const t = text.receptions;

export interface IssueSource {
  issueId: number;
  /** The reception's deputies: the lead is one of them. */
  deputyIds: number[];
  /** The form's values with the issue filled in. */
  prefill(values: SuggestionFormValues): SuggestionFormValues;
  /** Why the chosen lead deputy may not lead this one, on the form's field. */
  leadErrors(values: SuggestionFormValues): FieldErrors;
  /** The statements that link the issue to the new suggestion, for its batch. */
  link(idOfNew: SQL): BatchItem<'sqlite'>[];
}

/**
 * The issue named by `?voter_issue=` if the signed-in person may turn it
 * into a suggestion: a liaison clerk for an issue of their station, a
 * deputy for an issue of a reception they attended. `null`: none named;
 * 'missing': not found or not theirs (404); 'handled': no longer open (409).
 */
export async function issueSource(c: AppContext, raw: string | undefined): Promise<IssueSource | null | 'missing' | 'handled'> {
  if (raw === undefined || raw === '') return null;
  const issue = await loadIssue(c, idParam(raw));
  if (!issue) return 'missing';
  const user = c.var.user!;
  const ownDeputy = can(user.role, 'suggestion.submit_own') ? user.deputyId : null;
  if (ownDeputy !== null && !issue.receptionDeputyIds.includes(ownDeputy)) return 'missing';
  if (!issueStep(issue, 'to_suggestion').ok) return 'handled';
  const content = issue.measure ? `${issue.content}\n\n${t.issue.measure}：${issue.measure}` : issue.content;
  const head = [...issue.content.replace(/\s+/g, ' ').trim()];
  const title = head.length > TITLE_MAX - 10 ? `${head.slice(0, TITLE_MAX - 11).join('')}…` : head.join('');
  return {
    issueId: issue.id,
    deputyIds: issue.receptionDeputyIds,
    prefill: (v) => ({
      ...v,
      title: v.title || title,
      content: v.content || content,
      category_id: v.category_id || (issue.categoryId ? String(issue.categoryId) : ''),
      source_channel: 'reception',
      deputy_id: v.deputy_id || (ownDeputy === null && issue.receptionDeputyIds.length ? String(issue.receptionDeputyIds[0]) : ''),
    }),
    leadErrors: (v) => {
      const lead = ownDeputy ?? (/^[1-9][0-9]{0,14}$/.test(v.deputy_id) ? Number(v.deputy_id) : null);
      if (lead === null || issue.receptionDeputyIds.includes(lead)) return {};
      return ownDeputy === null ? { deputy_id: t.errors.leadNotAtReception } : { form: t.errors.leadNotAtReception };
    },
    link: (idOfNew: SQL) => c.var.data.receptions.linkToNewSuggestion(issue.id, idOfNew, auditActor(c), Date.now()),
  };
}

/** On the suggestion's page: 来源：接待日群众反映, linked for those who may see the issue. */
export function suggestionOrigin(c: AppContext, issueId: number | null): { label: string; value: string; href: string | null } | undefined {
  if (issueId === null) return undefined;
  const mayOpen = can(c.var.user!.role, 'reception.view');
  return { label: t.origin.label, value: t.origin.value, href: mayOpen ? `${c.var.base}/receptions/issues/${issueId}` : null };
}
