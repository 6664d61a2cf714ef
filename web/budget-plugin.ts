import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/**
 * Weighs the rider app as a phone on a weak connection receives it: every JavaScript and CSS file,
 * gzipped. Prints the figure and fails the build above the budget. Also stores a `.gz` beside each
 * text asset, so the server sends the compressed file without compressing on every request.
 */
export function bundleBudget(budgetKiB: number): Plugin {
  return {
    name: 'bundle-budget',
    apply: 'build',
    writeBundle(options, bundle) {
      const outDir = options.dir ?? 'dist';
      const sizes: Array<{ file: string; gzip: number; initial: boolean }> = [];
      const initial = new Set<string>();
      for (const item of Object.values(bundle)) {
        if (item.type === 'chunk' && item.isEntry) {
          initial.add(item.fileName);
          for (const name of item.imports) initial.add(name);
          for (const css of item.viteMetadata?.importedCss ?? []) initial.add(css);
        }
      }
      // The operator's pages (web/src/admin) are loaded by admins only, never on a rider's phone: weighed apart.
      const operatorOnly = new Set<string>();
      let operator = 0;
      for (const item of Object.values(bundle)) {
        if (item.type !== 'chunk' || item.moduleIds.length === 0 || !item.moduleIds.every((id) => /[\\/]src[\\/]admin[\\/]/.test(id))) continue;
        operatorOnly.add(item.fileName);
        for (const css of item.viteMetadata?.importedCss ?? []) operatorOnly.add(css);
      }
      for (const item of Object.values(bundle)) {
        const source = item.type === 'chunk' ? item.code : item.source;
        if (!/\.(js|css|svg|html|webmanifest|json)$/.test(item.fileName)) continue;
        const gzipped = gzipSync(source, { level: 9 });
        writeFileSync(join(outDir, `${item.fileName}.gz`), gzipped);
        if (/\.(js|css)$/.test(item.fileName) && operatorOnly.has(item.fileName)) operator += gzipped.length;
        else if (/\.(js|css)$/.test(item.fileName)) sizes.push({ file: item.fileName, gzip: gzipped.length, initial: initial.has(item.fileName) });
      }
      const kib = (bytes: number) => (bytes / 1024).toFixed(1);
      const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
      const first = sizes.filter((s) => s.initial).reduce((sum, s) => sum + s.gzip, 0);
      for (const s of sizes.sort((a, b) => b.gzip - a.gzip)) console.log(`  ${s.initial ? 'first screen' : 'on demand   '}  ${kib(s.gzip).padStart(6)} KiB gz  ${s.file}`);
      console.log(`Rider app JavaScript + CSS: ${kib(total)} KiB gzipped in all (first screen ${kib(first)} KiB); budget ${budgetKiB} KiB.`);
      console.log(`Operator pages (/verwaltung, admins only, not counted): ${kib(operator)} KiB gzipped.`);
      if (total > budgetKiB * 1024) {
        throw new Error(`The rider app weighs ${kib(total)} KiB gzipped, over its budget of ${budgetKiB} KiB.`);
      }
    },
  };
}
