import { AppError } from '../errors.js';
import { SECTOR_ID, type Scope } from '../indicators/definitions.js';
import { listAccountSummaries, listCountySummaries, listMunicipalitySummaries } from '../store/api-reads.js';
import type { Queryable } from '../store/db.js';
import { assertMunicipality, type Principal } from './auth.js';

/**
 * Whether `p` may read scope `scope` / `id`, checked before any figure is read. A municipality key gets the
 * same 403 for another municipality's code or account id whether or not it exists (no probing); admin and
 * sector get 404 for ids that do not exist.
 */
export async function checkScopeAccess(db: Queryable, p: Principal, scope: Scope, id: string): Promise<void> {
  switch (scope) {
    case 'account': {
      if (p.role === 'sector') throw new AppError('FORBIDDEN', 'the sector role sees aggregates only, not single accounts');
      const [a] = await listAccountSummaries(db, { id });
      if (p.role === 'municipality' && (!a || a.municipality !== p.municipality)) {
        throw new AppError('FORBIDDEN', 'this key may only read its own municipality');
      }
      if (!a) throw new AppError('NOT_FOUND', 'no such account');
      return;
    }
    case 'municipality': {
      assertMunicipality(p, id);
      if ((await listMunicipalitySummaries(db, { code: id })).length === 0) throw new AppError('NOT_FOUND', 'no such municipality');
      return;
    }
    case 'county': {
      if (!(await listCountySummaries(db)).some((c) => c.code === id)) throw new AppError('NOT_FOUND', 'no such county');
      return;
    }
    case 'sector': {
      if (id !== SECTOR_ID) throw new AppError('NOT_FOUND', `the sector's id is ${SECTOR_ID}`);
      return;
    }
  }
}
