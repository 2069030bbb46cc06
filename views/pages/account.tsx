/** 我的账户: change one's password (other sessions end), or sign out everywhere. */
import { Field } from '../components/field';
import { text } from '../i18n';

const a = text.account;

export interface AccountPageProps {
  base: string;
  csrfToken: string;
  notice?: string;
  errors: Partial<Record<'current' | 'next' | 'confirm', string>>;
}

export function AccountPage(p: AccountPageProps) {
  const pw = (name: 'current' | 'next' | 'confirm', label: string, hint?: string) => (
    <Field
      name={name}
      label={label}
      hint={hint}
      error={p.errors[name]}
      control={(x) => (
        <input
          type="password"
          id={x.id}
          name={name}
          autocomplete={name === 'current' ? 'current-password' : 'new-password'}
          maxlength={128}
          required
          aria-describedby={x.describedBy}
          aria-invalid={x.invalid || undefined}
        />
      )}
    />
  );
  return (
    <section>
      <h1>{a.title}</h1>
      {p.notice && (
        <p class="alert ok" role="status">
          {p.notice}
        </p>
      )}
      <form method="post" action={`${p.base}/account/password`} class="card" hx-boost="false">
        <h2>{a.passwordTitle}</h2>
        <input type="hidden" name="_csrf" value={p.csrfToken} />
        {pw('current', a.current)}
        {pw('next', a.next, a.nextHint)}
        {pw('confirm', a.confirm)}
        <button type="submit">{a.submit}</button>
      </form>
      <p class="card">
        <a href={`${p.base}/account/tokens`}>{text.api.tokens.nav}</a>
      </p>
      <form method="post" action={`${p.base}/account/logout-everywhere`} class="card" hx-boost="false">
        <h2>{a.everywhereTitle}</h2>
        <p class="meta">{a.everywhereHint}</p>
        <input type="hidden" name="_csrf" value={p.csrfToken} />
        <button type="submit">{a.everywhereSubmit}</button>
      </form>
    </section>
  );
}
