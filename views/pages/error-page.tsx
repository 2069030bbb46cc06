/** What a user sees when something goes wrong: what happened, what to do next. */
export interface NextStep {
  href: string;
  label: string;
}

export function ErrorPage(props: { title: string; message: string; next: NextStep }) {
  return (
    <section class="notice">
      <h1>{props.title}</h1>
      <p>{props.message}</p>
      <p>
        <a class="button" href={props.next.href}>
          {props.next.label}
        </a>
      </p>
    </section>
  );
}
