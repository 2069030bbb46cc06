/**
 * 接口令牌 (我的账户 · every signed-in user of a county): create a named
 * token for an app — shown once, only its SHA-256 and last four characters
 * kept — list one's tokens, revoke one. Each change and its audit entry go
 * in one batch.
 */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../context';
import { auditActor, requireFormToken, requireUser } from '../middleware/access';
import { randomToken, sha256Hex } from '../auth/token';
import { API_TOKEN_PREFIX } from '../api/auth';
import { isPreconditionFailure } from '../../db/guard';
import { ApiTokensPage, type ApiTokensPageProps } from '../../views/pages/api-tokens';
import { pageShell } from '../../views/render';
import { notFound } from '../errors';
import { text } from '../../views/text/index';
import { form } from '../forms/validate';
import { tokenNameSchema } from '../forms/account';

const t = text.api.tokens;

async function render(c: AppContext, extra: Partial<ApiTokensPageProps> = {}, status: 200 | 422 = 200) {
  const tokens = await c.var.data.apiTokens.listFor(c.var.user!.id);
  const body = ApiTokensPage({
    base: c.var.base,
    apiBase: `${c.var.base}/api/v1`,
    csrfToken: c.var.csrfToken ?? '',
    tokens,
    name: '',
    ...extra,
  });
  // A page showing a new token must not be kept by any cache.
  c.header('Cache-Control', 'no-store');
  return c.html(pageShell(c, t.title, body), status);
}

export const apiTokenRoutes = new Hono<AppEnv>();

apiTokenRoutes.get('/account/tokens', requireUser, (c) => render(c, { notice: c.req.query('revoked') === '1' ? t.revoked : undefined }));

const tokenForm = form(
  (c) => tokenNameSchema(() => c.var.data.apiTokens.activeCount(c.var.user!.id)),
  (c, v, errors) => render(c, { name: v.name.trim().slice(0, 200), error: errors['name'] }, 422),
);

apiTokenRoutes.post('/account/tokens', requireUser, requireFormToken, tokenForm, async (c) => {
  const { name } = c.req.valid('form').data;
  const user = c.var.user!;

  const token = `${API_TOKEN_PREFIX}${randomToken()}`;
  const hint = token.slice(-4);
  const now = Date.now();
  await c.var.data.apiTokens.create(
    { userId: user.id, name, tokenHash: await sha256Hex(token), hint, now },
    c.var.data.audit.entry({ actor: auditActor(c), action: 'api_token.create', targetType: 'api_token', targetLabel: name, details: { hint } }, now),
  );
  return render(c, { created: { name, token } });
});

apiTokenRoutes.post('/account/tokens/:tokenId{[0-9]{1,15}}/revoke', requireUser, requireFormToken, async (c) => {
  const user = c.var.user!;
  const id = Number(c.req.param('tokenId'));
  const token = await c.var.data.apiTokens.liveOne(user.id, id);
  if (!token) return notFound(c);
  const now = Date.now();
  try {
    await c.var.data.apiTokens.revoke(
      user.id,
      id,
      now,
      c.var.data.audit.entry(
        {
          actor: auditActor(c),
          action: 'api_token.revoke',
          targetType: 'api_token',
          targetId: id,
          targetLabel: token.name,
          details: { hint: token.hint },
        },
        now,
      ),
    );
  } catch (err) {
    if (!isPreconditionFailure(err)) throw err;
    // Revoked meanwhile (another tab): the result is the one asked for.
  }
  return c.redirect(`${c.var.base}/account/tokens?revoked=1`, 303);
});
