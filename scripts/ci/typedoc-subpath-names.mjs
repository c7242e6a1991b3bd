// TypeDoc plugin: names each entry-point module after the import specifier a user writes.
// TypeDoc derives module names from file paths ("index" for src/index.ts, "core" for
// src/core/index.ts); this renames them to "quantivista" and "quantivista/core", so the
// docs site has one page per package subpath, titled as it is imported.
import { readFileSync } from 'node:fs';
import { Converter, ReflectionKind } from 'typedoc';

const pkgName = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).name;

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const mod of context.project.getChildrenByKind(ReflectionKind.Module)) {
      mod.name = mod.name === 'index' ? pkgName : `${pkgName}/${mod.name}`;
    }
  });
}
