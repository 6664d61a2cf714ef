/**
 * The layers, as `npm run lint:layers` checks them (and CI runs it):
 *
 *   src/api, workers, scripts ─→ src/domain ─→ src/data-access ─→ db
 *                                    │
 *                                    └──────→ routing ─→ routing/solver (pure)
 *
 * Type-only imports count (tsPreCompilationDeps), so a layer cannot lean on another through types.
 */
const PROJECT = '^(src|routing|workers|db|scripts|test|web)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'solver-is-pure',
      comment: 'routing/solver is pure: it imports nothing of the project outside routing/solver, and no package.',
      severity: 'error',
      from: { path: '^routing/solver/' },
      to: { pathNot: '^routing/solver/', dependencyTypesNot: ['core'], path: [PROJECT, 'node_modules'] },
    },
    {
      name: 'domain-knows-no-http-or-queues',
      comment: 'The domain throws DomainErrors and never knows HTTP or the queue: no src/api, workers, express or bullmq.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: ['^src/api/', '^workers/', 'node_modules/(@types/)?(express|bullmq)/'] },
    },
    {
      name: 'data-access-below-domain',
      comment: 'Repositories return plain objects; they import no use case, route or worker.',
      severity: 'error',
      from: { path: '^src/data-access/' },
      to: { path: '^(src/(api|domain|seed|cli)|workers)/' },
    },
    {
      name: 'routing-knows-no-app',
      comment: 'routing (travel times, solver tasks, the solver) imports nothing of src, workers or db.',
      severity: 'error',
      from: { path: '^routing/' },
      to: { path: '^(src|workers|db)/' },
    },
    {
      name: 'db-knows-no-src',
      comment: 'db/ (schema, migrations, client, seed data) imports nothing of src/; the domain may import db types.',
      severity: 'error',
      from: { path: '^db/' },
      to: { path: '^(src|workers|routing|scripts)/' },
    },
    {
      name: 'nothing-imports-test',
      comment: 'Only tests import test/; a helper a script needs lives in scripts/.',
      severity: 'error',
      from: { pathNot: '^test/' },
      to: { path: '^test/' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles, type-only ones included.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
