/**
 * The layer rules of docs/architecture.md ("Layers"), checked by `npm run lint:layers` (part of
 * `npm test`). Each rule says why it exists; a violation names the import that breaks it.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle ties modules that should stand apart; split the shared part out.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-inward',
      severity: 'error',
      comment: 'Domain code owns its ports and errors and knows no adapter, page, email or HTTP code.',
      from: { path: '^functions/domain/' },
      to: { path: '^functions/(adapters|web|email|http|handlers)/' },
    },
    {
      name: 'lib-is-a-leaf',
      severity: 'error',
      comment: 'functions/lib holds leaf utilities: it imports nothing else from functions/.',
      from: { path: '^functions/lib/' },
      to: { path: '^functions/', pathNot: '^functions/lib/' },
    },
    {
      name: 'adapters-know-no-http-or-pages',
      severity: 'error',
      comment: 'Adapters speak to AWS for the domain; they neither render nor answer HTTP.',
      from: { path: '^functions/adapters/' },
      to: { path: '^functions/(web|email|http|handlers)/' },
    },
    {
      name: 'table-modules-are-leaves',
      severity: 'error',
      comment:
        'A table module (keys, items, transaction parts) stands on the domain alone: other writes build on it, never the reverse.',
      from: { path: '^functions/adapters/[a-z-]+-table\\.ts$' },
      to: { path: '^functions/adapters/', pathNot: '^functions/adapters/(transact-item|aws-errors)\\.ts$' },
    },
    {
      name: 'repositories-stand-on-tables',
      severity: 'error',
      comment:
        'A repository composes table modules; it does not reach into another repository (that is how the consents/matches circle began).',
      from: { path: '^functions/adapters/[a-z-]+-repository\\.ts$' },
      to: { path: '^functions/adapters/[a-z-]+-repository\\.ts$' },
    },
    {
      name: 'pages-and-emails-are-templates',
      severity: 'error',
      comment: 'Pages and emails render facts they are given: no adapters, HTTP or handlers.',
      from: { path: '^functions/(web|email)/' },
      to: { path: '^functions/(adapters|http|handlers)/' },
    },
    {
      name: 'http-is-below-handlers',
      severity: 'error',
      comment: 'The HTTP layer serves every handler and imports none.',
      from: { path: '^functions/http/' },
      to: { path: '^functions/handlers/' },
    },
    {
      name: 'infra-imports-no-scripts',
      severity: 'error',
      comment: 'The CDK app stands on shared/ and infra/ only; scripts are local tooling.',
      from: { path: '^infra/' },
      to: { path: '^scripts/' },
    },
    {
      name: 'shared-is-the-ground',
      severity: 'error',
      comment: 'shared/ is read by CDK, functions and tests alike: it imports none of them.',
      from: { path: '^shared/' },
      to: { path: '^(functions|infra|scripts|test|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.json'] },
    exclude: { path: '(^|/)(node_modules|\\.build|cdk\\.out)/' },
  },
};
