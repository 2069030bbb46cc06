/** Home pages for roles whose work comes in later issues, and the platform pages. */
import { PageHead } from '../components/page-head';
import { text } from '../text/index';

export function AdminHomePage(props: {
  /** Links inside the tenant start with this (set when the admin pages are linked). */
  base?: string;
  name: string;
  counts: { users: number; deputies: number; units: number; stations: number };
}) {
  const h = text.home;
  return (
    <section>
      <PageHead title={h.welcome(props.name)} intro={h.adminIntro} />
      <table>
        <tbody>
          {(['users', 'deputies', 'units', 'stations'] as const).map((k) => (
            <tr>
              <th scope="row">{h[k]}</th>
              <td>{props.counts[k]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.base !== undefined && (
        <ul class="list">
          <li>
            <a href={`${props.base}/admin/users`}>{text.usersAdmin.nav.users}</a>
          </li>
          <li>
            <a href={`${props.base}/admin/audit`}>{text.usersAdmin.nav.audit}</a>
          </li>
          {(['deputies', 'units', 'stations', 'categories'] as const).map((k) => (
            <li>
              <a href={`${props.base}/admin/${k}`}>{text.directory.kinds[k].title}</a>
            </li>
          ))}
          <li>
            <a href={`${props.base}/admin/import`}>{text.directory.import.title}</a>
          </li>
        </ul>
      )}
    </section>
  );
}

export function PlatformLandingPage(props: { tenants: { slug: string; name: string }[] }) {
  return (
    <section>
      <PageHead title={text.home.platformTitle} intro={text.appTagline} />
      <p>{text.home.chooseCounty}</p>
      <ul class="list">
        {props.tenants.map((t) => (
          <li>
            <a href={`/t/${t.slug}/login`}>{t.name}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
