/**
 * Counts what a request asks of D1, for the query-budget tests (issue #8):
 * round trips (a statement run on its own, or one `batch()` of several) and
 * statements. Switched on by the `COUNT_D1_QUERIES` binding, which only the
 * test configuration sets; the worker then reports the counts in the
 * `X-D1-Round-Trips` and `X-D1-Statements` response headers.
 */

export interface QueryCount {
  roundTrips: number;
  statements: number;
}

/** A D1Database that counts into `count`; statements stay real D1 statements for `batch()`. */
export function countingD1(db: D1Database, count: QueryCount): D1Database {
  const real = new WeakMap<object, D1PreparedStatement>();
  const wrap = (stmt: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(stmt, {
      get(target, prop) {
        if (prop === 'bind') return (...values: unknown[]) => wrap(target.bind(...values));
        if (prop === 'first' || prop === 'all' || prop === 'run' || prop === 'raw') {
          return (...args: unknown[]) => {
            count.roundTrips++;
            count.statements++;
            return (target[prop] as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        const value = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    real.set(proxy, stmt);
    return proxy;
  };
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare') return (sql: string) => wrap(target.prepare(sql));
      if (prop === 'batch') {
        return (statements: D1PreparedStatement[]) => {
          count.roundTrips++;
          count.statements += statements.length;
          return target.batch(statements.map((s) => real.get(s) ?? s));
        };
      }
      if (prop === 'exec') {
        return (sql: string) => {
          count.roundTrips++;
          count.statements++;
          return target.exec(sql);
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
