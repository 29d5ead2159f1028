import { importRoutes } from '@zone-risk/imports';
import type { ServiceRoutes } from '@zone-risk/platform';
import { instrumentRegister } from '../commands/register-import.ts';
import { ROLES, type RouteDeps } from './deps.ts';
import { indicatorRoutes } from './indicators.ts';
import { instrumentRoutes } from './instruments.ts';
import { taskRoutes } from './tasks.ts';

export type { RouteDeps } from './deps.ts';

/** Every HTTP route of the debt service. */
export function debtRoutes(deps: RouteDeps): ServiceRoutes {
  return async (app) => {
    await app.register(
      importRoutes(deps.running.imports, deps.ctx.imports, instrumentRegister(deps.ctx), {
        path: '/instruments/import',
        jobsPath: '/imports',
        tag: 'register import',
        summary: 'Import the debt register (债务台账): CSV or XLSX',
        description:
          'multipart/form-data with one file part: CSV (UTF-8 or GB18030) or XLSX (first sheet), header row as in the template (GET /instruments/import/template); amounts in 万元 (1 万元 = 1,000,000 fen, up to 6 decimals). Answers 202 with `Location: /imports/{id}`: the import runs in the background; GET it for progress and the per-row report (line, field, reason). A line of an instrument already registered with the same terms changes nothing; with other terms it is refused (terms are not edited).',
        roles: { write: ROLES.post, read: ROLES.read },
        maxBytes: deps.config.IMPORT_MAX_BYTES,
      }),
    );
    await app.register(instrumentRoutes(deps));
    await app.register(taskRoutes(deps));
    await app.register(indicatorRoutes(deps));
  };
}
