/** The login form, for a county's users or for the platform operator. */
import { PasswordField, UsernameField } from '../components/field';
import { Notice } from '../components/form';
import { text } from '../text/index';

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
      <Notice notice={props.notice} alert={props.errors.form} alertId="login-error" />
      <form method="post" action={props.action} novalidate hx-boost="false">
        <UsernameField name="username" label={t.username} error={props.errors.username} value={props.username} />
        <PasswordField name="password" label={t.password} error={props.errors.password} autocomplete="current-password" />
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
