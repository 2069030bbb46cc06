/** Bindings from wrangler.toml (plus the migrations list the tests inject). */
declare namespace Cloudflare {
  interface Env {
    /** The platform's database and the first tenant shard (db/client.ts). */
    DB: D1Database;
    /** A second tenant shard; more are DB3, DB4, … (found by name in db/client.ts shardBindings). */
    DB2?: D1Database;
    FILES: R2Bucket;
    ALERTS: Queue<import('./supervision/deliveries').DeliveryMessage>;
    SCANS: Queue<import('./supervision/shard-jobs').ShardJob>;
    EMAIL: { send(message: { to: string; from: string; subject: string; text: string }): Promise<unknown> };
    /** Public origin for links in alerts, e.g. https://huiyin.example.org */
    PUBLIC_ORIGIN: string;
    PLATFORM_HOSTS: string;
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
    /** Set by the test configuration only: count D1 queries per request (db/query-count.ts). */
    COUNT_D1_QUERIES?: string;
  }
}
type Env = Cloudflare.Env;
declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import('./index');
  }
}
