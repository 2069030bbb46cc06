import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { describe, expect, it, vi } from 'vitest';
import type { AppEnv } from '../../worker/context';
import { handleError, handleNotFound } from '../../worker/errors';

function appThatThrows() {
  const app = new Hono<AppEnv>();
  app.use(requestId());
  app.onError(handleError);
  app.notFound(handleNotFound);
  app.get('/boom', () => {
    throw new Error('database exploded: secret detail');
  });
  return app;
}

describe('errors a user meets', () => {
  it('an unexpected error is a Chinese page with the request id, logged, and never a stack trace', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await appThatThrows().request('/boom');
    expect(res.status).toBe(500);
    const id = res.headers.get('X-Request-Id')!;
    const html = await res.text();
    expect(html).toContain('系统出错了');
    expect(html).toContain(id);
    expect(html).not.toContain('secret detail');
    expect(html).not.toContain('at ');
    const logged = JSON.parse(String(log.mock.calls[0]![0]));
    expect(logged).toMatchObject({ level: 'error', requestId: id, path: '/boom', error: 'database exploded: secret detail' });
    log.mockRestore();
  });

  it('an unknown address is a Chinese 404 page with a way home', async () => {
    const res = await appThatThrows().request('/nowhere');
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('找不到这个页面');
    expect(html).toContain('返回首页');
  });
});
