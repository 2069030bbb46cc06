/** 设置新密码: redeem a one-time code (from the admin, or the operator for a new county's admin). */
import { PasswordField, TextField, UsernameField } from '../components/field';
import { Notice } from '../components/form';
import { text } from '../text/index';

const r = text.usersAdmin.reset;

export interface ResetPageProps {
  action: string;
  loginHref: string;
  username: string;
  /** Kept only when the code was not checked yet (a password field was wrong). */
  code: string;
  errors: Partial<Record<'username' | 'code' | 'next' | 'confirm' | 'form', string>>;
}

export function ResetPasswordPage(p: ResetPageProps) {
  const secret = (name: 'next' | 'confirm', label: string, hint?: string) => (
    <PasswordField name={name} label={label} hint={hint} error={p.errors[name]} autocomplete="new-password" maxlength={128} />
  );
  return (
    <section class="card">
      <h1>{r.title}</h1>
      <p>{r.intro}</p>
      <Notice alert={p.errors.form} alertId="reset-error" />
      <form method="post" action={p.action} novalidate hx-boost="false">
        <UsernameField name="username" label={r.username} error={p.errors.username} value={p.username} maxlength={32} />
        <TextField
          name="code"
          label={r.code}
          hint={r.codeHint}
          error={p.errors.code}
          value={p.code}
          autocomplete="one-time-code"
          autocapitalize="none"
          maxlength={40}
          required
        />
        {secret('next', r.next, text.account.nextHint)}
        {secret('confirm', r.confirm)}
        <button type="submit">{r.submit}</button>
      </form>
      <p class="meta">
        <a href={p.loginHref}>{r.backToLogin}</a>
      </p>
    </section>
  );
}
