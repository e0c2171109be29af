// Layer gate (part of `npm run lint`): imports point down this list, never up, and never in a circle.
// The layers, lowest first, are written here once; every rule below is derived from them.
const LAYERS = [
  // Plain helpers and configuration: import nothing of ours above them.
  { name: 'kernel', path: '^src/(config|tracing|shared)/' },
  // The event log and the deciders' machinery.
  { name: 'store', path: '^src/(event-store|decider)/' },
  // Read models: the projection runner, keyset pages.
  { name: 'read-side', path: '^src/projections/' },
  // What every transport shares: principals and authority, GraphQL plumbing, metrics, request context, commands.
  { name: 'edge', path: '^src/(auth|graphql|metrics|runtime)/' },
  // The features, each in its own folder (they may use one another, without circles).
  { name: 'features', path: '^src/(?!(config|tracing|shared|event-store|decider|projections|auth|graphql|metrics|runtime|app)/)[^/]+/' },
  // The composition root: the Nest application, its list of modules and its HTTP plumbing.
  { name: 'root', path: '^src/(app/|main\\.ts$)' },
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
      name: 'src-not-to-tests',
      comment: 'Production code does not import tests, benchmarks or scripts.',
      severity: 'error',
      from: { path: '^src/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^(test|bench|scripts)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|^web/|^clients/)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] },
  },
};
