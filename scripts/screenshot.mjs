// Screenshots pages of a running server: node scripts/screenshot.mjs BASE OUTDIR PATH...
import { launch } from '../tests/lib/browser.mjs';
const [base, out, ...paths] = process.argv.slice(2);
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
for (const p of paths) {
  await page.goto(base + p);
  const name = p.replace(/[^a-zA-Z0-9]+/g, '_').replace(/^_|_$/g, '') || 'home';
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
  console.log(`${out}/${name}.png`);
}
await browser.close();
