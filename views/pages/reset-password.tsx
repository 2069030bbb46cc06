/** 设置新密码: redeem a one-time code (from the admin, or the operator for a new county's admin). */
import { Field } from '../components/field';
import { text } from '../i18n';

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
    <Field
      name={name}
      label={label}
      hint={hint}
      error={p.errors[name]}
      control={(a) => (
        <input
          type="password"
          id={a.id}
          name={name}
          autocomplete="new-password"
          maxlength={128}
          required
          aria-describedby={a.describedBy}
          aria-invalid={a.invalid ? 'true' : undefined}
        />
      )}
    />
  );
  return (
    <section class="card">
      <h1>{r.title}</h1>
      <p>{r.intro}</p>
      {p.errors.form && (
        <p class="alert" role="alert" id="reset-error">
          {p.errors.form}
        </p>
      )}
      <form method="post" action={p.action} novalidate hx-boost="false">
        <Field
          name="username"
          label={r.username}
          error={p.errors.username}
          control={(a) => (
            <input
              type="text"
              id={a.id}
              name="username"
              value={p.username}
              autocomplete="username"
              autocapitalize="none"
              maxlength={32}
              required
              aria-describedby={a.describedBy}
              aria-invalid={a.invalid ? 'true' : undefined}
            />
          )}
        />
        <Field
          name="code"
          label={r.code}
          hint={r.codeHint}
          error={p.errors.code}
          control={(a) => (
            <input
              type="text"
              id={a.id}
              name="code"
              value={p.code}
              autocomplete="one-time-code"
              autocapitalize="none"
              maxlength={40}
              required
              aria-describedby={a.describedBy}
              aria-invalid={a.invalid ? 'true' : undefined}
            />
          )}
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
