/**
 * An ESLint rule that enforces which folder may import which (the layers of docs/decisions/). The zones live in
 * eslint.config.js; this file is only the mechanics. A relative import is resolved against the importing file, so
 * `../../views/i18n` from worker/rules/x.ts is seen as views/i18n — a string pattern could not tell `../routes`
 * in worker/api/ from the same string elsewhere. Type-only imports (`import type`, `export type … from`) pass
 * where a zone says `typesOk`.
 *
 * Options: { root (the repository root; default: ESLint's cwd), zones }. A zone: { from: 'worker/rules', message, only?: [folders and packages allowed, nothing else],
 *           forbid?: [folders or packages], forbidValues?: [folders or packages, `import type` allowed] }.
 * A folder is a path from the repository root ('db', 'worker/routes'); a package is a bare name ('hono'), which
 * also covers its subpaths ('hono/jsx').
 */
import path from 'node:path';

const RULE_NAME = 'huiyin/import-directions';

/** `inside('worker/rules', 'worker/rules/x')` — a path is the folder or under it. */
const inside = (folder, p) => p === folder || p.startsWith(folder + '/');

/** The package a bare specifier names: 'hono/jsx' → 'hono', '@hono/zod-validator/x' → '@hono/zod-validator'. */
function packageOf(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Whether a target ('db', 'hono') matches an import, given as a repo path (relative imports) or a package name. */
function matches(target, imported) {
  return imported.kind === 'path' ? inside(target, imported.path) : target === imported.pkg;
}

/** @type {import('eslint').Rule.RuleModule} */
export const importDirections = {
  meta: {
    type: 'problem',
    docs: { description: 'Allowed import directions between the layers (docs/decisions/).' },
    schema: [{ type: 'object', properties: { root: { type: 'string' }, zones: { type: 'array' } }, additionalProperties: false }],
    messages: { wrong: `${RULE_NAME}: {{file}} must not import '{{spec}}'. {{message}}` },
  },
  create(context) {
    const root = context.options[0]?.root ?? context.cwd;
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    const zones = (context.options[0]?.zones ?? []).filter((z) => inside(z.from, file));
    if (zones.length === 0) return {};

    function check(node, source, typeOnly) {
      if (!source || typeof source.value !== 'string') return;
      const spec = source.value;
      const imported = spec.startsWith('.')
        ? { kind: 'path', path: path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)) }
        : { kind: 'package', pkg: packageOf(spec) };
      for (const zone of zones) {
        const wrong =
          (zone.only && !zone.only.some((t) => matches(t, imported))) ||
          (zone.forbid ?? []).some((t) => matches(t, imported)) ||
          (!typeOnly && (zone.forbidValues ?? []).some((t) => matches(t, imported)));
        if (wrong) {
          context.report({ node: source, messageId: 'wrong', data: { file, spec, message: zone.message } });
          return;
        }
      }
    }

    /** `import type {…}` or `import { type a, type b }`: nothing of the module exists at run time. */
    const importIsTypeOnly = (node) =>
      node.importKind === 'type' ||
      (node.specifiers.length > 0 && node.specifiers.every((s) => s.type === 'ImportSpecifier' && s.importKind === 'type'));
    const exportIsTypeOnly = (node) =>
      node.exportKind === 'type' || (node.specifiers?.length > 0 && node.specifiers.every((s) => s.exportKind === 'type'));

    return {
      ImportDeclaration: (node) => check(node, node.source, importIsTypeOnly(node)),
      ExportNamedDeclaration: (node) => check(node, node.source, exportIsTypeOnly(node)),
      ExportAllDeclaration: (node) => check(node, node.source, node.exportKind === 'type'),
      ImportExpression: (node) => check(node, node.source.type === 'Literal' ? node.source : null, false),
    };
  },
};

/** The plugin object for eslint.config.js: `plugins: { huiyin }`, rule `huiyin/import-directions`. */
export default { meta: { name: 'huiyin' }, rules: { 'import-directions': importDirections } };
