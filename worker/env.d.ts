/** Bindings from wrangler.toml (plus the migrations list the tests inject). */
declare namespace Cloudflare {
  interface Env {
    DB: D1Database;
    FILES: R2Bucket;
    PLATFORM_HOSTS: string;
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
  }
}
type Env = Cloudflare.Env;
declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import('./index');
  }
}
