/** The login form, for a county's users or for the platform operator. */
import { Field } from '../components/field';
import { text } from '../i18n';

export interface LoginPageProps {
  title: string;
  action: string;
  username: string;
  errors: { username?: string; password?: string; form?: string };
  notice?: string;
  /** The county's public pages, for readers without an account. */
  publicHref?: string;
  /** 设置新密码 with a one-time code (a county's page only). */
  resetHref?: string;
}

export function LoginPage(props: LoginPageProps) {
  const t = text.login;
  return (
    <section class="card">
      <h1>{props.title}</h1>
      {props.notice && <p class="alert ok">{props.notice}</p>}
      {props.errors.form && (
        <p class="alert" role="alert" id="login-error">
          {props.errors.form}
        </p>
      )}
      <form method="post" action={props.action} novalidate hx-boost="false">
        <Field
          name="username"
          label={t.username}
          error={props.errors.username}
          control={(a) => (
            <input
              type="text"
              id={a.id}
              name="username"
              value={props.username}
              autocomplete="username"
              autocapitalize="none"
              required
              aria-describedby={a.describedBy}
              aria-invalid={a.invalid ? 'true' : undefined}
            />
          )}
        />
        <Field
          name="password"
          label={t.password}
          error={props.errors.password}
          control={(a) => (
            <input
              type="password"
              id={a.id}
              name="password"
              autocomplete="current-password"
              required
              aria-describedby={a.describedBy}
              aria-invalid={a.invalid ? 'true' : undefined}
            />
          )}
        />
        <button type="submit">{t.submit}</button>
      </form>
      {props.resetHref && (
        <p class="meta">
          <a href={props.resetHref}>{text.usersAdmin.reset.loginLink}</a>
        </p>
      )}
      {props.publicHref && (
        <p class="meta">
          <a href={props.publicHref} hx-boost="false">
            {t.publicLink}
          </a>
        </p>
      )}
    </section>
  );
}
