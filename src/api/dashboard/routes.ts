import type { FastifyInstance } from 'fastify';

import type { RouteContext } from '../context.js';
import { registerAccountPages } from './account-pages.js';
import { registerAuthPages } from './auth-pages.js';
import { registerMunicipalityPage } from './municipality-page.js';
import { registerOwnMunicipalityPages } from './own-pages.js';
import { registerSectorPage } from './sector-page.js';
import { registerSectorPages } from './sector-pages.js';
import { registerTopicPages } from './topics-pages.js';

export { handleHtmlError } from './page-kit.js';

/**
 * The server-rendered dashboard: login with an API key (session cookie), sector overview, municipality, its
 * open questions, alerts and weekly reports (PDF download), account and harvest-health pages. Every page reads
 * through the same access rules and suppressed views as the JSON API; every asset is served from /static (no
 * CDN); pages work without JavaScript (charts degrade to their tables).
 *
 * Each page (or family of pages) has its own file with one `register…` function; a new page adds its file
 * and one line here. Shared pieces are in page-kit.ts.
 */
export const DASHBOARD_PAGES: ReadonlyArray<(app: FastifyInstance, ctx: RouteContext) => void> = [
  registerAuthPages,
  registerSectorPage,
  registerMunicipalityPage,
  registerOwnMunicipalityPages,
  registerAccountPages,
  registerSectorPages,
  registerTopicPages,
];

export function registerDashboard(app: FastifyInstance, ctx: RouteContext): void {
  for (const register of DASHBOARD_PAGES) register(app, ctx);
}
