// Minifies JavaScript files of the build in place — wasm-bindgen's glue module, the page's
// helper thread and the service worker, which Trunk's own minification leaves as they
// are — and, where index.html names a file's sha384 (Trunk's integrity attributes,
// computed before), puts the new one.
// Behaviour is unchanged: terser only renames locals and drops whitespace and comments.
// Usage: node scripts/minify-js.mjs dist/index.html file.js...
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { minify } from 'terser';

const [indexPath, ...files] = process.argv.slice(2);
let index = readFileSync(indexPath, 'utf8');
const integrity = (text) => 'sha384-' + createHash('sha384').update(text).digest('base64');
let saved = 0;
for (const path of files) {
  const source = readFileSync(path, 'utf8');
  // The glue is an ES module (its exports keep their names); the service worker and the
  // page's helper thread (work.js) are classic scripts.
  const module = !['sw.js', 'work.js'].includes(basename(path));
  const { code } = await minify(source, { module, compress: { passes: 2 }, format: { comments: false } });
  writeFileSync(path, code);
  saved += source.length - code.length;
  index = index.split(integrity(source)).join(integrity(code));
}
writeFileSync(indexPath, index);
console.log(`minify-js: ${files.length} file(s), ${saved} bytes removed`);
