// One tool lints and formats: ESLint with the stylistic rules (`npm run format` fixes).
import stylistic from '@stylistic/eslint-plugin'
import vue from 'eslint-plugin-vue'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'test-results/**', 'playwright-report/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  stylistic.configs.customize({ indent: 2, quotes: 'single', semi: false, jsx: false }),
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // The domain is shared with the server and must stay free of frameworks and runtimes.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['vue', 'pinia', 'dexie', 'pouchdb*', 'workbox*', 'node:*', 'fs', 'path'] }],
    },
  },
  {
    // Only src/data touches storage.
    files: ['src/stores/**', 'src/features/**', 'src/components/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['dexie', 'pouchdb*'] }],
    },
  },
  {
    files: ['sync-server/**/*.ts', 'bench/**/*.ts', 'deploy/**/*.ts', 'demo/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
)
