/** 接口令牌 (我的账户): create a named token (shown once), list them, revoke one. */
import { TextField } from '../components/field';
import { PostButton, PostForm } from '../components/form';
import { DataTable } from '../components/table';
import { chinaDateTime } from '../format';
import { PageHead } from '../components/page-head';
import { text } from '../text/index';
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
      <PageHead title={t.title} intro={t.intro} notice={p.notice} />
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
      <PostForm action={action} csrfToken={p.csrfToken} class="card" noBoost>
        <TextField name="name" label={t.name} hint={t.nameHint} error={p.error} value={p.name} maxlength={40} required />
        <button type="submit">{t.create}</button>
      </PostForm>
      <h2>{t.listTitle}</h2>
      <DataTable
        columns={[t.name, t.hint, t.createdAt, t.lastUsedAt, '']}
        rows={p.tokens}
        empty={t.none}
        scroll
        row={(k) => (
          <tr>
            <td>{k.name}</td>
            <td>…{k.hint}</td>
            <td>{chinaDateTime(k.createdAt)}</td>
            <td>{k.lastUsedAt ? chinaDateTime(k.lastUsedAt) : t.never}</td>
            <td>
              {k.revokedAt ? (
                `${t.revokedAt} ${chinaDateTime(k.revokedAt)}`
              ) : (
                <PostButton action={`${action}/${k.id}/revoke`} csrfToken={p.csrfToken} label={t.revoke} />
              )}
            </td>
          </tr>
        )}
      />
      <p>
        <a href={`${p.apiBase}/openapi.json`}>{t.docsLink}</a> · <a href={`${p.base}/account`}>{t.backToAccount}</a>
      </p>
    </section>
  );
}
