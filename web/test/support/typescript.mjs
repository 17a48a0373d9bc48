// Imports a module of web/src in Node for unit tests: the file and the modules it imports by a
// relative path are transpiled with the project's TypeScript (types are checked by `npm run
// build`, not here) into node_modules/.lessonloop-unit/, where bare imports (@preact/signals)
// resolve as in the app.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const web = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = join(web, 'node_modules', '.lessonloop-unit');

function sourceOf(base) {
  for (const ext of ['.ts', '.tsx']) if (existsSync(base + ext)) return base + ext;
  if (existsSync(base)) return base;
  throw new Error(`no module ${base}(.ts|.tsx)`);
}

function emit(file, done) {
  const target = join(out, relative(web, file)).replace(/\.tsx?$/, '.mjs');
  if (done.has(file)) return target;
  done.add(file);
  const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
    compilerOptions: {
      module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022,
      jsx: ts.JsxEmit.ReactJSX, jsxImportSource: 'preact', verbatimModuleSyntax: false,
    },
    fileName: file,
  });
  const code = outputText.replace(/(from\s+|import\s*\(\s*)(['"])(\.{1,2}\/[^'"]+)\2/g, (_, lead, quote, spec) => {
    const dep = relative(dirname(target), emit(sourceOf(resolve(dirname(file), spec)), done));
    return `${lead}${quote}${dep.startsWith('.') ? dep : `./${dep}`}${quote}`;
  });
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, code);
  return target;
}

/** `await importSource('src/review/keys.ts')` */
export function importSource(path) {
  return import(pathToFileURL(emit(resolve(web, path), new Set())).href);
}
