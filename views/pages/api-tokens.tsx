/** 接口令牌 (我的账户): create a named token (shown once), list them, revoke one. */
import { Field } from '../components/field';
import { chinaDateTime } from '../format';
import { text } from '../i18n';
import type { ApiTokenListItem } from '../../db/repos/api-tokens';

const t = text.api.tokens;

export interface ApiTokensPageProps {
  base: string;
  csrfToken: string;
  tokens: ApiTokenListItem[];
  /** The token just created: its only appearance. */
  created?: { name: string; token: string };
  notice?: string;
  name: string;
  error?: string;
  /** The county's API address, for the OpenAPI link. */
  apiBase: string;
}

export function ApiTokensPage(p: ApiTokensPageProps) {
  const action = `${p.base}/account/tokens`;
  return (
    <section>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {p.notice && (
        <p class="alert ok" role="status">
          {p.notice}
        </p>
      )}
      {p.created && (
        <div class="card" role="status">
          <h2>{t.createdTitle}</h2>
          <p class="alert ok">{t.createdHint}</p>
          <label for="new-token">
            {t.tokenLabel}（{p.created.name}）
          </label>
          <input id="new-token" type="text" readonly value={p.created.token} autocomplete="off" spellcheck={false} size={40} />
        </div>
      )}
      <form method="post" action={action} class="card" hx-boost="false">
        <input type="hidden" name="_csrf" value={p.csrfToken} />
        <Field
          name="name"
          label={t.name}
          hint={t.nameHint}
          error={p.error}
          control={(a) => (
            <input
              type="text"
              id={a.id}
              name="name"
              value={p.name}
              maxlength={40}
              required
              aria-describedby={a.describedBy}
              aria-invalid={a.invalid || undefined}
            />
          )}
        />
        <button type="submit">{t.create}</button>
      </form>
      <h2>{t.listTitle}</h2>
      {p.tokens.length === 0 ? (
        <p class="card">{t.none}</p>
      ) : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.name}</th>
                <th scope="col">{t.hint}</th>
                <th scope="col">{t.createdAt}</th>
                <th scope="col">{t.lastUsedAt}</th>
                <th scope="col"></th>
              </tr>
            </thead>
            <tbody>
              {p.tokens.map((k) => (
                <tr>
                  <td>{k.name}</td>
                  <td>…{k.hint}</td>
                  <td>{chinaDateTime(k.createdAt)}</td>
                  <td>{k.lastUsedAt ? chinaDateTime(k.lastUsedAt) : t.never}</td>
                  <td>
                    {k.revokedAt ? (
                      `${t.revokedAt} ${chinaDateTime(k.revokedAt)}`
                    ) : (
                      <form method="post" action={`${action}/${k.id}/revoke`}>
                        <input type="hidden" name="_csrf" value={p.csrfToken} />
                        <button type="submit" class="small">
                          {t.revoke}
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <a href={`${p.apiBase}/openapi.json`}>{t.docsLink}</a> · <a href={`${p.base}/account`}>{t.backToAccount}</a>
      </p>
    </section>
  );
}
