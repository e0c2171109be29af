// Layer gate (part of `npm run lint`): imports point down this list, never up, and never in a circle.
// The layers, lowest first, are written here once; every rule below is derived from them.
const LAYERS = [
  // Plain helpers and configuration: import nothing of ours above them.
  { name: 'kernel', path: '^src/(config|tracing|shared)/' },
  // The event log and the deciders' machinery.
  { name: 'store', path: '^src/(event-store|decider)/' },
  // Read models: the projection runner, keyset pages.
  { name: 'read-side', path: '^src/projections/' },
  // What runs a request: its context, sending a command and waiting for the read models, time
  // travel's registry of deciders, metrics.
  { name: 'runtime', path: '^src/(runtime|metrics)/' },
  // The API's plumbing: typed errors, connections and cursors, scalars, live updates.
  { name: 'graphql', path: '^src/graphql/' },
  // Who may do what: tokens, the guard, the authority table, rate limits.
  { name: 'auth', path: '^src/auth/' },
  // The features, each in its own folder (they may use one another, without circles).
  { name: 'features', path: '^src/(?!(config|tracing|shared|event-store|decider|projections|auth|graphql|metrics|runtime|app|cli)/)[^/]+/' },
  // The composition root: the Nest application, its list of modules and its HTTP plumbing; the
  // command-line tools that span several features (cli/).
  { name: 'root', path: '^src/(app/|cli/|main\\.ts$)' },
];

const upward = LAYERS.flatMap((lower, i) =>
  LAYERS.slice(i + 1).map((higher) => ({
    name: `${lower.name}-not-to-${higher.name}`,
    comment: `The ${lower.name} layer must not import the ${higher.name} layer above it (see docs/architecture.md, "Layers").`,
    severity: 'error',
    from: { path: lower.path, pathNot: '\\.spec\\.ts$' },
    to: { path: higher.path },
  })),
);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'no-circular',
      comment: 'Files that import one another in a loop cannot be understood, tested or moved one at a time.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { pathNot: '\\.spec\\.ts$' } },
    },
    {
      name: 'no-circular-folders',
      comment: 'Folders (features, layers) that import one another in a loop: one of them holds what the other should own.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'read-model-not-to-other-features-tables',
      comment:
        "A feature's read model reads its own projection's tables: not another feature's read model or projection (their tables are theirs to change). " +
        'What it needs of other features it folds into tables of its own, as the feeds do (src/feeds/feeds.projection.ts). The SQL itself is checked by ' +
        'src/feeds/feeds.projection.spec.ts (the feeds run on a database holding only their own tables).',
      severity: 'error',
      from: { path: '^src/([^/]+)/[^/]+\\.read-model\\.ts$' },
      to: { path: '^src/[^/]+/[^/]+\\.(read-model|projection)\\.ts$', pathNot: '^src/$1/' },
    },
    {
      name: 'src-not-to-tests',
      comment: 'Production code does not import tests, benchmarks or scripts.',
      severity: 'error',
      from: { path: '^src/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^(test|bench|scripts)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Specs may reach across layers to build what they test; the rules are about production code.
    exclude: { path: '(^dist/|^web/|^clients/|\\.spec\\.ts$)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] },
  },
};
