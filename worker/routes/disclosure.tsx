/**
 * 公开, the staff's side: 待公开 (the reminder list, with a batch publish),
 * the form that edits a suggestion's public copy and publishes it, and
 * 撤回公开. Staff only (permission `suggestion.publish`). Each publish and
 * unpublish is one atomic batch with its timeline event
 * (db/repos/publications.ts); what must never be public is masked or refused
 * by worker/rules/disclosure.ts.
 */
import { downloadTable, requestedFormat } from '../export/table';
import { pendingDisclosureTable } from '../export/lists';
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../context';
import { requireAction, requireFormToken } from '../middleware/access';
import { isPreconditionFailure } from '../../db/guard';
import type { NewPublication, PublicationSource } from '../../db/repos/publications';
import {
  disclosureDue,
  disclosureWait,
  isPublishable,
  publicCopyOf,
  replyTextOf,
  withheldPatterns,
  type PublicCopy,
  type PublicCopyErrors,
} from '../rules/disclosure';
import { PendingPage, PublishFormPage, type PublishValues } from '../../views/pages/disclosure';
import { pageShell } from '../../views/render';
import { text } from '../../views/text/index';
import { notFound, renderErrorPage } from '../errors';
import { checkPosted, form } from '../forms/validate';
import { batchSchema, publicCopyFormSchema } from '../forms/disclosure';

const d = text.disclosure;

const mayPublish = requireAction('suggestion.publish');

function actorOf(c: AppContext) {
  const user = c.var.user!;
  return { userId: user.id, name: user.displayName };
}

/** The originals as one public copy (title, text, the latest reply). */
function originalsOf(s: PublicationSource): PublicCopy {
  return { title: s.title, content: s.content, replyText: replyTextOf(s.texts, text.handling.replyKind.final!) };
}

/** A copy differs from the originals: something was masked or cut. */
function isRedacted(copy: PublicCopy, s: PublicationSource): boolean {
  const o = originalsOf(s);
  return copy.title !== o.title || copy.content !== o.content || copy.replyText !== o.replyText;
}

function shownDeputyOf(s: PublicationSource): string | null {
  const lead = s.deputies.find((x) => x.lead);
  return lead && !lead.confidential ? lead.name : null;
}

// ---------------------------------------------------------------- 待公开

async function renderPending(c: AppContext, extra: { errors?: Record<string, string>; chosen?: number[]; status?: 200 | 409 | 422 } = {}) {
  const data = c.var.data;
  const [{ settings, calendar }, { items, publishedCount }] = await Promise.all([data.config(), data.publications.pending()]);
  const now = Date.now();
  const rows = items
    .map((i) => ({ ...i, ...disclosureWait(disclosureDue(calendar, settings, i.repliedAt), i.repliedAt, now) }))
    // Past the window first (the longest overdue leading), then the rest by how long they waited.
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.repliedAt - b.repliedAt);
  const format = requestedFormat(c.req.query('format'));
  if (format) return downloadTable(pendingDisclosureTable(rows), format);
  const w = settings.disclosureWindow;
  const published = c.req.query('published');
  const body = PendingPage({
    base: c.var.base,
    csrfToken: c.var.csrfToken ?? '',
    window: `${w.amount} ${text.admin.settings.units[w.unit] ?? w.unit}`,
    items: rows,
    publishedCount,
    notice: published ? d.batchDone(Number(published) || 0) : undefined,
    errors: extra.errors ?? {},
    chosen: extra.chosen ?? [],
  });
  return c.html(pageShell(c, d.pendingTitle, body), extra.status ?? 200);
}

export const disclosureRoutes = new Hono<AppEnv>();

disclosureRoutes.get('/disclosure', mayPublish, (c) => renderPending(c));

/** The ids ticked, kept ticked when the batch is refused. */
const chosenOf = (typed: string[]) => typed.filter((x) => /^\d{1,15}$/.test(x)).map(Number);

const batchForm = form(batchSchema, (c, v, errors) =>
  renderPending(c, { errors: { ids: errors['ids'] ?? text.validation.invalidRequest }, chosen: chosenOf(v.ids), status: 422 }),
);

/** 批量公开: the originals as they are, with what must be withheld masked. */
disclosureRoutes.post('/disclosure/publish', mayPublish, requireFormToken, batchForm, async (c) => {
  const { values, data } = c.req.valid('form');
  const ids = data.ids;
  const chosen = chosenOf(values.ids);
  if (ids.length === 0) return renderPending(c, { errors: { ids: d.batchNone }, status: 422 });

  const repo = c.var.data.publications;
  const [sources, already] = await Promise.all([repo.sources(ids), repo.publishedAmong(ids)]);
  const notReady = ids.filter((i) => {
    const s = sources.get(i);
    return !s || !isPublishable(s.state) || s.repliedAt === null || already.has(i);
  });
  if (notReady.length) {
    const numbers = notReady.map((i) => sources.get(i)?.number ?? `#${i}`).join('、');
    return renderPending(c, { errors: { ids: d.batchNotReady(numbers) }, chosen, status: 409 });
  }
  const publications: NewPublication[] = ids.map((i) => {
    const source = sources.get(i)!;
    const copy = publicCopyOf(originalsOf(source), withheldPatterns(source.deputies));
    return { copy, redacted: isRedacted(copy, source), source };
  });
  let done: number;
  try {
    done = await repo.publishMany(publications, d.batchEvent, actorOf(c), Date.now());
  } catch (err) {
    if (!isPreconditionFailure(err)) throw err;
    return renderPending(c, { errors: { ids: text.handling.conflict }, chosen, status: 409 });
  }
  return c.redirect(`${c.var.base}/disclosure?published=${done}`, 303);
});

// ---------------------------------------------------------------- one suggestion

async function loadSource(c: AppContext) {
  const source = await c.var.data.publications.source(Number(c.req.param('id')));
  return source && source.state !== 'draft' ? source : undefined;
}

function renderForm(
  c: AppContext,
  source: PublicationSource,
  values: PublishValues,
  extra: { errors?: PublicCopyErrors; alert?: string; published: boolean; status?: 200 | 409 | 422 },
) {
  const body = PublishFormPage({
    base: c.var.base,
    suggestionId: source.id,
    number: source.number,
    csrfToken: c.var.csrfToken ?? '',
    shownDeputy: shownDeputyOf(source),
    unitNames: source.unitNames,
    replyClass: source.replyClass,
    repliedAt: source.repliedAt,
    values,
    errors: extra.errors ?? {},
    alert: extra.alert,
    published: extra.published,
  });
  return c.html(pageShell(c, d.formTitle, body), extra.status ?? 200);
}

const notPublishable = (c: AppContext) =>
  renderErrorPage(c, 409, d.formTitle, d.notPublishable, {
    href: `${c.var.base}/suggestions/${c.req.param('id')}`,
    label: text.suggestion.detailTitle,
  });

/** The form, prefilled with the current public copy, or else the originals with private facts masked. */
disclosureRoutes.get('/suggestions/:id{[0-9]{1,15}}/publish', mayPublish, async (c) => {
  const source = await loadSource(c);
  if (!source) return notFound(c);
  if (!isPublishable(source.state) || source.repliedAt === null) return notPublishable(c);
  const current = await c.var.data.publications.status(source.id);
  const copy = current?.published ? current : publicCopyOf(originalsOf(source), withheldPatterns(source.deputies));
  return renderForm(c, source, { title: copy.title, content: copy.content, reply_text: copy.replyText }, { published: Boolean(current?.published) });
});

disclosureRoutes.post('/suggestions/:id{[0-9]{1,15}}/publish', mayPublish, requireFormToken, async (c) => {
  const source = await loadSource(c);
  if (!source) return notFound(c);
  if (!isPublishable(source.state) || source.repliedAt === null) return notPublishable(c);
  const current = await c.var.data.publications.status(source.id);
  const published = Boolean(current?.published);
  const parsed = await checkPosted(c, publicCopyFormSchema(withheldPatterns(source.deputies)));
  const values: PublishValues = parsed.values;
  if (!parsed.ok) return renderForm(c, source, values, { errors: parsed.errors, published, status: 422 });
  const redacted = isRedacted(parsed.data, source);
  const note = published ? d.updatedEvent : redacted ? d.redactedEvent : null;
  try {
    await c.var.data.publications.publish({ copy: parsed.data, redacted, source }, note, actorOf(c), Date.now());
  } catch (err) {
    if (!isPreconditionFailure(err)) throw err;
    return renderForm(c, source, values, { alert: text.handling.conflict, published, status: 409 });
  }
  return c.redirect(`${c.var.base}/suggestions/${source.id}?done=publish`, 303);
});

disclosureRoutes.post('/suggestions/:id{[0-9]{1,15}}/unpublish', mayPublish, requireFormToken, async (c) => {
  const source = await loadSource(c);
  if (!source) return notFound(c);
  try {
    await c.var.data.publications.unpublish(source.id, actorOf(c), Date.now());
  } catch (err) {
    if (!isPreconditionFailure(err)) throw err;
    return renderErrorPage(c, 409, text.handling.conflictTitle, text.handling.conflict, {
      href: `${c.var.base}/suggestions/${source.id}`,
      label: text.suggestion.detailTitle,
    });
  }
  return c.redirect(`${c.var.base}/suggestions/${source.id}?done=unpublish`, 303);
});
