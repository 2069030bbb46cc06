/** 我的账户: change one's password (other sessions end), or sign out everywhere. */
import { PasswordField } from '../components/field';
import { PostButton, PostForm } from '../components/form';
import { PageHead } from '../components/page-head';
import { text } from '../text/index';

const a = text.account;

export interface AccountPageProps {
  base: string;
  csrfToken: string;
  notice?: string;
  errors: Partial<Record<'current' | 'next' | 'confirm', string>>;
}

export function AccountPage(p: AccountPageProps) {
  const pw = (name: 'current' | 'next' | 'confirm', label: string, hint?: string) => (
    <PasswordField
      name={name}
      label={label}
      hint={hint}
      error={p.errors[name]}
      autocomplete={name === 'current' ? 'current-password' : 'new-password'}
      maxlength={128}
    />
  );
  return (
    <section>
      <PageHead title={a.title} notice={p.notice} />
      <PostForm action={`${p.base}/account/password`} csrfToken={p.csrfToken} class="card" noBoost>
        <h2>{a.passwordTitle}</h2>
        {pw('current', a.current)}
        {pw('next', a.next, a.nextHint)}
        {pw('confirm', a.confirm)}
        <button type="submit">{a.submit}</button>
      </PostForm>
      <p class="card">
        <a href={`${p.base}/account/tokens`}>{text.api.tokens.nav}</a>
      </p>
      <PostButton
        action={`${p.base}/account/logout-everywhere`}
        csrfToken={p.csrfToken}
        class="card"
        noBoost
        title={a.everywhereTitle}
        hint={a.everywhereHint}
        buttonClass=""
        label={a.everywhereSubmit}
      />
    </section>
  );
}
