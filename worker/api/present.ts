/**
 * What the API answers, built from the same rows the pages show: dates as
 * ISO 8601, each state and colour with its Chinese label.
 */
import type { SuggestionDetail, SuggestionListItem } from '../../db/tenant-data';
import type { LoadedSuggestion } from '../usecases/suggestions/load';
import type { UiAction } from '../rules/available-actions';
import { text } from '../../views/text/index';
import type { z } from 'zod';
import type { replyItem, suggestionDetail, suggestionListItem } from './schemas';

/** The suggestion actions the API offers (the rest are on the pages). */
export const API_ACTIONS: readonly UiAction[] = ['rate', 'sign_for', 'reply'];

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export const stateLabel = (state: string) => text.states[state as keyof typeof text.states] ?? state;
const colourLabel = (colour: string) => text.supervision.colours[colour] ?? colour;

export function listItem(s: SuggestionListItem): z.infer<typeof suggestionListItem> {
  return {
    id: s.id,
    number: s.number,
    title: s.title,
    state: s.state,
    stateLabel: stateLabel(s.state),
    colour: s.colour,
    colourLabel: colourLabel(s.colour),
    leadDeputyId: s.leadDeputyId,
    leadDeputyName: s.leadDeputyName,
    submittedAt: isoOrNull(s.submittedAt),
    updatedAt: iso(s.updatedAt),
  };
}

export function replies(s: SuggestionDetail): z.infer<typeof replyItem>[] {
  return s.replies.map((r) => ({
    id: r.id,
    unitName: r.unitName,
    kind: r.kind,
    round: r.round,
    body: r.body,
    signer: r.signer,
    replyClass: r.replyClass,
    promisedDate: r.promisedDate,
    createdAt: iso(r.createdAt),
    attachments: s.attachments.filter((f) => f.replyId === r.id).map((f) => ({ id: f.id, filename: f.filename, size: f.size })),
  }));
}

export function detail({ s, actions }: LoadedSuggestion): z.infer<typeof suggestionDetail> {
  return {
    // The list item's fields; the detail row carries no update time, so the last timeline event is it.
    ...listItem({ ...s, updatedAt: s.events.at(-1)?.createdAt ?? s.submittedAt ?? 0 }),
    content: s.content,
    sourceChannel: s.sourceChannel,
    sourceChannelLabel: text.sourceChannels[s.sourceChannel] ?? s.sourceChannel,
    category: s.categoryName,
    enteredByName: s.enteredByName,
    cosigners: s.cosigners.map((x) => ({ id: x.deputyId, name: x.name })),
    replyClass: s.replyClass,
    evaluationDue: s.evaluationDue,
    assignments: s.assignments
      .filter((a) => a.state !== 'withdrawn')
      .map((a) => ({ id: a.id, unitName: a.unitName, role: a.role, state: a.state, replyDue: a.replyDue })),
    replies: replies(s),
    ratings: s.ratings.map((r) => ({ ...r, createdAt: iso(r.createdAt) })),
    actions: [...actions.keys()].filter((a) => API_ACTIONS.includes(a)),
  };
}
