import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/**
 * Weighs the rider app as a phone on a weak connection receives it: every JavaScript and CSS file
 * the villagers' pages can load (the first screen and what they load on demand), gzipped. Prints the figure and fails the build above the budget. Also stores a `.gz` beside each
 * text asset, so the server sends the compressed file without compressing on every request.
 */
const STAFF_DIRS = /\/web\/src\/(desk|driver|admin)\//;

export function bundleBudget(budgetKiB: number): Plugin {
  return {
    name: 'bundle-budget',
    apply: 'build',
    writeBundle(options, bundle) {
      const outDir = options.dir ?? 'dist';
      const sizes: Array<{ file: string; gzip: number; initial: boolean; rider: boolean }> = [];
      const chunks = Object.values(bundle).filter((item) => item.type === 'chunk');
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      const initial = new Set<string>();
      const rider = new Set<string>();
      // The staff's pages (desk, tablet, operators) load on demand for staff logins only: a villager's
      // phone never fetches them, so they are reported but weigh nothing in the rider app's budget.
      const staffPage = (id: string | null) => id !== null && STAFF_DIRS.test(id.replaceAll('\\', '/'));
      const visit = (name: string) => {
        const chunk = byName.get(name);
        if (!chunk || rider.has(name) || (staffPage(chunk.facadeModuleId) && !chunk.isEntry)) return;
        rider.add(name);
        for (const css of chunk.viteMetadata?.importedCss ?? []) rider.add(css);
        for (const next of [...chunk.imports, ...chunk.dynamicImports]) visit(next);
      };
      for (const chunk of chunks) {
        if (!chunk.isEntry) continue;
        initial.add(chunk.fileName);
        for (const name of chunk.imports) initial.add(name);
        for (const css of chunk.viteMetadata?.importedCss ?? []) initial.add(css);
        visit(chunk.fileName);
      }
      for (const item of Object.values(bundle)) {
        const source = item.type === 'chunk' ? item.code : item.source;
        if (!/\.(js|css|svg|html|webmanifest|json)$/.test(item.fileName)) continue;
        const gzipped = gzipSync(source, { level: 9 });
        writeFileSync(join(outDir, `${item.fileName}.gz`), gzipped);
        if (/\.(js|css)$/.test(item.fileName)) sizes.push({ file: item.fileName, gzip: gzipped.length, initial: initial.has(item.fileName), rider: rider.has(item.fileName) || initial.has(item.fileName) });
      }
      const kib = (bytes: number) => (bytes / 1024).toFixed(1);
      const sum = (list: typeof sizes) => list.reduce((total, s) => total + s.gzip, 0);
      const total = sum(sizes.filter((s) => s.rider));
      const first = sum(sizes.filter((s) => s.initial));
      const staff = sum(sizes.filter((s) => !s.rider));
      const label = (s: (typeof sizes)[number]) => (s.initial ? 'first screen' : s.rider ? 'on demand   ' : 'staff pages ');
      for (const s of sizes.sort((a, b) => b.gzip - a.gzip)) console.log(`  ${label(s)}  ${kib(s.gzip).padStart(6)} KiB gz  ${s.file}`);
      console.log(`Rider app JavaScript + CSS: ${kib(total)} KiB gzipped in all (first screen ${kib(first)} KiB); budget ${budgetKiB} KiB. Staff pages besides: ${kib(staff)} KiB.`);
      if (total > budgetKiB * 1024) {
        throw new Error(`The rider app weighs ${kib(total)} KiB gzipped, over its budget of ${budgetKiB} KiB.`);
      }
    },
  };
}
