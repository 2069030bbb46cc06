/**
 * /api/v1 endpoints (issue 6): each role's happy path and refusals, the
 * idempotent create, the rating rules, and a unit's reply moving the
 * suggestion exactly as the page's forms do. Responses are checked against
 * the schemas the OpenAPI document is generated from.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { acceptAndAssign, actOk, assignmentsOf, eventsOf, stateOf, submitSuggestion, worldAndPeople } from '../helpers/flow';
import { api, tokens } from '../helpers/api';
import { createWorld, type World } from '../helpers/world';
import {
  createdResponse,
  inboxResponse,
  listResponse,
  meResponse,
  optionsResponse,
  repliesResponse,
  suggestionDetail,
} from '../../worker/api/schemas';

const CHINESE = /[\u4e00-\u9fff]/;

/** The body, checked against its documented schema. */
async function body<S extends z.ZodType>(res: Response, schema: S, status = 200): Promise<z.infer<S>> {
  const raw = await res.text();
  expect(res.status, raw.slice(0, 300)).toBe(status);
  return schema.parse(JSON.parse(raw));
}

async function error(res: Response, status: number, code: string) {
  const raw = await res.text();
  expect(res.status, raw.slice(0, 300)).toBe(status);
  const b = JSON.parse(raw);
  expect(b.error.code).toBe(code);
  expect(b.error.message).toMatch(CHINESE);
  return b.error as { code: string; message: string; fields?: Record<string, string> };
}

const count = async (table: string, tenantId: number) =>
  (await env.DB.prepare(`select count(*) as n from ${table} where tenant_id = ?`).bind(tenantId).first<{ n: number }>())!.n;

function newSuggestion(w: World, extra: Record<string, unknown> = {}) {
  return {
    title: '关于在村口增设公交站台的建议',
    content: '村民出行需要步行两公里到公交站，建议在村口增设站台。',
    category_id: w.categories[1],
    source_channel: 'online',
    ...extra,
  };
}

/** A fresh county, its signed-in people, their API tokens and the API's base path. */
async function apiWorld(label: string) {
  const { w, as } = await worldAndPeople(label);
  return { w, as, t: tokens(w), v1: `${w.base}/api/v1` };
}

describe('a deputy raises and follows suggestions through the API', () => {
  it('options, create (idempotent), own list, detail; co-signers see it, other deputies and units get 404, the admin 403', async () => {
    const w = await createWorld('apidep');
    const t = tokens(w);
    const v1 = `${w.base}/api/v1`;
    const token = await t('deputy');

    const me = await body(await api(`${v1}/me`, { token }), meResponse);
    expect(me).toMatchObject({ role: 'deputy', deputyId: w.deputies[0] });
    const options = await body(await api(`${v1}/suggestion-options`, { token }), optionsResponse);
    expect(options.categories.map((c) => c.id)).toEqual(w.categories);
    expect(options.deputies.map((d) => d.id).sort()).toEqual([...w.deputies].sort());
    expect(options.sourceChannels.find((s) => s.value === 'online')?.label).toBe('闭会期间 · 网上提交');

    // Without an Idempotency-Key nothing is created.
    await error(await api(`${v1}/suggestions`, { token, json: newSuggestion(w) }), 400, 'idempotency_key_required');
    expect(await count('suggestions', w.tenantId)).toBe(0);

    const create = () =>
      api(`${v1}/suggestions`, { token, json: newSuggestion(w, { cosigners: [w.deputies[1]] }), headers: { 'Idempotency-Key': 'app-0001-abc' } });
    const first = await body(await create(), createdResponse, 201);
    expect(first.created).toBe(true);
    expect(first.suggestion).toMatchObject({
      state: 'submitted',
      stateLabel: '已提交',
      colour: 'green',
      colourLabel: '绿牌',
      leadDeputyId: w.deputies[0],
      category: '交通运输',
      cosigners: [{ id: w.deputies[1] }],
      enteredByName: 'deputy的名字',
    });
    expect(first.suggestion.number).toMatch(/^\d{4}-\d{4}$/);
    // A retry (same key) returns the first one and creates nothing.
    const retry = await body(await create(), createdResponse, 200);
    expect(retry).toMatchObject({ id: first.id, created: false });
    expect(await count('suggestions', w.tenantId)).toBe(1);
    expect(await count('suggestion_events', w.tenantId)).toBe(1);
    // The same key from another deputy's app is that deputy's own.
    const other = await body(
      await api(`${v1}/suggestions`, { token: await t('deputy2'), json: newSuggestion(w), headers: { 'Idempotency-Key': 'app-0001-abc' } }),
      createdResponse,
      201,
    );
    expect(other.id).not.toBe(first.id);
    expect(other.suggestion.leadDeputyId).toBe(w.deputies[1]);

    const mine = await body(await api(`${v1}/suggestions`, { token }), listResponse);
    expect(mine.items.map((s) => s.id)).toEqual([first.id]);
    expect(mine).toMatchObject({ page: 0, hasMore: false });
    expect((await body(await api(`${v1}/suggestions?page=1`, { token }), listResponse)).items).toEqual([]);
    await error(await api(`${v1}/suggestions?page=-1`, { token }), 422, 'validation_failed');
    // deputy2 co-signs the first and leads the second.
    const cosigner = await body(await api(`${v1}/suggestions`, { token: await t('deputy2') }), listResponse);
    expect(cosigner.items.map((s) => s.id).sort()).toEqual([first.id, other.id].sort());

    const detail = await body(await api(`${v1}/suggestions/${first.id}`, { token }), suggestionDetail);
    expect(detail).toMatchObject({ id: first.id, content: newSuggestion(w).content, replies: [], actions: [] });
    expect((await body(await api(`${v1}/suggestions/${first.id}`, { token: await t('deputy2') }), suggestionDetail)).id).toBe(first.id);
    expect((await body(await api(`${v1}/suggestions/${first.id}`, { token: await t('staff') }), suggestionDetail)).id).toBe(first.id);
    await error(await api(`${v1}/suggestions/${first.id}`, { token: await t('deputy3') }), 404, 'not_found');
    await error(await api(`${v1}/suggestions/${first.id}/replies`, { token: await t('deputy3') }), 404, 'not_found');
    await error(await api(`${v1}/suggestions/${first.id}`, { token: await t('unit') }), 404, 'not_found');
    await error(await api(`${v1}/suggestions/${first.id}`, { token: await t('admin') }), 403, 'forbidden');
    await error(await api(`${v1}/suggestions/999999999`, { token }), 404, 'not_found');
  });

  it('refused input comes back as 422 with a Chinese message per field, and nothing is written', async () => {
    const w = await createWorld('apideperr');
    const token = await tokens(w)('deputy');
    const post = (json: unknown, key = crypto.randomUUID()) =>
      api(`${w.base}/api/v1/suggestions`, { token, json, headers: { 'Idempotency-Key': key } });
    const missing = await error(await post({}), 422, 'validation_failed');
    expect(missing.fields).toMatchObject({
      title: '请填写标题。',
      content: '请填写建议内容。',
      category_id: '请选择类别。',
      source_channel: '请选择提出渠道。',
    });
    const types = await error(
      await post({ title: 1, content: ['x'], category_id: '1', source_channel: 'mail', cosigners: 'x' }),
      422,
      'validation_failed',
    );
    expect(types.fields).toMatchObject({
      title: '应为字符串。',
      content: '应为字符串。',
      category_id: '应为正整数。',
      source_channel: expect.stringMatching(CHINESE),
      cosigners: expect.stringMatching(CHINESE),
    });
    // The domain's own rules (the page's parser and tenant checks), same messages as the form.
    const rules = await error(
      await post(newSuggestion(w, { title: '长'.repeat(101), category_id: 999999, cosigners: [w.deputies[0]] })),
      422,
      'validation_failed',
    );
    expect(rules.fields).toMatchObject({ title: '标题不能超过 100 个字。' });
    const unknownCategory = await error(await post(newSuggestion(w, { category_id: 999999 })), 422, 'validation_failed');
    expect(unknownCategory.fields).toEqual({ category_id: '所选类别不存在，请重新选择。' });
    const selfCosign = await error(await post(newSuggestion(w, { cosigners: [w.deputies[0]] })), 422, 'validation_failed');
    expect(selfCosign.fields).toEqual({ cosigners: '领衔代表不能同时是附议代表。' });
    await error(await post(newSuggestion(w), '<script>'), 400, 'idempotency_key_required');
    expect(await count('suggestions', w.tenantId)).toBe(0);
  });

  it('a liaison clerk enters one for a deputy of their station; other roles may not create (403)', async () => {
    const w = await createWorld('apiclerk');
    const t = tokens(w);
    const v1 = `${w.base}/api/v1`;
    const token = await t('clerk');
    const post = (json: unknown) => api(`${v1}/suggestions`, { token, json, headers: { 'Idempotency-Key': crypto.randomUUID() } });
    const noDeputy = await error(await post(newSuggestion(w)), 422, 'validation_failed');
    expect(noDeputy.fields).toEqual({ deputy_id: '请选择领衔代表。' });
    // deputies[1] belongs to the other station (the world alternates stations).
    const otherStation = await error(await post(newSuggestion(w, { deputy_id: w.deputies[1] })), 422, 'validation_failed');
    expect(otherStation.fields).toEqual({ deputy_id: '所选代表不在本县代表名单中，请重新选择。' });
    const made = await body(await post(newSuggestion(w, { deputy_id: w.deputies[2] })), createdResponse, 201);
    expect(made.suggestion).toMatchObject({ leadDeputyId: w.deputies[2], enteredByName: 'clerk的名字' });
    const events = await eventsOf(made.id);
    expect(events).toEqual([{ kind: 'submit', from_state: null, to_state: 'submitted' }]);
    expect((await body(await api(`${v1}/suggestions`, { token }), listResponse)).items.map((s) => s.id)).toEqual([made.id]);

    for (const who of ['staff', 'secretary', 'chair', 'unit', 'admin'] as const) {
      await error(
        await api(`${v1}/suggestions`, { token: await t(who), json: newSuggestion(w), headers: { 'Idempotency-Key': crypto.randomUUID() } }),
        403,
        'forbidden',
      );
      await error(await api(`${v1}/suggestion-options`, { token: await t(who) }), 403, 'forbidden');
      await error(await api(`${v1}/suggestions`, { token: await t(who) }), 403, 'forbidden');
    }
    expect(await count('suggestions', w.tenantId)).toBe(1);
  });
});

/** The rows a reply or a rating changes, in a form two suggestions can be compared by. */
async function footprint(id: number) {
  const q = async (sql: string) => (await env.DB.prepare(sql).bind(id).all()).results;
  return {
    state: await stateOf(id),
    events: await eventsOf(id),
    assignments: (await assignmentsOf(id)).map(({ unit_id, role, state, reply_due }) => ({ unit_id, role, state, reply_due })),
    deadlines: await q('select stage, due_date, colour, ended_at is not null as ended from deadlines where suggestion_id = ? order by id'),
    replies: await q('select kind, round, body, signer, reply_class, promised_date from replies where suggestion_id = ? order by id'),
    ratings: await q('select round, attitude, result, comment from ratings where suggestion_id = ? order by id'),
    notified: await q('select user_id, kind from notifications where suggestion_id = ? order by user_id, kind'),
    suggestion: await q('select state, round, reply_class, evaluation_due, colour from suggestions where id = ?'),
  };
}

describe('a unit works its inbox through the API, exactly as on the pages', () => {
  it('inbox, sign for, reply: the same rows as the page forms; refusals for other units and roles', async () => {
    const { w, as, t, v1 } = await apiWorld('apiunit');
    const deputy = await as('deputy');
    const staff = await as('staff');
    const viaApi = await submitSuggestion(w, deputy, { cosigners: [String(w.deputies[1])] });
    const viaPage = await submitSuggestion(w, deputy, { cosigners: [String(w.deputies[1])] });
    await acceptAndAssign(w, staff, viaApi, w.units[0]);
    await acceptAndAssign(w, staff, viaPage, w.units[0]);
    const unit = await t('unit');

    const inbox = await body(await api(`${v1}/inbox`, { token: unit }), inboxResponse);
    expect(inbox.unitName).toBe('县农业农村局');
    expect(inbox.items.map((i) => i.suggestionId).sort()).toEqual([viaApi, viaPage].sort());
    expect(inbox.items[0]).toMatchObject({ role: 'lead', state: 'assigned', stateLabel: '已交办' });
    expect((await body(await api(`${v1}/inbox`, { token: await t('unit2') }), inboxResponse)).items).toEqual([]);
    await error(await api(`${v1}/inbox`, { token: await t('deputy') }), 403, 'forbidden');

    const reply = { body: '已将村口站台列入今年计划，预计年底建成。', signer: '张局长', reply_class: 'A' };
    // Before signing for it, a reply is not possible now.
    await error(await api(`${v1}/suggestions/${viaApi}/reply`, { token: unit, json: reply }), 409, 'not_allowed_now');
    // Another unit and other roles.
    await error(await api(`${v1}/suggestions/${viaApi}/sign-for`, { token: await t('unit2'), json: {} }), 404, 'not_found');
    await error(await api(`${v1}/suggestions/${viaApi}/reply`, { token: await t('unit2'), json: reply }), 404, 'not_found');
    await error(await api(`${v1}/suggestions/${viaApi}/sign-for`, { token: await t('staff'), json: {} }), 403, 'forbidden');
    await error(await api(`${v1}/suggestions/${viaApi}/reply`, { token: await t('deputy'), json: reply }), 403, 'forbidden');

    const signed = await body(await api(`${v1}/suggestions/${viaApi}/sign-for`, { token: unit, json: {} }), suggestionDetail);
    expect(signed).toMatchObject({ state: 'in_progress', actions: expect.arrayContaining(['reply']) });
    await error(await api(`${v1}/suggestions/${viaApi}/sign-for`, { token: unit, json: {} }), 409, 'not_allowed_now');
    const bad = await error(
      await api(`${v1}/suggestions/${viaApi}/reply`, { token: unit, json: { ...reply, body: '  ', reply_class: 'B' } }),
      422,
      'validation_failed',
    );
    expect(bad.fields).toMatchObject({ body: '此项必须填写。' });
    const noDate = await error(
      await api(`${v1}/suggestions/${viaApi}/reply`, { token: unit, json: { ...reply, reply_class: 'B' } }),
      422,
      'validation_failed',
    );
    expect(noDate.fields?.promised_date).toMatch(CHINESE);
    const replied = await body(await api(`${v1}/suggestions/${viaApi}/reply`, { token: unit, json: reply }), suggestionDetail);
    expect(replied).toMatchObject({
      state: 'replied',
      replyClass: 'A',
      replies: [{ kind: 'reply', body: reply.body, signer: '张局长', attachments: [] }],
    });

    const page = await as('unit');
    await actOk(w, page, viaPage, 'sign_for');
    await actOk(w, page, viaPage, 'reply', reply);
    expect(await footprint(viaApi)).toEqual(await footprint(viaPage));

    // The deputy reads the reply.
    const read = await body(await api(`${v1}/suggestions/${viaApi}/replies`, { token: await t('deputy') }), repliesResponse);
    expect(read.items.map((r) => r.body)).toEqual([reply.body]);
    expect((await body(await api(`${v1}/inbox`, { token: unit }), inboxResponse)).items).toEqual([]);
  });
});

describe('rating a reply through the API follows the page rule', () => {
  it('only the lead deputy, only once replied; 不满意 opens rehandling exactly as the page does', async () => {
    const { w, as, t, v1 } = await apiWorld('apirate');
    const deputy = await as('deputy');
    const staff = await as('staff');
    const unitPage = await as('unit');
    const viaApi = await submitSuggestion(w, deputy, { cosigners: [String(w.deputies[1])] });
    const viaPage = await submitSuggestion(w, deputy, { cosigners: [String(w.deputies[1])] });
    const rating = { attitude: 'satisfied', result: 'unsatisfied', comment: '站台位置需再论证。' };
    const lead = await t('deputy');

    // Not replied yet: the lead deputy may not rate now.
    await error(await api(`${v1}/suggestions/${viaApi}/rating`, { token: lead, json: rating }), 409, 'not_allowed_now');
    for (const id of [viaApi, viaPage]) {
      await acceptAndAssign(w, staff, id, w.units[0]);
      await actOk(w, unitPage, id, 'sign_for');
      await actOk(w, unitPage, id, 'reply', { body: '已答复。', signer: '局长', reply_class: 'A' });
    }
    // A co-signer sees it but does not rate; another deputy does not see it; other roles may not rate.
    await error(await api(`${v1}/suggestions/${viaApi}/rating`, { token: await t('deputy2'), json: rating }), 409, 'not_allowed_now');
    await error(await api(`${v1}/suggestions/${viaApi}/rating`, { token: await t('deputy3'), json: rating }), 404, 'not_found');
    for (const who of ['clerk', 'staff', 'unit', 'chair'] as const) {
      await error(await api(`${v1}/suggestions/${viaApi}/rating`, { token: await t(who), json: rating }), 403, 'forbidden');
    }
    const lead0 = await body(await api(`${v1}/suggestions/${viaApi}`, { token: lead }), suggestionDetail);
    expect(lead0.actions).toEqual(['rate']);
    const bad = await error(
      await api(`${v1}/suggestions/${viaApi}/rating`, { token: lead, json: { attitude: 'great', result: 1 } }),
      422,
      'validation_failed',
    );
    expect(bad.fields).toMatchObject({ attitude: expect.stringMatching(CHINESE), result: expect.stringMatching(CHINESE) });
    expect(await stateOf(viaApi)).toBe('replied');

    const rated = await body(await api(`${v1}/suggestions/${viaApi}/rating`, { token: lead, json: rating }), suggestionDetail);
    expect(rated).toMatchObject({
      state: 'rehandling',
      ratings: [{ round: 1, attitude: 'satisfied', result: 'unsatisfied', comment: rating.comment }],
    });
    await actOk(w, deputy, viaPage, 'rate', rating);
    expect(await footprint(viaApi)).toEqual(await footprint(viaPage));
    // Once rated, not again.
    await error(await api(`${v1}/suggestions/${viaApi}/rating`, { token: lead, json: rating }), 409, 'not_allowed_now');
  });
});
