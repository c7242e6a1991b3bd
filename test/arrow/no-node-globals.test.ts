/**
 * src/ must use no Node built-ins (ARCHITECTURE §7), which tsconfig.json's `types: []` used to
 * enforce. But type declarations of dependencies can pull Node's in: apache-arrow's (imported by
 * src/arrow) reference `types="node"`, as do @types/papaparse's, and then `tsc -p tsconfig.json`
 * accepts a `Buffer` or `process` anywhere in src/. This test restores the guard by symbol: it
 * typechecks every entry point with tsconfig.json's options and fails on any identifier in src/
 * that resolves to a declaration of Node's types (@types/node, any copy), and on any import of a
 * `node:` module.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const srcDir = join(root, 'src') + sep;

describe('src/ uses no Node built-ins, whatever type declarations are loaded', () => {
  it('no identifier resolves to @types/node, no node: import', () => {
    const cfg = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(cfg.config, ts.sys, root);
    const entries = [
      join(root, 'src', 'index.ts'),
      ...readdirSync(join(root, 'src'))
        .filter((d) => existsSync(join(root, 'src', d, 'index.ts')))
        .map((d) => join(root, 'src', d, 'index.ts')),
    ];
    const program = ts.createProgram(entries, parsed.options);
    const checker = program.getTypeChecker();
    const isNode = (f: string) => /[\\/]@types[\\/]node[\\/]/.test(f);
    const found: string[] = [];
    let checked = 0;
    for (const sf of program.getSourceFiles()) {
      if (!sf.fileName.startsWith(srcDir.split(sep).join('/')) && !sf.fileName.startsWith(srcDir)) continue;
      checked++;
      const where = (n: ts.Node) => `${relative(root, sf.fileName)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
      const visit = (node: ts.Node): void => {
        if (ts.isIdentifier(node)) {
          let sym = checker.getSymbolAtLocation(node);
          if (sym && sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
          // only names Node alone declares (Node also augments lib interfaces such as Float64Array)
          const decls = sym?.declarations ?? [];
          if (decls.length > 0 && decls.every((d) => isNode(d.getSourceFile().fileName))) found.push(`${where(node)}: ${node.text}`);
        } else if (
          (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
          node.moduleSpecifier &&
          ts.isStringLiteral(node.moduleSpecifier) &&
          node.moduleSpecifier.text.startsWith('node:')
        ) {
          found.push(`${where(node)}: import '${node.moduleSpecifier.text}'`);
        }
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
    expect(checked).toBeGreaterThan(50);
    expect(found).toEqual([]);
  });
});
