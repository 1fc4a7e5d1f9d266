import type { FastifyInstance } from 'fastify';

import type { RouteContext } from '../context.js';
import { registerAnnualPage } from './annual-page.js';
import { registerPostKindsPage } from './post-kinds-page.js';
import { registerSizeBandsPage } from './size-bands-page.js';

/** The sector pages of #23 part B: post types, size bands and year-on-year, the annual summary. */
export function registerSectorPages(app: FastifyInstance, ctx: RouteContext): void {
  registerPostKindsPage(app, ctx);
  registerSizeBandsPage(app, ctx);
  registerAnnualPage(app, ctx);
}
