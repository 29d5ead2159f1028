import { importRoutes } from '@zone-risk/imports';
import type { ServiceRoutes } from '@zone-risk/platform';
import { businessRegister } from '../commands/register-import.ts';
import { businessRoutes } from './businesses.ts';
import { caseEvidenceRoutes, caseRoutes } from './cases.ts';
import { checkRoutes } from './checks.ts';
import type { RouteDeps } from './deps.ts';
import { drawRoutes } from './draws.ts';
import { ruleSetRoutes } from './rule-set.ts';
import { sampleRoutes } from './samples.ts';

export type { RouteDeps } from './deps.ts';

/** Every HTTP route of the food-drug service. */
export function foodDrugRoutes(deps: RouteDeps): ServiceRoutes {
  return async (app) => {
    await app.register(
      importRoutes(deps.running.imports, deps.ctx.imports, businessRegister(deps.ctx), {
        path: '/businesses/import',
        jobsPath: '/imports',
        tag: 'business import',
        summary: 'Import the business register (经营主体名录): CSV or XLSX',
        description:
          'multipart/form-data with one file part: CSV (UTF-8 or GB18030) or XLSX (first sheet), header row as in the template (GET /businesses/import/template). Answers 202 with `Location: /imports/{id}`: the import runs in the background; GET it for progress and the per-row report (line, field, reason). A line of a business already registered updates what differs; the same file again changes nothing.',
        roles: {
          write: ['food-drug-officer', 'food-drug-supervisor'],
          read: ['food-drug-officer', 'food-drug-supervisor', 'risk-office'],
        },
        maxBytes: deps.config.IMPORT_MAX_BYTES,
      }),
    );
    await app.register(businessRoutes(deps));
    await app.register(ruleSetRoutes(deps));
    await app.register(checkRoutes(deps));
    await app.register(drawRoutes(deps));
    await app.register(sampleRoutes(deps));
    await app.register(caseRoutes(deps));
    await app.register(caseEvidenceRoutes(deps));
  };
}
