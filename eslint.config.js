/**
 * Lint for the product code (provider/, common/, emulator/). Besides the recommended rules, the layering is a
 * rule: calls go one way, bridge (wire) <- framework (schema, planning) <- resources, and each layer may only
 * import what is below it. `npm run lint`; CI runs it before the tests.
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * `no-restricted-imports` for one layer: each entry is [regex on the import path, why it is refused], and
 * optionally `true` when type-only imports of that path are fine.
 */
const onlyBelow = (...rules) => ({
  'no-restricted-imports': [
    'error',
    { patterns: rules.map(([regex, message, allowTypeImports = false]) => ({ regex, message, allowTypeImports })) },
  ],
});

const GRPC = ['^@grpc/|^protobufjs|(^|/)schema/generated/', 'gRPC and protobuf belong to provider/bridge/protocol.'];
const BRIDGE_WIRE = [
  '(^|/)bridge/(protocol/(grpc-provider|load|to-proto|from-proto)|serve|go-plugin-services|handshake|tls)\\.js$',
  'The framework knows the protocol only as the ProviderServer interface, values and codec; never its gRPC side.',
];
const CLIENT = ['(^|/)client/', 'Only resources, data sources, ephemeral resources and the provider configuration call Kestra.'];
const KESTRA_LAYERS = ['(^|/)(resources|datasources|ephemeral-resources|kestra)/|(^|/)(provider-config|kestra-provider|schema-json|main)\\.js$', 'Above this layer.'];
const ANY_BRIDGE = ['(^|/)bridge/', 'Resources, data sources and ephemeral resources see the framework, never the wire.'];
const DEEP_FRAMEWORK = ['(^|/)framework/(?!index\\.js$)', 'Import the framework from framework/index.js, its public surface.'];
const DEEP_KESTRA = ['(^|/)kestra/(?!index\\.js$)', 'Import shared Kestra logic from kestra/index.js.'];
// The client's entry loads undici, which must stay out of start-up (and out of the startup snapshot, whose
// builder cannot load node:http): values come from the modules behind it, types from anywhere.
const CLIENT_ENTRY = [
  '(^|/)client/(index|kestra-client|transport)\\.js$',
  'Loads undici at start-up; import values from client/errors.js and friends (types from client/index.js are fine).',
  true,
];
const SIBLINGS = ['^\\.\\./(resources|datasources|ephemeral-resources)/', 'Share logic through provider/kestra/, not by importing another resource file.'];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'schema/generated/', 'cdktf/', 'cdktn/', 'examples/', 'test/', 'bench/', 'scripts/', 'bin/'] },
  {
    files: ['provider/**/*.ts', 'common/**/*.ts', 'emulator/**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['provider/bridge/**/*.ts'],
    rules: onlyBelow(['(^|/)(framework|client)/', 'The bridge knows nothing above the wire.'], KESTRA_LAYERS),
  },
  {
    files: ['provider/framework/**/*.ts'],
    rules: onlyBelow(GRPC, BRIDGE_WIRE, CLIENT, KESTRA_LAYERS),
  },
  {
    files: ['provider/kestra/**/*.ts'],
    rules: onlyBelow(GRPC, ANY_BRIDGE, DEEP_FRAMEWORK, CLIENT_ENTRY, ['(^|/)(resources|datasources|ephemeral-resources)/', 'Shared logic is below the resources.']),
  },
  {
    files: ['provider/resources/**/*.ts', 'provider/datasources/**/*.ts', 'provider/ephemeral-resources/**/*.ts'],
    rules: onlyBelow(GRPC, ANY_BRIDGE, DEEP_FRAMEWORK, DEEP_KESTRA, CLIENT_ENTRY, SIBLINGS),
  },
  {
    files: ['provider/provider-config.ts', 'provider/kestra-provider.ts'],
    rules: onlyBelow(GRPC, ANY_BRIDGE, DEEP_FRAMEWORK, DEEP_KESTRA, CLIENT_ENTRY),
  },
  {
    files: ['provider/client/**/*.ts'],
    rules: onlyBelow(['(^|/)(framework|bridge)/', 'The Kestra client knows nothing of Terraform.'], KESTRA_LAYERS),
  },
  {
    files: ['common/**/*.ts'],
    rules: onlyBelow(['(^|/)(provider|emulator)/', 'common/ is shared by the provider and the emulator and depends on neither.']),
  },
  {
    files: ['emulator/**/*.ts'],
    rules: onlyBelow(['(^|/)provider/', 'The emulator is a stand-in for Kestra: it shares common/ with the provider, nothing else.']),
  },
  {
    // Resource code holds no casts and no non-null assertions: the framework's types say what is known.
    files: ['provider/framework/**/*.ts', 'provider/kestra/**/*.ts', 'provider/resources/**/*.ts', 'provider/datasources/**/*.ts', 'provider/ephemeral-resources/**/*.ts', 'provider/provider-config.ts', 'provider/kestra-provider.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'error' },
  },
  {
    files: ['provider/kestra/**/*.ts', 'provider/resources/**/*.ts', 'provider/datasources/**/*.ts', 'provider/ephemeral-resources/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-assertions': ['error', { assertionStyle: 'never' }] },
  },
  {
    // Orders the provider shows must not depend on the user's locale (common/compare-text.ts says why).
    files: ['provider/**/*.ts', 'common/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error', { property: 'localeCompare', message: 'Use compareUtf8 from common/compare-text.ts: byte order, the same in every locale.' }],
      'no-restricted-globals': ['error', { name: 'Intl', message: 'Locale data is not the provider\'s business, and it maps ICU data into every process.' }],
    },
  },
);
