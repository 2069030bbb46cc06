/**
 * Proves that the import-direction rule (huiyin/import-directions, eslint.config.js) still catches a wrong import:
 * lints planted snippets with ESLint's Node API under the repository's own config, as if they were files in the
 * named folders, and fails unless every wrong import is reported (with its zone's message) and every allowed one
 * passes. Part of `npm run lint`, so a config change that silently disables the rule breaks `npm test`.
 */
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

const RULE = 'huiyin/import-directions';
const root = fileURLToPath(new URL('..', import.meta.url));

/** [file it pretends to be, code, the message's start if the rule must fire (null: it must not)] */
const CASES = [
  ['worker/rules/planted.ts', `import { text } from '../../views/text/index';`, 'worker/rules is pure: rules return codes; views translate them'],
  ['worker/rules/sub/planted.ts', `import { text } from '../../../views/text/index';`, 'worker/rules is pure'],
  ['worker/rules/planted.ts', `import type { CalendarEntry } from '../../db/repos/tenant-config';`, 'worker/rules is pure'],
  ['worker/rules/planted.ts', `import { Hono } from 'hono';`, 'worker/rules is pure'],
  ['worker/rules/planted.ts', `import { eq } from 'drizzle-orm';`, 'worker/rules is pure'],
  ['worker/rules/planted.ts', `export { act } from '../routes/suggestions/act';`, 'worker/rules is pure'],
  ['worker/rules/planted.ts', `const m = await import('../usecases/submit');`, 'worker/rules is pure'],
  ['worker/rules/planted.ts', `import * as z from 'zod';\nimport { addWorkingDays } from './calendar';`, null],
  ['db/planted.ts', `import { Hono } from 'hono';`, 'db is the data layer'],
  ['db/repos/planted.ts', `import { text } from '../../views/text/index';`, 'db is the data layer'],
  ['db/repos/planted.ts', `import { eq } from 'drizzle-orm';\nimport { dueDateFor } from '../../worker/rules/calendar';`, null],
  ['views/pages/planted.tsx', `import { suggestions } from '../../db/schema';`, 'views are pure functions of data'],
  ['views/pages/planted.tsx', `import { load } from '../../worker/routes/suggestions/load';`, 'views are pure functions of data'],
  ['views/pages/planted.tsx', `import type { Suggestion } from '../../db/schema';`, null],
  ['worker/api/endpoints/planted.ts', `import { act } from '../../routes/suggestions/act';`, 'worker/api calls use cases'],
  ['worker/usecases/planted.ts', `import { SubmitPage } from '../../views/pages/submit';`, 'worker/usecases are what pages and the API both call'],
  ['worker/forms/planted.ts', `import { suggestions } from '../../db/schema';`, 'worker/forms holds the zod form schemas'],
  ['worker/forms/planted.ts', `import type { Suggestion } from '../../db/schema';\nimport * as z from 'zod';`, null],
];

const eslint = new ESLint({ cwd: root });
const failures = [];
for (const [filePath, code, expected] of CASES) {
  const [result] = await eslint.lintText(`${code}\nexport const used = 1;\n`, { filePath });
  const fatal = result.messages.filter((m) => m.fatal);
  const hits = result.messages.filter((m) => m.ruleId === RULE);
  if (fatal.length) failures.push(`${filePath}: could not lint the snippet: ${fatal[0].message}`);
  else if (expected === null && hits.length) failures.push(`${filePath}: allowed import reported: ${hits[0].message}\n    ${code}`);
  else if (expected !== null && !hits.some((m) => m.message.includes(expected)))
    failures.push(`${filePath}: wrong import NOT reported (expected "${expected}…")\n    ${code}`);
}

if (failures.length) {
  console.error(`check-lint-directions: ${failures.length} of ${CASES.length} planted cases failed:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log(
  `check-lint-directions: ${RULE} reports all ${CASES.filter((c) => c[2]).length} planted wrong imports and passes the ${CASES.filter((c) => !c[2]).length} allowed ones.`,
);
