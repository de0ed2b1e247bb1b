/**
 * The import rules of src/, checked by `npm run lint:deps` (part of `npm run lint`, so of `npm test`).
 * Layers, top to bottom: src/server.ts (the one place wiring concrete parts) > yoga, index > plugins >
 * schema > cost > plan > loaders > rest > util, with observability and shared-state just above rest and
 * config.ts reading only leaf modules. The emulator stands alone. `import type` counts like any import
 * (`tsPreCompilationDeps`), so a cycle through types is a cycle too.
 */

/** Files under src/rest that loaders may use: the session interface, X's types and the error hierarchy. */
const REST_INTERFACE = '^src/rest/(x-api|x-types|errors|answers/map-errors)[.]ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles: move the shared piece into its own module.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'only-server-wires',
      severity: 'error',
      comment:
        'Only src/server.ts creates concrete parts: the Redis store (ioredis) and the embedded emulator. ' +
        'Others take them as options (e.g. createXClient({ sharedStore })); the emulator command ' +
        '(src/cli/emulator*.ts) starts the emulator alone, as its entry point.',
      from: {
        path: '^src/',
        pathNot: [
          '^src/server[.]ts$',
          '^src/shared-state/',
          '^src/emulator/',
          '^src/cli/emulator(-command)?[.]ts$',
        ],
      },
      to: { path: ['^src/shared-state/redis-store[.]ts$', '^src/emulator/', '(^|/)node_modules/ioredis/'] },
    },
    {
      name: 'rest-is-the-bottom',
      severity: 'error',
      comment: 'src/rest (the X API client) imports only its own folder and src/util.',
      from: { path: '^src/rest/' },
      to: { path: '^src/', pathNot: ['^src/rest/', '^src/util/'] },
    },
    {
      name: 'leaves-stay-leaves',
      severity: 'error',
      comment:
        'src/util (generic helpers) and the modules config.ts reads its defaults and files with know ' +
        'nothing of the gateway: they import only src/util.',
      from: { path: ['^src/util/', '^src/(config-defaults|persisted-operations-file)[.]ts$'] },
      to: { path: '^src/', pathNot: '^src/util/' },
    },
    {
      name: 'money-is-a-leaf',
      severity: 'error',
      comment:
        'src/cost/money.ts (USD amounts and X_PRICES) is read by config.ts, so it imports only X vocabulary ' +
        '(rest/x-api.ts) and util.',
      from: { path: '^src/cost/money[.]ts$' },
      to: { path: '^src/', pathNot: ['^src/rest/x-api[.]ts$', '^src/util/'] },
    },
    {
      name: 'loaders-use-the-interface',
      severity: 'error',
      comment:
        'src/loaders depend on the XSession interface (rest/x-api.ts), X types and errors, ' +
        'never on the REST implementation, the planner or anything above.',
      from: { path: '^src/loaders/' },
      to: { path: '^src/', pathNot: ['^src/loaders/', '^src/util/', REST_INTERFACE] },
    },
    {
      name: 'config-is-a-leaf',
      severity: 'error',
      comment:
        'src/config.ts reads the environment into options; it imports only the leaf modules below it ' +
        '(env-reader, config-defaults, connection-limits, persisted-operations-file, cost/money for X_PRICES) and util, never the parts it configures.',
      from: { path: '^src/config[.]ts$' },
      to: {
        path: '^src/',
        pathNot: [
          '^src/(env-reader|config-defaults|connection-limits|persisted-operations-file)[.]ts$',
          '^src/cost/money[.]ts$',
          '^src/util/',
        ],
      },
    },
    {
      name: 'observability-below-plugins-and-config',
      severity: 'error',
      comment: 'src/observability imports neither the plugins nor the configuration (they import it).',
      from: { path: '^src/observability/' },
      to: { path: ['^src/plugins/', '^src/config[.]ts$', '^src/server[.]ts$', '^src/yoga[.]ts$'] },
    },
    {
      name: 'emulator-stands-alone',
      severity: 'error',
      comment: 'The emulator is a separate X API: it imports nothing of the gateway.',
      from: { path: '^src/emulator/' },
      to: { path: '^src/', pathNot: '^src/emulator/' },
    },
    {
      name: 'schema-below-plugins',
      severity: 'error',
      comment: 'src/schema builds types and resolvers; plugins, yoga and server sit above it.',
      from: { path: '^src/schema/' },
      to: { path: ['^src/plugins/', '^src/server[.]ts$', '^src/yoga[.]ts$', '^src/index[.]ts$'] },
    },
    {
      name: 'no-orphans',
      severity: 'error',
      comment: 'Every module of src/ is imported by another or is an entry point.',
      from: {
        orphan: true,
        pathNot: ['[.]d[.]ts$', '^src/server[.]ts$', '^src/index[.]ts$', '^src/emulator/main[.]ts$'],
      },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/generated/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
