import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';


const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ['.next/**', '.next-*/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts', 'data/**'],
  },
  {
    rules: {
      // Right-to-left layout: physical left/right utilities are banned in favour of logical ones.
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='className'] Literal[value=/(^|\\s)-?(ml|mr|pl|pr|left|right|border-l|border-r|rounded-l|rounded-r|text-left|text-right)(-|\\s|$)/]",
          message: 'Use logical utilities (ms-/me-/ps-/pe-/start-/end-/text-start) so the layout follows the text direction.',
        },
      ],
    },
  },
  {
    // Content is asked for by name (lib/content/index.ts); the raw index stays inside lib/content/.
    files: ['**/*.{ts,tsx,mts,mjs}'],
    ignores: ['lib/content/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/lib/content/live'], message: 'Ask @/lib/content by name instead (lib/routing.ts, outside React, uses @/lib/content/queries).' },
            {
              group: ['**/lib/content', '**/lib/content/index', '**/lib/content/load'],
              importNames: ['getContentIndex', 'ContentIndex'],
              message: 'The raw content index stays inside lib/content/: add a named question to lib/content/index.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // Playwright fixtures call a function named `use`; they are not React hooks.
    files: ['e2e/**'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
];

export default config;
