import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors.js';
import { projectUrl } from '../../project-root.js';
import { isHttps, login, setSessionCookie, SESSION_TTL_MS } from '../auth.js';
import type { RouteContext } from '../context.js';
import { href, html, page, raw } from './html.js';
import { langOf, texts, type Lang } from './i18n.js';
import { HTML, send, requirePage } from './page-kit.js';

/** Every asset the dashboard uses, served from /static (no CDN). */
const STATIC: Record<string, { type: string; body: Buffer }> = Object.fromEntries(
  [
    ['app.css', 'text/css; charset=utf-8'],
    ['chart.js', 'text/javascript; charset=utf-8'],
  ].map(([name, type]) => [name, { type: type as string, body: readFileSync(projectUrl(`src/api/dashboard/static/${name}`)) }]),
);

/** A local path to return to after login (never another origin). */
function safeNext(v: unknown): string {
  return typeof v === 'string' && /^\/(?!\/)[A-Za-z0-9/_?=&.%-]{0,200}$/.test(v) && !v.startsWith('/login') ? v : '/';
}

function loginPage(lang: Lang, next: string, failed: boolean): string {
  const t = texts(lang);
  return page({
    title: t.loginTitle,
    lang,
    principal: null,
    path: '/login',
    body: html`<p class="intro">${t.loginIntro}</p>
${failed ? html`<p class="error" role="alert" id="login-error">${t.loginFailed}</p>` : ''}
<form method="post" action="${href('/login', lang)}">
  <input type="hidden" name="next" value="${next}">
  <div class="field"><label for="key">${t.keyLabel}</label>
  <input id="key" name="key" type="password" autocomplete="current-password" required maxlength="200" size="50"${raw(failed ? ' aria-invalid="true" aria-describedby="login-error"' : '')}></div>
  <button type="submit">${t.loginButton}</button>
</form>`,
  });
}

/** Static assets, login and logout, and the start page (sector or the key's own municipality). */
export function registerAuthPages(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/static/:file', { config: { public: true } }, async (req, reply) => {
    const file = (req.params as { file: string }).file;
    const asset = Object.hasOwn(STATIC, file) ? STATIC[file] : undefined;
    if (!asset) throw new AppError('NOT_FOUND', 'no such asset');
    return reply.header('cache-control', 'public, max-age=3600').type(asset.type).send(asset.body);
  });

  app.get('/login', { config: { public: true, html: true } }, async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    return send(reply, loginPage(langOf(q), safeNext(q.next), false));
  });

  app.post('/login', { config: { public: true, html: true } }, async (req, reply) => {
    const lang = langOf(req.query);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const key = typeof body.key === 'string' ? body.key : '';
    const next = safeNext(body.next);
    const ttlMs = ctx.deps.sessionTtlMs ?? SESSION_TTL_MS;
    const ok = key.length > 0 && key.length <= 200 ? await login(ctx.auth, key, ttlMs) : null;
    if (!ok) return send(reply, loginPage(lang, next, true), 401);
    const dest = next === '/' ? href('/', lang) : next;
    return setSessionCookie(reply, ok.payload, { ttlMs, secure: isHttps(req) }).redirect(dest, 303);
  });

  app.post('/logout', { config: { public: true, html: true } }, async (req, reply) =>
    setSessionCookie(reply, '', { ttlMs: 0, secure: isHttps(req) }).redirect(href('/login', langOf(req.query)), 303),
  );

  app.get('/', HTML, async (req, reply) => {
    const p = requirePage(req);
    const lang = langOf(req.query);
    return reply.redirect(p.role === 'municipality' ? href(`/m/${p.municipality}`, lang) : href('/sector', lang), 303);
  });
}
