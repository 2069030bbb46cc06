/** The top of a page: its heading, the line saying what the page is for, and the banner of what just happened. */
import type { Child } from 'hono/jsx';
import { Notice } from './form';

export function PageHead(p: { title: Child; intro?: Child; notice?: string | undefined; alert?: string | undefined }) {
  return (
    <>
      <h1>{p.title}</h1>
      {p.intro !== undefined && <p>{p.intro}</p>}
      <Notice notice={p.notice} alert={p.alert} />
    </>
  );
}
